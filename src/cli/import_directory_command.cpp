// PLACEHOLDER during the first session's build-out: replaced by the real command.
#include "cli/commands.h"

namespace vg::cli {

void register_import_directory(CLI::App& app, const GlobalOptions&) {
  auto* cmd = app.add_subcommand("import-directory", "not yet built");
  cmd->callback([] { throw CLI::RuntimeError("not yet built", 2); });
}

}  // namespace vg::cli
