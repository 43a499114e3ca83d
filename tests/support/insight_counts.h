// Hand-built insight counts in the form the store gives them (domain/insight/demand_counts.h):
// every figure also under the one funding stream all the referrals are of.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/insight/cost.h"
#include "domain/insight/demand_counts.h"

namespace vg::testing {

inline insight::DemandCounts of_one_stream(const insight::DemandCounts& c,
                                           const std::string& stream = "victims_grant") {
  insight::DemandCounts out;
  insight::add_stream_figure(out, stream, "totals", "referrals", c.referrals);
  insight::add_stream_figure(out, stream, "totals", "accepted", c.accepted);
  insight::add_stream_figure(out, stream, "totals", "contacted", c.contacted);
  insight::add_stream_figure(out, stream, "totals", "supported", c.supported);
  for (const auto& [flag, n] : c.flags) insight::add_stream_figure(out, stream, "flags", flag, n);
  for (const auto& [dimension, values] : c.by) {
    if (dimension == "funding_stream") continue;
    for (const auto& [value, n] : values) insight::add_stream_figure(out, stream, dimension, value, n);
  }
  insight::add_stream_figure(out, stream, "funding_stream", stream, c.referrals);
  return out;
}

// The cost report of `groups` alone, as the cost page works it out: their counts split by stream
// and suppressed with the period's other figures (none here).
inline insight::CostReport cost_of(const std::string& area, const insight::MonthPeriod& period,
                                   const std::vector<insight::FactGroup>& groups, const insight::UnitCosts& costs,
                                   const std::map<std::string, std::string>& names, int threshold = 5) {
  insight::DemandCounts counts;
  insight::add_cost_counts(counts, groups);
  return insight::cost_report(area, period, insight::stream_split(counts, {}, threshold), costs, names, threshold);
}

}  // namespace vg::testing
