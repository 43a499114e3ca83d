// `victim-gateway jobs run-due [--max N]`: runs the background jobs due now (clock_start's time
// in tests, as `serve`), once, as `serve` would (for operators, cron and tests); prints what happened. `jobs dead-letters [--page N]`:
// the jobs that failed for good, newest first. Prints ids, kinds and error codes; never a payload.
#include <iostream>
#include <optional>

#include "app/started_clock.h"
#include "cli/background_jobs.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "http/json_logging.h"

namespace vg::cli {
namespace {

int run_due(const GlobalOptions& global, int max) {
  auto config = load_config(global.config_path);
  if (failed(config)) return 2;
  return with_store(global, [&](store::Store& store, const Clock& system_clock) {
    // As `serve`: a test's clock_start runs the jobs due at that time (a reminder's morning).
    std::optional<StartedClock> started_clock;
    if (!config->clock_start.empty()) {
      started_clock.emplace(*from_rfc3339(config->clock_start));
      std::cerr << "clock_start is set: jobs run as if it were " << config->clock_start << "\n";
    }
    const Clock& clock = started_clock ? static_cast<const Clock&>(*started_clock) : system_clock;
    // One JSON line per job and message on stderr: stdout is the summary.
    auto jobs = make_background_jobs(*config, store, clock,
                                     [](const std::string& json) { std::cerr << json << "\n"; });
    if (failed(jobs)) return 1;
    auto summary = (*jobs)->runner->run_due(max);
    if (failed(summary)) return 1;
    std::cout << "jobs: " << summary->claimed << " run (" << summary->done << " done, "
              << summary->retried << " to retry, " << summary->dead << " dead, " << summary->lost
              << " not recorded); " << summary->reclaimed << " expired leases reclaimed\n";
    return summary->lost > 0 ? 1 : 0;
  });
}

int dead_letters(const GlobalOptions& global, int page) {
  return with_store(global, [&](store::Store& store, const Clock&) {
    auto dead = store.jobs().list_dead({page, 50});
    if (failed(dead)) return 1;
    std::cout << "id,kind,attempts,last_error,dead_at\n";
    for (const auto& job : dead->items) {
      std::cout << job.id << ',' << job.kind << ',' << job.attempts << ',' << job.last_error << ','
                << to_rfc3339(job.updated_at) << '\n';
    }
    std::cerr << dead->total_items << " dead letters\n";
    return 0;
  });
}

}  // namespace

void register_jobs(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("jobs", "Background jobs: run the due ones, list the failed");
  cmd->require_subcommand(1);
  auto* run = cmd->add_subcommand("run-due", "Run the background jobs due now, once");
  auto max = std::make_shared<int>(100);
  run->add_option("--max", *max, "At most this many jobs")->check(CLI::Range(1, 10000));
  on_run(run, [&global, max] { return run_due(global, *max); });
  auto* dead = cmd->add_subcommand("dead-letters", "List jobs that failed for good (CSV)");
  auto page = std::make_shared<int>(1);
  dead->add_option("--page", *page, "Page of 50, from 1")->check(CLI::Range(1, 100000));
  on_run(dead, [&global, page] { return dead_letters(global, *page); });
}

}  // namespace vg::cli
