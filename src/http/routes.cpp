// The order routes are installed in: operational routes first, then assets, the API and pages.
// The router matches in order, so a page pattern can never shadow /healthz or /assets/.
#include "http/routes.h"

#include "http/static_files.h"

namespace vg::http {

void add_all_routes(Router& router, AppContext& ctx) {
  add_system_routes(router, ctx);
  add_static_routes(router, ctx);
  add_directory_api_routes(router, ctx);
  add_referral_api_routes(router, ctx);
  add_onward_referral_api_routes(router, ctx);
  add_insight_api_routes(router, ctx);
  add_public_pages(router, ctx);
  add_self_referral_pages(router, ctx);
  add_help_pages(router, ctx);
  add_chat_pages(router, ctx);
  add_account_pages(router, ctx);
  add_staff_referral_pages(router, ctx);
  add_case_pages(router, ctx);
  add_case_message_pages(router, ctx);
  add_onward_referral_pages(router, ctx);
  add_partner_inbox_pages(router, ctx);
  add_case_risk_pages(router, ctx);
  add_case_support_pages(router, ctx);
  add_case_merge_pages(router, ctx);
  add_break_glass_pages(router, ctx);
  add_admin_pages(router, ctx);
  add_job_pages(router, ctx);
  add_insight_pages(router, ctx);
  add_routing_pages(router, ctx);
  add_legal_hold_api_routes(router, ctx);
  add_legal_hold_pages(router, ctx);
  add_subject_access_pages(router, ctx);
}

}  // namespace vg::http
