// `victim-gateway serve [--config FILE]`: wires configuration, storage, use cases, pages and
// routes into the HTTP server and runs it until SIGTERM or SIGINT, then exits 0. Start-up
// failures print one line to stderr (never a secret from the database URL) and exit non-zero.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "app/accounts/account_service.h"
#include "app/audit/audit_verifier.h"
#include "app/audit/refusal_tally.h"
#include "app/clock.h"
#include "app/started_clock.h"
#include "app/directory/directory_admin.h"
#include "app/directory/directory_search.h"
#include "app/directory/search_synonyms_file.h"
#include "app/intake/api_keys.h"
#include "app/intake/area_packs.h"
#include "app/intake/referral_intake.h"
#include "app/intake/self_referral_questions_file.h"
#include "app/chat/chat_hours_files.h"
#include "app/chat/chat_hub.h"
#include "app/insight/population_files.h"
#include "app/insight/unit_costs_files.h"
#include "app/chat/chat_service.h"
#include "app/content/help_library.h"
#include "app/jobs/job_admin.h"
#include "app/jobs/job_poller.h"
#include "cli/background_jobs.h"
#include "cli/command_support.h"
#include "cli/config.h"
#include "app/security/notes_field_cipher.h"
#include "cli/notes_keys.h"
#include "http/app_context.h"
#include "http/chat_sockets.h"
#include "http/client_address.h"
#include "http/cross_site.h"
#include "http/json_logging.h"
#include "http/metrics.h"
#include "http/pages/page_data.h"
#include "http/pages/page_renderer.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "http/routes.h"
#include "http/server.h"
#include "store/audit_anchor.h"
#include "store/open/open_chat_concerns.h"
#include "store/open/open_store.h"
#include "store/open/seal_fields.h"
#include "store/store.h"

