// The question a demand insight request asks, read from its query parameters (outside input:
// tests/fuzz/insight_query_fuzz.cpp): which area, and which whole months. Every problem at once,
// each naming its parameter; a parameter it does not know, or one given twice, is refused rather
// than ignored. Pure: the caller says which month it is.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/insight/month_period.h"
#include "domain/result.h"

namespace vg::app {

struct DemandQuestion {
  std::string area;                           // empty: the asker's first area
  std::optional<insight::MonthPeriod> period;  // unset: the default period
};

// How many whole months the default period covers, ending with last month.
inline constexpr int kDefaultMonths = 3;
// The longest area code read (area pack ids are short lower-case words with hyphens).
inline constexpr std::size_t kMaxAreaLength = 64;

// Parameters: area (lower-case letters, digits and hyphens), from and to (YYYY-MM, both or
// neither; insight/month_period.h), and `extra_allowed` (read by the caller, such as a page's
// own). `this_month`: the latest month a period may reach.
Result<DemandQuestion> read_demand_query(const std::vector<std::pair<std::string, std::string>>& params,
                                         std::chrono::year_month this_month,
                                         const std::vector<std::string>& extra_allowed = {});

// The default period: the kDefaultMonths whole months before `this_month`.
insight::MonthPeriod default_period(std::chrono::year_month this_month);

}  // namespace vg::app
