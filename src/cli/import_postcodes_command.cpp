// `victim-gateway import-postcodes FILE`: loads the ONS Postcode Directory (ONSPD) or National
// Statistics Postcode Lookup (NSPL) CSV so the public search can place a postcode in its local
// authority. The file is read twice: first every row is checked (errors give line and column and
// nothing is loaded), then rows are written in batches. Memory stays flat however big the file.
#include <fstream>
#include <iostream>

#include "app/directory/postcode_csv.h"
#include "cli/command_support.h"

namespace vg::cli {
namespace {

constexpr std::size_t kBatch = 20000;
constexpr std::size_t kMaxShownErrors = 50;

int import_postcodes(const GlobalOptions& global, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) {
    std::cerr << "error: cannot read " << file << "\n";
    return 2;
  }
  auto layout = app::read_postcode_header(line);
  if (!layout) {
    std::cerr << "error: " << file << " line 1: " << layout.error().message << "\n";
    for (const auto& f : layout.error().fields) std::cerr << "  " << f.message << "\n";
    return 1;
  }

  std::size_t errors = 0, rows = 0, skipped = 0, line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    auto row = app::read_postcode_row(line, *layout);
    if (!row) {
      if (errors++ < kMaxShownErrors) {
        for (const auto& f : row.error().fields) {
          std::cerr << file << " line " << line_no << ", " << f.field << ": " << f.message << "\n";
        }
      }
    } else if (*row) {
      ++rows;
    } else {
      ++skipped;
    }
  }
  if (errors > 0) {
    std::cerr << "error: " << errors << " bad rows; nothing was imported\n";
    return 1;
  }

  auto store = open_configured_store(global);
  if (!store) return 1;
  in.clear();
  in.seekg(0);
  std::getline(in, line);
  std::vector<store::PostcodeRepository::Row> batch;
  batch.reserve(kBatch);
  std::size_t written = 0;
  auto flush = [&]() -> bool {
    if (batch.empty()) return true;
    if (auto done = store->postcodes().upsert(batch); !done) {
      print_error(done.error());
      return false;
    }
    written += batch.size();
    batch.clear();
    return true;
  };
  while (std::getline(in, line)) {
    if (line.empty() || line == "\r") continue;
    auto row = app::read_postcode_row(line, *layout);
    if (row && *row) batch.push_back({(*row)->postcode_key, (*row)->lad_code});
    if (batch.size() == kBatch && !flush()) return 1;
  }
  if (!flush()) return 1;
  std::cout << "imported: " << written << " postcodes (" << skipped
            << " without a local authority skipped)\n";
  return 0;
}

}  // namespace

void register_import_postcodes(CLI::App& app, const GlobalOptions& global) {
  auto* cmd = app.add_subcommand(
      "import-postcodes", "Load the ONS postcode lookup (ONSPD or NSPL CSV) for postcode search");
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "ONSPD or NSPL CSV file")->required();
  on_run(cmd, [&global, file] { return import_postcodes(global, *file); });
}

}  // namespace vg::cli
