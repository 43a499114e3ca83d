// `victim-gateway verify-audit [--head SEQ:MAC]`: checks the whole audit log's chain (the keyed
// MACs with audit_key) and that it reaches the head kept outside the database (the head file,
// and any head copied from the log). Exit 0 when intact, 1 when broken or when no head anchors
// it (naming the first broken entry), 2 when it cannot check. Prints no entry contents.
#include <iostream>

#include "app/audit/audit_verifier.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "store/audit_anchor.h"
#include "store/open/open_store.h"

namespace vg::cli {

void register_verify_audit(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand(
      "verify-audit", "Check that no audit log entry was altered, removed, inserted or cut off");
  auto head_arguments = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--head", *head_arguments,
                  "A head to check against, SEQ:MAC, as logged (\"audit head\" lines)");
  cmd->callback([&global, head_arguments] {
    // CLI11 prints nothing for a RuntimeError: say why before exiting 2.
    auto cannot_check = [](const std::string& why) {
      std::cerr << "error: " << why << "\n";
      throw CLI::RuntimeError(2);
    };
    auto config = load_config(global.config_path);
    if (!config) cannot_check(config.error().message);
    app::AuditVerifyOptions options;
    options.key = config->audit_key;
    const std::string head_path = config->audit_head.empty()
                                      ? store::default_audit_head_path(config->database_url)
                                      : config->audit_head;
    std::string anchors;
    if (!head_path.empty()) {
      auto head = store::read_audit_head(head_path);
      if (!head) cannot_check(head.error().message);
      if (*head) {
        options.heads.push_back(**head);
        anchors = "the head file";
      }
    }
    for (const auto& argument : *head_arguments) {
      auto head = store::parse_audit_head_argument(argument);
      if (!head) cannot_check("--head must be SEQ:MAC (64 hex digits)");
      options.heads.push_back(*head);
      anchors += anchors.empty() ? "the given head" : " and the given head";
    }
    auto store = store::open_store(config->database_url, 2);
    if (!store) cannot_check(store.error().message);
    auto result = app::verify_audit_chain((*store)->audit(), options);
    if (!result) cannot_check(result.error().message);
    if (result->first_broken_seq) {
      std::cout << "audit log BROKEN at entry " << *result->first_broken_seq << ": "
                << result->problem << " (" << result->entries_checked << " entries read)\n";
      throw CLI::RuntimeError(1);
    }
    if (result->unanchored) {
      std::cout << "audit log UNANCHORED: " << result->entries_checked
                << " entries chain together, but no head kept outside the database ("
                << (head_path.empty() ? "set audit_head" : head_path)
                << ", or --head from the log) shows that none were cut from the end\n";
      throw CLI::RuntimeError(1);
    }
    std::cout << "audit log intact: " << result->entries_checked << " entries";
    if (result->keyed_from_seq) std::cout << ", keyed from entry " << *result->keyed_from_seq;
    if (!anchors.empty()) std::cout << ", up to " << anchors;
    std::cout << "\n";
  });
}

}  // namespace vg::cli
