// `victim-gateway migrate`: applies the numbered schema migrations the configured database has
// not had yet, and says how many. Prints no data; errors go to stderr with a non-zero exit.
#include <filesystem>
#include <iostream>
#include <system_error>

#include "app/clock.h"
#include "app/insight/facts_migration.h"
#include "app/intake/explanation_migration.h"
#include "app/read_file.h"
#include "domain/assessment/offence_categories.h"
#include "cli/command_support.h"
#include "cli/config.h"
#include "store/open/open_store.h"
#include "store/store.h"

namespace vg::cli {

namespace {

int migrate(const GlobalOptions& global) {
  auto config = load_config(global.config_path);
  if (failed(config)) return 2;
  if (!ensure_sqlite_directory(config->database_url)) return 1;
  auto store = store::open_store(config->database_url, 1);
  if (failed(store)) return 1;
  // The data steps below read referrals, which may be sealed already.
  if (!seal_fields_with_notes_key(*config, **store, false)) return 2;
  auto applied = (*store)->migrate();
  if (failed(applied)) return 1;
  std::cout << "migrated: " << *applied << " applied (" << (*store)->backend() << ")\n";
  // Data steps after the SQL files: they read rows in the schema the files have made.
  SystemClock clock;
  auto explained = app::migrate_stored_explanations(**store, clock);
  if (failed(explained)) return 1;
  if (explained->converted + explained->kept_as_text > 0) {
    std::cout << "explanations stored as facts: " << explained->converted << " converted, "
              << explained->kept_as_text << " kept as text\n";
  }
  // The routing inputs of facts written before migration 0046, while their referrals are held.
  auto inputs = app::migrate_routing_inputs(**store, clock);
  if (failed(inputs)) return 1;
  if (inputs->written + inputs->unreadable > 0) {
    std::cout << "routing inputs written: " << inputs->written << " (" << inputs->unreadable
              << " referrals did not read)\n";
  }
  // Insight's facts for referrals stored before migration 0038; offence groups from the same
  // categories the intake reads.
  const std::string config_dir =
      config->config_dir.empty() ? std::string(VG_SOURCE_DIR) + "/config" : config->config_dir;
  auto categories_text = app::read_file(std::filesystem::path(config_dir) / "offence-categories.json");
  if (!categories_text) {
    // Left undone (not recorded), so a later migrate with the configuration does it.
    std::cerr << "referral facts not written: " << categories_text.error().message << "\n";
    return 0;
  }
  auto categories = assessment::parse_offence_categories(*categories_text);
  if (failed(categories)) return 1;
  auto facts = app::migrate_referral_facts(**store, clock, *categories);
  if (failed(facts)) return 1;
  if (facts->written > 0) {
    std::cout << "referral facts written: " << facts->written << " (" << facts->partly_read
              << " from the referral's columns and case only)\n";
  }
  return 0;
}

}  // namespace

void register_migrate(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("migrate", "Apply the database migrations not yet applied");
  on_run(cmd, [&global] { return migrate(global); });
}

}  // namespace vg::cli