namespace vg::cli {
namespace {

std::string default_web_root() { return std::string(VG_SOURCE_DIR) + "/web"; }
std::string default_config_dir() { return std::string(VG_SOURCE_DIR) + "/config"; }

// method,pattern,guard for every route, as the server would answer them: what the route access
// test checks against the access table.
void print_routes(const http::Router& router) {
  std::cout << "method,pattern,guard\n";
  for (const auto& route : router.routes()) {
    std::cout << route.method << ',' << route.pattern << ',' << http::to_code(route.guard) << '\n';
  }
}

int serve(const std::string& config_path, bool list_routes) {
  auto config = load_config(config_path);
  if (failed(config)) return 2;
  http::configure_json_logging(config->log_level);

  // A request's thread waits while PostgreSQL answers (a case page is a dozen round trips), so
  // on PostgreSQL four threads a core keep the cores busy: with one a core, 100 people at work
  // saw a p99 of 13.6 ms, with four 10.5 ms (bench/README.md, P6). SQLite answers in-process.
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const bool postgres = config->database_url.starts_with("postgres");
  const int threads = config->threads > 0 ? config->threads : (postgres ? 4 * cores : cores);
  // A server never runs with an audit log anyone holding the database could rewrite: no key,
  // no start (the demo makes one under var/; see docs/operations.md).
  if (config->audit_key.empty()) {
    std::cerr << "error: audit_key is not set (VG_AUDIT_KEY): the server will not write an "
                 "audit log without its key; see docs/operations.md\n";
    return 2;
  }
  // Notes about victims are special-category data: never sealed with a key anyone could derive
  // (the demo makes one under var/; see docs/operations.md).
  if (config->notes_key.empty()) {
    std::cerr << "error: notes_key is not set (VG_NOTES_KEY): the server will not store case "
                 "notes without the key that seals them; see docs/operations.md\n";
    return 2;
  }
  auto notes_cipher = configured_notes_cipher(*config);
  if (failed(notes_cipher)) return 2;
  store::AuditAnchor anchor = audit_anchor(*config);
  if (anchor.head_path.empty()) anchor.head_path = store::default_audit_head_path(config->database_url);
  if (anchor.head_path.empty() && config->database_url.rfind("sqlite:", 0) != 0) {
    std::cerr << "error: audit_head is not set (VG_AUDIT_HEAD): name the file the audit log's "
                 "head is kept in; see docs/operations.md\n";
    return 2;
  }
  const std::string head_path = anchor.head_path;
  anchor.on_head = [](const store::AuditHead& head, std::string_view problem) {
    if (!problem.empty()) spdlog::error("audit head file not written: {}", problem);
    const std::string fields = store::format_audit_head(head);
    http::log_json_fields("{\"msg\":\"audit head\"," + fields.substr(1));
  };
  // Every server thread may hold a connection while it handles a request: the pool must not be
  // the bottleneck, so it is at least as large as the thread count.
  auto store = store::open_store(config->database_url, std::max(config->db_pool_size, threads),
                                 std::move(anchor),
                                 std::chrono::seconds(config->db_statement_timeout_seconds));
  if (failed(store)) return 1;
  // An upgraded server brings the schema it needs, like every other command. Safe when several
  // servers start together: each migration is applied once, under a lock (see the stores).
  if (failed((*store)->migrate())) return 1;
  // Referrals' documents and risk answers are sealed and opened at the store with the same key.
  if (failed(store::seal_fields_with(**store, std::make_shared<const app::NotesFieldCipher>(*notes_cipher)))) return 1;
  // Another key than the log's would extend the chain with entries nobody can verify: refuse.
  if (auto head = store::read_audit_head(head_path); head && *head) {
    if (failed(app::check_audit_key((*store)->audit(), config->audit_key, **head))) return 2;
  }

  // The real time, unless a test set clock_start (said in the log, so it is never a surprise).
  SystemClock system_clock;
  std::optional<StartedClock> started_clock;
  if (!config->clock_start.empty()) {
    started_clock.emplace(*from_rfc3339(config->clock_start));
    spdlog::warn("clock_start is set: this server's clock is not the real time");
  }
  const Clock& clock = started_clock ? static_cast<const Clock&>(*started_clock) : system_clock;
  app::TaxonomyCache taxonomy(**store, clock);
  app::DirectoryGeneration generation;
  app::DirectorySearch directory(**store, taxonomy, generation, clock);
  app::DirectoryAdmin directory_admin(**store, clock, taxonomy, generation);
  // The areas' search synonyms: a mistake in one stops the start, with the file and line named.
  if (auto synonyms = app::load_search_synonyms(
          config->config_dir.empty() ? default_config_dir() : config->config_dir);
      synonyms) {
    directory.set_synonyms(std::move(*synonyms));
  } else {
    print_error(synonyms.error());
    return 1;
  }
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
  if (failed(pages.load())) return 1;

  http::Metrics metrics;
  http::SiteSettings settings;
  settings.public_base_url = config->public_base_url;
  settings.exit_url = config->exit_url;
  settings.web_root = web_root;
  settings.secure_cookies = config->secure_cookies.value_or(false);
  settings.api_cache_seconds = config->api_cache_seconds;
  // load_config has checked both lists, so they parse.
  settings.metrics_allow =
      http::parse_address_ranges(config->metrics_allow, "metrics_allow").value();
  settings.trusted_proxies =
      http::parse_address_ranges(config->trusted_proxies, "trusted_proxies").value();
  app::AreaPacks area_packs(**store, clock,
                            config->config_dir.empty() ? default_config_dir() : config->config_dir);
  // A deploy brings its rules files: any new version is loaded (and in force) before the first
  // request. A changed file that kept its old version stops the start, with the file named.
  if (failed(area_packs.load_rule_sets("system:serve"))) return 1;
  // The self-referral's questions are built in; a file that does not hold stops the start
  // here, with its JSON paths, rather than at a victim's first page.
  if (failed(app::self_referral::load_shipped_journey())) return 1;
  // The self-help pages are the content directory's, read now: editors change them without a
  // build. A file that does not hold is reported with its file and line and skipped.
  auto help = app::content::HelpLibrary::from_directory(
      config->content_dir.empty() ? std::string(VG_SOURCE_DIR) + "/content" : config->content_dir);
  if (failed(help)) return 1;
  for (const auto& problem : help->problems) {
    spdlog::error("help page skipped: {}: {} ({})", problem.field, problem.message, problem.code);
  }
  app::SelfReferralLimits limits;
  limits.drafts_per_hour = config->self_referral_drafts_per_hour;
  limits.referrals_per_hour = config->self_referrals_per_hour;
  limits.address_key = config->address_key;
  if (limits.address_key.empty() && (*store)->backend() == "postgresql") {
    spdlog::warn("no address_key: each server process counts the self-referral limits on its own");
  }
  app::SenderScopes sender_scopes(**store, clock);
  app::ReferralIntake intake(**store, clock, area_packs, sender_scopes);
  app::ApiKeys api_keys(**store, clock);
  app::SelfReferralService self_referrals(**store, clock, intake, std::move(limits));
  app::ReferralReader referrals(**store);
  app::SystemStatus system(**store);
  app::JobAdmin job_admin(**store, clock);
  app::DemandInsight insight(**store, clock, config->insight_suppression_threshold);
  // Case reads reach the audit log within half a second, in batches: a page never waits on it.
  app::ReadAuditWriter read_audit(**store);
  // Live chat: messages sealed with the same key as case notes; open chats capped per address.
  app::ChatLimits chat_limits;
  chat_limits.address_key = config->address_key;
  chat_limits.open_per_address = config->chat_open_per_address;
  // Each area's opening hours (config/areas/<area>/chat-hours.txt): a bad file stops the start.
  if (auto hours = app::load_chat_hours(config->config_dir.empty() ? default_config_dir() : config->config_dir);
      hours) {
    chat_limits.hours = std::move(*hours);
  } else {
    print_error(hours.error());
    return 1;
  }
  // Live chat's fan-out: LISTEN/NOTIFY between the processes sharing PostgreSQL; in-process on SQLite.
  auto chat_notifier = store::open_chat_notifier(config->database_url);
  auto chat_concerns = store::open_chat_concerns(**store);
  if (!chat_concerns) {
    print_error(chat_concerns.error());
    return 1;
  }
  app::ChatService chat(**store, clock, *notes_cipher, std::move(chat_limits), &intake, chat_notifier.get(),
                        chat_concerns->get());
  app::Casework casework(**store, clock, std::move(*notes_cipher), &read_audit,
                         [&area_packs](const std::string& area) -> Result<app::AreaRiskSettings> {
                           auto pack = VG_TRY(area_packs.area_pack(area));
                           return app::AreaRiskSettings{pack->policy.risk, pack->marac};
                         });
  casework.break_glass.set_lasting(std::chrono::hours(config->break_glass_hours));
  http::AppContext ctx{clock,    settings, directory, directory_admin, accounts,       intake,
                       area_packs, api_keys, metrics, pages,           self_referrals, referrals,
                       system,   casework, job_admin,       insight,        chat};
  ctx.help = &help->library;
  // Floods of refused credentials, audited in aggregate through the batched audit writer.
  app::RefusalTally refusals(clock, [&read_audit](accounts::AuditEntry e) { read_audit.record(std::move(e)); });
  accounts.set_refusals(&refusals);
  api_keys.set_refusals(&refusals);
  auto retention_store = store::open_retention(**store);
  if (failed(retention_store)) return 1;
  app::LegalHolds holds(**store, **retention_store, clock);
  ctx.holds = &holds;
  app::SubjectAccess subject_access(**store, **retention_store, clock, casework.cipher);
  ctx.subject_access = &subject_access;
  app::ErasureRequests erasures(**store, **retention_store, clock, retention_periods(*config));
  ctx.erasures = &erasures;
  // Each area's funding streams and unit costs (config/areas/<area>/costs.txt): a bad file stops the start.
  auto unit_costs = app::load_unit_costs(config->config_dir.empty() ? default_config_dir() : config->config_dir);
  if (!unit_costs) {
    print_error(unit_costs.error());
    return 1;
  }
  app::CommissioningInsight commissioning(**store, insight, std::move(*unit_costs));
  ctx.commissioning = &commissioning;
  app::CapacityInsight capacity(**store, area_packs, insight, clock);
  ctx.capacity = &capacity;
  app::RoutingWhatIf what_if(**store, clock, area_packs,
                             config->config_dir.empty() ? default_config_dir() : config->config_dir);
  ctx.what_if = &what_if;
  // Each area's residents by local authority (config/areas/<area>/population.txt), for demand per
  // 1,000 residents: a bad file stops the start.
  auto populations = app::load_populations(config->config_dir.empty() ? default_config_dir() : config->config_dir);
  if (!populations) {
    print_error(populations.error());
    return 1;
  }
  insight.set_populations(std::move(*populations));

  // Background jobs: each one's outcome counted (by kind, a short fixed list) and logged as ids.
  auto jobs = make_background_jobs(
      *config, **store, clock, [](const std::string& json) { http::log_json_fields(json); },
      [&metrics](const app::JobEvent& event) {
        const http::MetricLabels kind = {{"kind", std::string(event.job_kind)}};
        metrics.increment("vg_jobs_run_total", kind);
        if (event.kind != app::JobEvent::Kind::kDone) metrics.increment("vg_jobs_failed_total", kind);
        if (event.kind == app::JobEvent::Kind::kDead) metrics.increment("vg_jobs_dead_total", kind);
      });
  if (failed(jobs)) return 1;

  http::Router router;
  http::add_all_routes(router, ctx);
  if (list_routes) {
    print_routes(router);
    return 0;
  }

  http::ServerOptions options;
  options.listen = config->listen;
  options.threads = threads;
  options.max_body_bytes = config->max_body_bytes;
  options.request_timeout = std::chrono::seconds(std::max(1, config->request_timeout_seconds));
  options.pipeline.trusted_proxies = settings.trusted_proxies;
  options.pipeline.public_origin = http::origin_of(config->public_base_url);
  options.pipeline.error_page = [&ctx](const http::Request&, int status) {
    // The public layout's pages; 405 has none of its own and reads as "not found" to a person.
    if (status == 404 || status == 405) {
      auto page = http::pages::not_found_page(ctx);
      page.status = status;
      return page;
    }
    if (status == 403) return http::pages::cross_site_page(ctx);
    return http::pages::server_error_page(ctx);
  };

  app::ChatHub chat_hub(chat, *chat_notifier);
  options.upgrade = http::chat_socket_upgrades(ctx, chat_hub, http::origin_of(config->public_base_url),
                                               {config->chat_message_burst, config->chat_messages_per_minute});
  options.socket_limits.max_message_bytes = static_cast<std::size_t>(config->chat_max_message_bytes);
  options.socket_limits.idle_timeout = std::chrono::seconds(config->chat_idle_seconds);
  http::Server server(router, &metrics, std::move(options));
  if (failed(server.bind())) return 1;
  // Polls until the server stops; every process may poll, as the store's leases keep each job
  // to one of them.
  std::optional<app::JobPoller> poller;
  if (config->jobs_poll_seconds > 0) {
    poller.emplace(*(*jobs)->runner, std::chrono::seconds(config->jobs_poll_seconds), 20,
                   [](const Error& error) {
                     spdlog::warn("background jobs could not be claimed: {}", error.code);
                   });
  }
  http::print_listening(clock, server.url());
  server.run();
  if (poller) poller->stop();  // lets the job in hand finish: its send is bounded by timeouts
  intake.wait_for_writes();  // before `server` (its loops) goes: see ReferralIntake
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
  auto list_routes = std::make_shared<bool>(false);
  cmd->add_flag("--list-routes", *list_routes,
                "Print every route (method,pattern,guard) as it would be served, then exit");
  on_run(cmd, [&global, config_path, list_routes] {
    return serve(config_path->empty() ? global.config_path : *config_path, *list_routes);
  });
}

}  // namespace vg::cli
