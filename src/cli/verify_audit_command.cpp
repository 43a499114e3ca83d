// `victim-gateway verify-audit`: checks the whole audit log's hash chain; exit 0 when intact,
// 1 when broken (naming the first broken entry). Prints no entry contents.
#include <iostream>

#include "app/audit/audit_verifier.h"
#include "cli/commands.h"
#include "cli/config.h"

namespace vg::cli {

void register_verify_audit(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("verify-audit",
                                 "Check that no audit log entry was altered, removed or inserted");
  cmd->callback([&global] {
    auto config = load_config(global.config_path);
    if (!config) throw CLI::RuntimeError(config.error().message, 2);
    auto store = store::open_store(config->database_url, 2);
    if (!store) throw CLI::RuntimeError(store.error().message, 2);
    auto result = app::verify_audit_chain((*store)->audit());
    if (!result) throw CLI::RuntimeError(result.error().message, 2);
    if (result->first_broken_seq) {
      std::cout << "audit log BROKEN at entry " << *result->first_broken_seq << ": "
                << result->problem << " (" << result->entries_checked << " entries read)\n";
      throw CLI::RuntimeError(1);
    }
    std::cout << "audit log intact: " << result->entries_checked << " entries\n";
  });
}

}  // namespace vg::cli
