// The period insight is asked about: whole calendar months only, so no figure ever covers a part
// of a month (two periods a day apart would otherwise tell a single referral), and the period of
// the same length just before it to compare with. Pure: the caller says which month is the latest.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace vg::insight {

struct MonthPeriod {
  std::chrono::year_month first{};
  std::chrono::year_month last{};
  int months() const;
  bool operator==(const MonthPeriod&) const = default;
};

// The longest period one question may cover.
inline constexpr int kMostMonths = 24;

// "2026-01", "2026-03": every month from the first to the last, both included. Refused (field
// errors on `from_field` / `to_field`) unless each is exactly YYYY-MM naming a month from 2000
// on, the first is not after the last, the period is at most kMostMonths long, and the last is
// not after `latest` (figures for months to come would be empty, and tell nothing).
Result<MonthPeriod> parse_month_period(std::string_view from, std::string_view to,
                                       std::chrono::year_month latest,
                                       std::string_view from_field = "from",
                                       std::string_view to_field = "to");

// The same number of months, ending the month before `period` starts.
MonthPeriod previous_period(const MonthPeriod& period);

// The `months` whole months ending with `last`.
MonthPeriod months_ending(std::chrono::year_month last, int months);

std::string month_code(std::chrono::year_month month);   // "2026-01"
std::string month_label(std::chrono::year_month month);  // "January 2026"
std::string period_label(const MonthPeriod& period);     // "January to March 2026"

}  // namespace vg::insight
