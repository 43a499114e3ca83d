// The version a migration file's name gives it ("0007_add_x.sql" -> 7), for both backends'
// migration runners. Reads names only; applies nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace vg::store {

// nullopt when the name does not start with digits and an underscore.
std::optional<std::int64_t> migration_version(std::string_view filename);

}  // namespace vg::store
