// Capacity and utilisation now, for one area: each service routing sends cases to (the open cases
// it holds against the number it can hold, as routing itself compares them) and each casework
// team (its caseworkers, the open cases they hold and the cases they can hold). Counts of cases
// are of victims, so each is suppressed below the threshold; no total is published beside them,
// so none can be worked back. No caseworker is shown on their own. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/insight/suppression.h"
#include "domain/text/iso_date.h"

namespace vg::insight {

struct ServiceLoad {
  std::string service_id;
  std::string name;
  int capacity = 0;  // open cases it can hold; 0 = not limited
  std::int64_t open_cases = 0;
};

struct TeamLoad {
  std::string team_id;
  std::string name;
  int caseworkers = 0;
  std::int64_t capacity = 0;  // the open cases its caseworkers can hold between them
  std::int64_t open_cases = 0;
};

struct CapacityRow {
  std::string code;   // service or team id
  std::string label;  // its name
  std::optional<std::int64_t> capacity;  // unset: not limited
  std::optional<int> caseworkers;        // teams only
  Cell open_cases;
  std::optional<double> percent_used;  // only when the open cases are shown and capacity is set
};

struct CapacityReport {
  std::string area;
  std::chrono::year_month_day as_at{};
  int threshold = kDefaultSuppressionThreshold;
  std::vector<CapacityRow> services;  // in name order
  std::vector<CapacityRow> teams;     // in name order
};

CapacityReport capacity_report(const std::string& area, std::chrono::year_month_day as_at,
                               std::vector<ServiceLoad> services, std::vector<TeamLoad> teams,
                               int threshold = kDefaultSuppressionThreshold);

}  // namespace vg::insight
