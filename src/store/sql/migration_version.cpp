#include "store/sql/migration_version.h"

#include <charconv>

namespace vg::store {

std::optional<std::int64_t> migration_version(std::string_view filename) {
  std::int64_t version = 0;
  auto [end, ec] = std::from_chars(filename.data(), filename.data() + filename.size(), version);
  if (ec != std::errc() || end == filename.data() || end == filename.data() + filename.size() ||
      *end != '_') {
    return std::nullopt;
  }
  return version;
}

}  // namespace vg::store
