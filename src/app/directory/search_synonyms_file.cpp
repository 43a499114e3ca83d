#include "app/directory/search_synonyms_file.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace vg::app {

namespace {
constexpr std::uintmax_t kMaxFileBytes = 1 << 20;  // hand-written rules, not a thesaurus
}  // namespace

Result<std::shared_ptr<const directory::SearchSynonyms>> load_search_synonyms(const std::string& config_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(config_dir) / "areas", ec)) {
    const auto file = entry.path() / "synonyms.txt";
    if (entry.is_directory() && std::filesystem::is_regular_file(file)) files.push_back(file);
  }
  std::sort(files.begin(), files.end());  // the same order on every machine
  auto merged = std::make_shared<directory::SearchSynonyms>();
  for (const auto& file : files) {
    if (std::filesystem::file_size(file, ec) > kMaxFileBytes) {
      return validation_failed({{file.string(), "too_large", "is larger than 1 MB"}},
                               "A synonyms file is too large");
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) {
      return fail("unavailable", "Could not read " + file.string());
    }
    auto parsed = directory::SearchSynonyms::parse(text.str());
    if (!parsed) {
      auto error = parsed.error();
      for (auto& field : error.fields) field.field = file.string() + ": " + field.field;
      error.message += " (" + file.string() + ")";
      return std::unexpected(std::move(error));
    }
    merged->merge(*parsed);
  }
  return std::shared_ptr<const directory::SearchSynonyms>(std::move(merged));
}

}  // namespace vg::app
