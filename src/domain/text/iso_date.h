// Calendar dates as text: "2026-12-04" (ISO 8601 / RFC 3339 full-date), the only form dates
// take in the API, the stores and the pages' machine-readable attributes. Pure; no I/O.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vg::text {

std::string iso_date(std::chrono::year_month_day date);
// Exactly YYYY-MM-DD naming a real calendar date; nullopt otherwise.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);

}  // namespace vg::text
