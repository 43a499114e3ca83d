// Everything a route handler may use, built once by `serve` and shared by every thread.
// Holds no per-request state; handlers stay thin: parse, call one use case, render.
#pragma once

#include <string>
#include <vector>

#include "app/accounts/account_service.h"
#include "app/casework/casework.h"
#include "app/chat/chat_service.h"
#include "app/content/help_library.h"
#include "app/clock.h"
#include "app/directory/directory_admin.h"
#include "app/directory/directory_search.h"
#include "app/insight/capacity_insight.h"
#include "app/insight/commissioning_insight.h"
#include "app/insight/demand_insight.h"
#include "app/insight/routing_what_if.h"
#include "app/intake/api_keys.h"
#include "app/intake/area_packs.h"
#include "app/intake/referral_intake.h"
#include "app/intake/referral_reader.h"
#include "app/intake/self_referral_service.h"
#include "app/jobs/job_admin.h"
#include "app/protection/erasure_requests.h"
#include "app/protection/legal_holds.h"
#include "app/protection/subject_access.h"
#include "app/system/system_status.h"
#include "http/client_address.h"

namespace vg::http {

class Metrics;
class PageRenderer;

struct SiteSettings {
  std::string public_base_url = "http://127.0.0.1:8080";
  std::string exit_url = "https://www.bbc.co.uk/weather";  // "Exit this page"'s destination
  std::string web_root;  // holds templates/ and static/
  bool secure_cookies = false;
  // Callers (Request::remote_address) that /metrics answers.
  std::vector<AddressRange> metrics_allow = {*parse_address_range("127.0.0.1/32"),
                                             *parse_address_range("::1/128")};
  std::vector<AddressRange> trusted_proxies = {};  // the pipeline's list (PipelineOptions)
  // How long the API keeps a directory answer (Config::api_cache_seconds); 0 = never.
  int api_cache_seconds = 10;
};

// Use cases only: handlers never reach the store, and never decide who may see what.
struct AppContext {
  const Clock& clock;
  SiteSettings settings;
  app::DirectorySearch& directory;
  app::DirectoryAdmin& directory_admin;
  app::AccountService& accounts;
  app::ReferralIntake& intake;
  app::AreaPacks& area_packs;
  app::ApiKeys& api_keys;
  Metrics& metrics;
  PageRenderer& pages;
  app::SelfReferralService& self_referrals;
  app::ReferralReader& referrals;
  app::SystemStatus& system;
  app::Casework& casework;
  app::JobAdmin& job_admin;
  app::DemandInsight& insight;
  app::ChatService& chat;
  // The self-help pages read at start from the content directory; none: /help lists no page.
  const app::content::HelpLibrary* help = nullptr;
  // Data protection (issue 17): legal holds, subject access and erasure on request; serve always
  // sets them.
  app::LegalHolds* holds = nullptr;
  app::SubjectAccess* subject_access = nullptr;
  app::ErasureRequests* erasures = nullptr;
  // Cost, grant return and Victims' Code compliance (issue 15); none: those insight routes 404.
  app::CommissioningInsight* commissioning = nullptr;
  // Capacity and utilisation now (issue 15); none: /insight/capacity 404s.
  app::CapacityInsight* capacity = nullptr;
  // The routing what-if and publishing a draft (issue 15); none: /admin/routing 404s.
  app::RoutingWhatIf* what_if = nullptr;
};

}  // namespace vg::http
