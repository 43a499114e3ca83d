// `victim-gateway rotate-keys [--check] [--batch N]`: re-seals every text sealed under a notes key
// other than notes_key (with that key among notes_previous_keys), so the old key can then be
// removed from the configuration. Safe while the servers run. `--check` changes nothing: it counts
// the texts under each key and exits 1 while any is under another key than notes_key. Prints key
// ids and counts, never a key or a word of a text. Procedure: docs/operations.md, "The notes key".
#include <iostream>

#include "app/security/key_rotation.h"
#include "app/security/notes_cipher.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "cli/notes_keys.h"
#include "store/open/open_sealed_texts.h"

namespace vg::cli {
namespace {

void print_counts(const std::map<std::string, std::int64_t>& counts, const std::string& current) {
  if (counts.empty()) std::cout << "  no sealed texts\n";
  for (const auto& [key_id, n] : counts) {
    if (key_id.empty()) {
      std::cout << "  " << app::KeyRotation::kUnsealed << ": " << n << " (stored before sealing: rotate-keys seals them)\n";
    } else {
      std::cout << "  " << key_id << ": " << n << (key_id == current ? " (notes_key)" : " (a previous key)") << "\n";
    }
  }
}

bool all_under(const std::map<std::string, std::int64_t>& counts, const std::string& current) {
  for (const auto& [key_id, n] : counts) {
    if (key_id != current && n > 0) return false;
  }
  return true;
}

}  // namespace

void register_rotate_keys(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("rotate-keys", "Re-seal every sealed text under notes_key (after a key change)");
  auto check = std::make_shared<bool>(false);
  auto batch = std::make_shared<int>(500);
  cmd->add_flag("--check", *check, "Count texts under each key and change nothing; exit 1 if any is under an old key");
  cmd->add_option("--batch", *batch, "Texts re-sealed per transaction")->check(CLI::Range(1, 100000));
  on_run(cmd, [&global, check, batch] {
    auto config = load_config(global.config_path);
    if (failed(config)) return 2;
    auto cipher = configured_notes_cipher(*config);
    if (failed(cipher)) return 2;
    return with_store(global, [&](store::Store& store, const Clock& clock) {
      auto texts = store::open_sealed_texts(store);
      if (failed(texts)) return 1;
      app::KeyRotation rotation(**texts, *cipher, clock, *batch);
      if (*check) {
        auto counts = rotation.count();
        if (failed(counts)) return 1;
        std::cout << "sealed texts by key:\n";
        print_counts(*counts, cipher->key_id());
        return all_under(*counts, cipher->key_id()) ? 0 : 1;
      }
      auto report = rotation.run();
      if (failed(report)) return 1;
      std::cout << "rotate-keys: " << report->resealed << " texts re-sealed under " << cipher->key_id();
      if (report->changed_meanwhile > 0) std::cout << "; " << report->changed_meanwhile << " changed meanwhile";
      std::cout << "\nsealed texts by key:\n";
      print_counts(report->after, cipher->key_id());
      if (!all_under(report->after, cipher->key_id())) {
        std::cout << "some texts are still under a previous key (written meanwhile by a server still "
                     "sealing with it?): run rotate-keys again\n";
        return 1;
      }
      std::cout << "every sealed text is under notes_key: notes_previous_keys can be emptied\n";
      return 0;
    });
  });
}

}  // namespace vg::cli
