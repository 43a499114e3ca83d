// `victim-gateway import-directory FILE`: loads Open Referral HSDS 3.0 JSON (one object, a list,
// an API page, or an export-directory bundle). Every problem is printed with its JSON path and
// nothing is imported unless the whole file is valid.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/clock.h"
#include "app/directory/directory_transfer.h"
#include "cli/command_support.h"

namespace vg::cli {
namespace {

constexpr std::size_t kMaxShownErrors = 200;

int import_directory(const GlobalOptions& global, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot read " << file << "\n";
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::DirectoryTransfer directory(store, clock);
    auto summary = directory.import_hsds(text.str(), "system:import-directory");
    if (!summary) {
      const auto& e = summary.error();
      std::cerr << "error: " << e.message << "\n";
      std::size_t shown = 0;
      for (const auto& f : e.fields) {
        if (shown++ == kMaxShownErrors) {
          std::cerr << "  … and " << (e.fields.size() - kMaxShownErrors) << " more\n";
          break;
        }
        std::cerr << "  " << f.field << ": " << f.message << "\n";
      }
      return 1;
    }
    std::cout << "imported: " << summary->organizations << " organizations, " << summary->services
              << " services, " << summary->service_at_locations << " service at locations, "
              << summary->taxonomies << " taxonomies, " << summary->taxonomy_terms
              << " taxonomy terms\n";
    return 0;
  });
}

}  // namespace

void register_import_directory(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("import-directory",
                                 "Import Open Referral HSDS 3.0 JSON into the directory");
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "HSDS 3.0 JSON file")->required();
  on_run(cmd, [&global, file] { return import_directory(global, *file); });
}

}  // namespace vg::cli
