// A backend's migration files, and the version a file's name gives it ("0007_add_x.sql" -> 7),
// for the migration runner (SqlStore::migrate). Reads names only; applies nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace vg::store {

// (file name, SQL) for each file of src/store/<backend>/migrations/, sorted by name: embedded by
// cmake/embed.cmake.
using Migrations = std::vector<std::pair<std::string_view, std::string_view>>;

// nullopt when the name does not start with digits and an underscore.
std::optional<std::int64_t> migration_version(std::string_view filename);

}  // namespace vg::store
