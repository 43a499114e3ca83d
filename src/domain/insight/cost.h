// Estimated cost for one area and a run of whole months, by service and funding stream: the cases
// each service was given, how many of those victims were supported and how many needs ended
// better able to cope and recover, what they cost at the area's unit costs (unit_costs.h), and
// the cost per case, per supported victim and per improved outcome. Every figure is an estimate
// and every count is suppressed (suppression.h) before anything can show it. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/insight/fact_groups.h"
#include "domain/insight/month_period.h"
#include "domain/insight/stream_split.h"
#include "domain/insight/suppression.h"
#include "domain/insight/unit_costs.h"

namespace vg::insight {

// An improved outcome: one need rated at close as "yes", better able to cope and recover.
inline constexpr const char* kImprovedOutcome = "yes";

struct CostRow {
  std::string service_id;  // empty on the total line
  std::string service;     // words for it
  std::string funding_stream;
  std::string funding_stream_label;
  Cell cases;      // referrals routing gave the service
  Cell supported;  // of them, victims supported
  Cell improved;   // needs better able to cope and recover at close, over those cases
  // In pence. A service's unit cost over the period is the plain average of its unit cost in
  // each month of the period that has one (not weighted by the cases of each month, which would
  // let the estimate tell how many came in which month). The estimate is the cases times it, so
  // it is set only when the cases are shown; per-unit figures also need their own count shown
  // and not zero. The total's estimate is the rows' added up, set only when every row has one
  // (else it and the shown rows would tell a hidden row's cases).
  std::optional<std::int64_t> unit_cost;
  std::optional<std::int64_t> estimated_cost;
  std::optional<std::int64_t> per_case;
  std::optional<std::int64_t> per_supported;
  std::optional<std::int64_t> per_improved;
  // Some months of the period have no unit cost for the service: its unit cost is the average of
  // the others (no month at all: no estimate).
  bool partly_priced = false;
};

struct CostReport {
  std::string area;
  MonthPeriod period;
  int threshold = kDefaultSuppressionThreshold;
  std::vector<CostRow> rows;  // by service label, then funding stream
  CostRow total;
};

// The period's fact groups' counts (the store's) added to `into` under kCostMeasures, per stream:
// only the groups with a service, which routing gave the case.
void add_cost_counts(DemandCounts& into, const std::vector<FactGroup>& groups);

// `split`: the period's split by funding stream (stream_split.h), of its counts with the cost
// counts added, so every count here is suppressed with the other pages' figures.
// `service_names`: service id -> words (its directory name); an unnamed one shows its id.
CostReport cost_report(const std::string& area, const MonthPeriod& period, const StreamSplit& split,
                       const UnitCosts& costs, const std::map<std::string, std::string>& service_names,
                       int threshold = kDefaultSuppressionThreshold);

// Needs closed with the improved outcome, over one group's outcome counts.
std::int64_t improved_needs(const std::map<std::string, std::map<std::string, std::int64_t>>& outcomes);

}  // namespace vg::insight
