// The route groups `serve` installs. Each group lives in its own file and only registers
// handlers; docs/api/openapi.yaml must list exactly the API routes registered here (tested).
#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace vg::http {

void add_system_routes(Router& router, AppContext& ctx);         // /healthz /readyz /metrics /hello
void add_directory_api_routes(Router& router, AppContext& ctx);  // /api/v1/... (Open Referral UK)
void add_referral_api_routes(Router& router, AppContext& ctx);   // POST /api/v1/referrals
void add_onward_referral_api_routes(Router& router, AppContext& ctx);  // /api/v1/onward-referrals
void add_public_pages(Router& router, AppContext& ctx);          // directory search, service pages
void add_self_referral_pages(Router& router, AppContext& ctx);   // /refer: self-referral, advice
void add_help_pages(Router& router, AppContext& ctx);            // /help: self-help pages (content/)
void add_chat_pages(Router& router, AppContext& ctx);            // /chat, /staff/chats: live chat
void add_account_pages(Router& router, AppContext& ctx);         // sign in, sign out
void add_staff_referral_pages(Router& router, AppContext& ctx);  // /staff/referrals: the referral form
void add_case_pages(Router& router, AppContext& ctx);            // /cases: queue, case, casework forms
void add_case_message_pages(Router& router, AppContext& ctx);    // /cases/{id}/messages: named contact introduction
void add_onward_referral_pages(Router& router, AppContext& ctx);  // /cases/{id}/onward-referrals
void add_partner_inbox_pages(Router& router, AppContext& ctx);    // /inbox: a partner's referrals
void add_case_risk_pages(Router& router, AppContext& ctx);       // risk (DASH), tasks, /tasks
void add_case_support_pages(Router& router, AppContext& ctx);    // /cases/{id}: needs, plan, notes, rights, close
void add_case_merge_pages(Router& router, AppContext& ctx);      // /cases/{id}/duplicates: merge, undo
void add_break_glass_pages(Router& router, AppContext& ctx);     // /cases/{id}/break-glass: another team's case
void add_admin_pages(Router& router, AppContext& ctx);           // directory administration
void add_job_pages(Router& router, AppContext& ctx);             // /admin/jobs: failed jobs
void add_insight_pages(Router& router, AppContext& ctx);         // /insight: demand figures
void add_routing_pages(Router& router, AppContext& ctx);         // /admin/routing: rules, what-if
void add_insight_api_routes(Router& router, AppContext& ctx);    // /api/v1/insight/demand
void add_legal_hold_pages(Router& router, AppContext& ctx);      // /cases/{id}/holds: legal holds
void add_legal_hold_api_routes(Router& router, AppContext& ctx);  // /api/v1/cases/{id}/holds
void add_subject_access_pages(Router& router, AppContext& ctx);  // /subject-access, /cases/{id}/erasure

// All of the above, in order.
void add_all_routes(Router& router, AppContext& ctx);

// A page handler, written as a function of the request and the context, as the router takes it.
inline Handler with_context(AppContext& ctx, Response (*page)(Request&, AppContext&)) {
  return [page, &ctx](Request& request) { return page(request, ctx); };
}

}  // namespace vg::http
