// `victim-gateway serve [--config FILE]`: wires configuration, storage, use cases, pages and
// routes into the HTTP server and runs it until SIGTERM or SIGINT, then exits 0. Start-up
// failures print one line to stderr (never a secret from the database URL) and exit non-zero.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "app/accounts/account_service.h"
#include "app/clock.h"
#include "app/directory/directory_service.h"
#include "app/intake/intake_service.h"
#include "cli/command_support.h"
#include "cli/config.h"
#include "http/app_context.h"
#include "http/json_logging.h"
#include "http/metrics.h"
#include "http/pages/page_data.h"
#include "http/pages/page_renderer.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "http/routes.h"
#include "http/server.h"
#include "store/store.h"

namespace vg::cli {
namespace {

std::string default_web_root() { return std::string(VG_SOURCE_DIR) + "/web"; }
std::string default_config_dir() { return std::string(VG_SOURCE_DIR) + "/config"; }

int serve(const std::string& config_path) {
  auto config = load_config(config_path);
  if (!config) {
    print_error(config.error());
    return 2;
  }
  http::configure_json_logging(config->log_level);

  const int threads = config->threads > 0
                          ? config->threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  // Every server thread may hold a connection while it handles a request: the pool must not be
  // the bottleneck, so it is at least as large as the thread count.
  auto store = store::open_store(config->database_url, std::max(config->db_pool_size, threads));
  if (!store) {
    print_error(store.error());
    return 1;
  }
  // An upgraded server brings the schema it needs, like every other command. Safe when several
  // servers start together: each migration is applied once, under a lock (see the stores).
  if (auto migrated = (*store)->migrate(); !migrated) {
    print_error(migrated.error());
    return 1;
  }

  SystemClock clock;
  app::DirectoryService directory(**store, clock);
  app::AccountPolicy policy;
  policy.session_idle = std::chrono::minutes(config->session_idle_minutes);
  policy.session_absolute = std::chrono::hours(config->session_absolute_hours);
  // The failures one address may make at one account before waits, and the longest wait.
  policy.per_pair.free_failures = config->lockout_threshold;
  policy.per_pair.longest_wait = std::chrono::minutes(config->lockout_minutes);
  policy.address_key = config->address_key;
  app::AccountService accounts(**store, clock, policy);

  const std::string web_root = config->web_root.empty() ? default_web_root() : config->web_root;
  http::PageRenderer pages(web_root);
  if (auto loaded = pages.load(); !loaded) {
    print_error(loaded.error());
    return 1;
  }

  http::Metrics metrics;
  http::SiteSettings settings;
  settings.public_base_url = config->public_base_url;
  settings.web_root = web_root;
  settings.secure_cookies = config->secure_cookies;
  app::IntakeService intake(**store, clock, config->config_dir.empty() ? default_config_dir() : config->config_dir);
  // A deploy brings its rules files: any new version is loaded (and in force) before the first
  // request. A changed file that kept its old version stops the start, with the file named.
  if (auto loaded = intake.load_rule_sets("system:serve"); !loaded) {
    print_error(loaded.error());
    return 1;
  }
  app::SelfReferralLimits limits;
  limits.drafts_per_hour = config->self_referral_drafts_per_hour;
  limits.referrals_per_hour = config->self_referrals_per_hour;
  limits.address_key = config->address_key;
  if (limits.address_key.empty() && (*store)->backend() == "postgresql") {
    spdlog::warn("no address_key: each server process counts the self-referral limits on its own");
  }
  app::SelfReferralService self_referrals(**store, clock, intake, std::move(limits));
  http::AppContext ctx{**store, clock, settings, directory, accounts, intake, metrics, pages, self_referrals};

  http::Router router;
  http::add_all_routes(router, ctx);

  http::ServerOptions options;
  options.listen = config->listen;
  options.threads = threads;
  options.max_body_bytes = config->max_body_bytes;
  options.request_timeout = std::chrono::seconds(std::max(1, config->request_timeout_seconds));
  options.pipeline.error_page = [&ctx](const http::Request&, int status) {
    // The public layout's pages; 405 has none of its own and reads as "not found" to a person.
    if (status == 404 || status == 405) {
      auto page = http::pages::not_found_page(ctx);
      page.status = status;
      return page;
    }
    return http::pages::server_error_page(ctx);
  };

  http::Server server(router, &metrics, std::move(options));
  if (auto bound = server.bind(); !bound) {
    print_error(bound.error());
    return 1;
  }
  http::print_listening(clock, server.url());
  server.run();
  intake.wait_for_writes();  // before `server` (its loops) goes: see IntakeService
  accounts.wait_for_sign_ins();  // likewise: a sign-in being checked answers on a loop
  spdlog::info("stopped");
  return 0;
}

}  // namespace

void register_serve(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("serve", "Serve the web pages and the API over HTTP");
  // Also accepted after the sub-command (`serve --config FILE`); the global one is the default.
  auto config_path = std::make_shared<std::string>();
  cmd->add_option("--config", *config_path, "TOML configuration file");
  cmd->callback([&global, config_path] {
    const std::string path = config_path->empty() ? global.config_path : *config_path;
    if (int rc = serve(path); rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace vg::cli
