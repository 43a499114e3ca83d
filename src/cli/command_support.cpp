#include "cli/command_support.h"

#include <filesystem>
#include <iostream>
#include <system_error>

#include "cli/config.h"

namespace vg::cli {

void print_error(const Error& error) {
  std::cerr << "error: " << error.message << "\n";
  for (const auto& f : error.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
}

bool ensure_sqlite_directory(const std::string& database_url) {
  constexpr std::string_view kScheme = "sqlite:";
  if (database_url.rfind(kScheme, 0) != 0) return true;
  const std::string path = database_url.substr(kScheme.size());
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return true;
  const auto parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return true;
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    std::cerr << "error: cannot create the database directory " << parent << ": " << ec.message()
              << "\n";
    return false;
  }
  return true;
}

std::unique_ptr<store::Store> open_configured_store(const GlobalOptions& global, int pool_size) {
  auto config = load_config(global.config_path);
  if (!config) {
    print_error(config.error());
    return nullptr;
  }
  if (!ensure_sqlite_directory(config->database_url)) return nullptr;
  auto store = store::open_store(config->database_url, pool_size);
  if (!store) {
    print_error(store.error());
    return nullptr;
  }
  if (auto migrated = (*store)->migrate(); !migrated) {
    print_error(migrated.error());
    return nullptr;
  }
  return std::move(*store);
}

}  // namespace vg::cli
