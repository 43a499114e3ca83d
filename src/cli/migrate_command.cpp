// `victim-gateway migrate`: applies the numbered schema migrations the configured database has
// not had yet, and says how many. Prints no data; errors go to stderr with a non-zero exit.
#include <filesystem>
#include <iostream>
#include <system_error>

#include "app/clock.h"
#include "app/intake/explanation_migration.h"
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
  return 0;
}

}  // namespace

void register_migrate(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("migrate", "Apply the database migrations not yet applied");
  on_run(cmd, [&global] { return migrate(global); });
}

}  // namespace vg::cli
