// docs/api/openapi.yaml lists exactly the API and system routes the router serves: every
// (method, path) the router registers under /api/ or as a system route is documented, and every
// documented one is registered. (tests/integration/http/openapi_routes.test.mjs probes the
// running server the other way round.)
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "app/accounts/account_service.h"
#include "app/clock.h"
#include "app/directory/directory_admin.h"
#include "app/directory/directory_search.h"
#include "app/intake/api_keys.h"
#include "app/intake/area_packs.h"
#include "app/intake/referral_intake.h"
#include "http/app_context.h"
#include "http/metrics.h"
#include "http/pages/page_renderer.h"
#include "http/router.h"
#include "http/routes.h"
#include "store/open/open_store.h"
#include "store/store.h"

namespace vg::http {
namespace {

std::set<std::string> documented_routes() {
  std::ifstream in(std::string(VG_SOURCE_DIR) + "/docs/api/openapi.yaml");
  std::set<std::string> out;
  const std::regex path_line(R"(^  (/[^ :]*):\s*$)");
  const std::regex method_line(R"(^    (get|post|put|patch|delete):\s*$)");
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (in_paths && !line.empty() && line[0] != ' ' && line[0] != '#') in_paths = false;
    if (!in_paths) continue;
    std::smatch m;
    if (std::regex_match(line, m, path_line)) {
      path = m[1];
    } else if (!path.empty() && std::regex_match(line, m, method_line)) {
      std::string method = m[1];
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(method + " " + path);
    }
  }
  return out;
}

TEST(OpenApiRoutes, TheDocumentListsExactlyTheApiAndSystemRoutesServed) {
  auto store = store::open_store("sqlite::memory:", 1).value();
  ASSERT_TRUE(store->migrate().has_value());
  SystemClock clock;
  app::TaxonomyCache taxonomy(*store, clock);
  app::DirectoryGeneration generation;
  app::DirectorySearch directory(*store, taxonomy, generation, clock);
  app::DirectoryAdmin directory_admin(*store, clock, taxonomy, generation);
  app::AccountService accounts(*store, clock, app::AccountPolicy{});
  app::AreaPacks packs(*store, clock, std::string(VG_SOURCE_DIR) + "/config");
  app::SenderScopes scopes(*store, clock);
  app::ReferralIntake intake(*store, clock, packs, scopes);
  app::ApiKeys api_keys(*store, clock);
  Metrics metrics;
  PageRenderer pages(std::string(VG_SOURCE_DIR) + "/web");
  SiteSettings settings;
  settings.web_root = std::string(VG_SOURCE_DIR) + "/web";
  app::SelfReferralService self_referrals(*store, clock, intake);
  app::ReferralReader referrals(*store);
  app::SystemStatus status(*store);
  app::Casework casework(*store, clock, app::NotesCipher::for_tests_only());
  app::JobAdmin job_admin(*store, clock);
  app::DemandInsight insight(*store, clock);
  app::ChatService chat(*store, clock, app::NotesCipher::for_tests_only());
  AppContext ctx{clock,    settings, directory, directory_admin, accounts,  intake,   packs,
                 api_keys, metrics,  pages,     self_referrals,  referrals, status,   casework,
                 job_admin, insight,  chat};
  auto retention = store::open_retention(*store).value();
  app::LegalHolds holds(*store, *retention, clock);
  ctx.holds = &holds;
  app::SubjectAccess subject_access(*store, *retention, clock, casework.cipher);
  ctx.subject_access = &subject_access;
  app::ErasureRequests erasures(*store, *retention, clock, {});
  ctx.erasures = &erasures;
  Router router;
  add_all_routes(router, ctx);

  const std::set<std::string> system = {"/healthz", "/readyz", "/metrics", "/hello"};
  std::set<std::string> served;
  for (const auto& route : router.routes()) {
    if (route.pattern.starts_with("/api") || system.contains(route.pattern)) {
      served.insert(route.method + " " + route.pattern);
    }
  }
  const auto documented = documented_routes();
  ASSERT_FALSE(documented.empty());
  EXPECT_EQ(served, documented);
}

}  // namespace
}  // namespace vg::http
