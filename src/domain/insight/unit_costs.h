// An area's unit costs and the names of its funding streams, as its configuration says
// (config/areas/<area>/costs.txt): what a case at each service costs and what an hour of gateway
// caseworker time costs, each for a run of whole months. Insight's cost figures are estimates
// from these, never amounts paid. Pure: parses text and prices a case; nothing personal in it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::insight {

struct MonthRange {
  std::chrono::year_month first{};
  std::chrono::year_month last{};
  bool contains(std::chrono::year_month month) const { return first <= month && month <= last; }
  bool operator==(const MonthRange&) const = default;
};

// What an hour of gateway caseworker time costs in these months, in pence.
struct CaseworkerRate {
  MonthRange months;
  std::int64_t pence_per_hour = 0;
  bool operator==(const CaseworkerRate&) const = default;
};

// What one case at a service costs in these months: the service's price per case, in pence, and
// the gateway caseworker hours a case takes besides (in hundredths of an hour), priced at the
// caseworker rate of the same month.
struct ServiceUnitCost {
  MonthRange months;
  std::string service_id;
  std::int64_t pence_per_case = 0;
  std::int64_t caseworker_centihours = 0;
  bool operator==(const ServiceUnitCost&) const = default;
};

struct UnitCosts {
  std::map<std::string, std::string> stream_names;  // funding stream code -> the area's name for it
  std::vector<CaseworkerRate> caseworker_rates;
  std::vector<ServiceUnitCost> services;
  bool operator==(const UnitCosts&) const = default;
};

// The longest line read, and the most lines: a costs file is short and written by hand.
inline constexpr std::size_t kMaxCostLineLength = 400;
inline constexpr int kMaxCostLines = 2000;

// One line each; blank lines and "#" comments ignored:
//   stream <code> <name>                                 code: a-z, 0-9 and "_"; name: any words
//   <YYYY-MM> <YYYY-MM> caseworker-hour <pounds>
//   <YYYY-MM> <YYYY-MM> service <service id> <pounds a case> <caseworker hours a case>
// Pounds have at most two decimal places (and under a million), hours at most two (under 1,000).
// The months are the first and the last the line is for, both included. Refused with
// `validation_failed`, one field error per bad line ("line 3"), every one at once: a line of no
// known kind, a bad month, amount or code, a first month after the last, a stream named twice,
// or two lines for the same service (or two caseworker rates) whose months overlap.
Result<UnitCosts> read_unit_costs(std::string_view text);

// The estimated cost of one case at `service_id` received in `month`, in pence (rounded to the
// nearest): the service's price plus its caseworker hours at the month's rate. nullopt when no
// line prices the service that month, or its hours have no rate that month.
std::optional<std::int64_t> case_cost(const UnitCosts& costs, const std::string& service_id,
                                      std::chrono::year_month month);

// "£1,234.50" from pence.
std::string pounds_text(std::int64_t pence);

}  // namespace vg::insight
