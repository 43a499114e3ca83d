// `victim-gateway export-directory [FILE]`: writes the whole directory as HSDS 3.0 JSON
// (organizations, taxonomies, taxonomy_terms, services, service_at_locations) that
// import-directory reads back to the same data. Standard output when no file is given.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/clock.h"
#include "app/directory/directory_transfer.h"
#include "cli/command_support.h"

namespace vg::cli {
namespace {

int export_directory(const GlobalOptions& global, const std::string& file) {
  return with_store(global, [&](store::Store& store, const Clock& clock) {
    app::DirectoryTransfer directory(store, clock);
    auto text = directory.export_hsds();
    if (failed(text)) return 1;
    if (file.empty() || file == "-") {
      std::cout << *text;
      return std::cout ? 0 : 1;
    }
    // Written beside the target and renamed, so a reader never sees half a file.
    const std::string partial = file + ".partial";
    {
      std::ofstream out(partial, std::ios::binary | std::ios::trunc);
      out << *text;
      out.flush();
      if (!out) {
        std::cerr << "error: cannot write " << partial << "\n";
        return 1;
      }
    }
    std::error_code ec;
    std::filesystem::rename(partial, file, ec);
    if (ec) {
      std::cerr << "error: cannot write " << file << ": " << ec.message() << "\n";
      return 1;
    }
    std::cerr << "exported the directory to " << file << "\n";
    return 0;
  });
}

}  // namespace

void register_export_directory(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand("export-directory", "Export the directory as HSDS 3.0 JSON");
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "Output file (default: standard output)");
  on_run(cmd, [&global, file] { return export_directory(global, *file); });
}

}  // namespace vg::cli
