// Instants as text: RFC 3339 in UTC ("Z"). Pure; what the API writes, what the store keeps, and
// the one reader of both.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vg {

// RFC 3339 UTC with a Z, second precision: "2026-11-23T02:26:03Z".
std::string to_rfc3339(std::chrono::system_clock::time_point at);
// Reads what to_rfc3339 writes, with or without a fraction of a second (up to nine digits):
// "2026-11-23T02:26:03Z", "2026-11-23T02:26:03.5Z". Only UTC ("Z"); nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> from_rfc3339(std::string_view text);

// Whether an instant in year `y` can be held: system_clock counts nanoseconds in 64 bits (years
// 1678 to 2261), so every parser of instants refuses the rest rather than overflow. No instant
// this product keeps (a report, a contact, a change to a record) comes near either end.
constexpr bool instant_year_in_range(long long y) { return y >= 1700 && y <= 2200; }

}  // namespace vg
