#include "domain/insight/cost.h"

#include <algorithm>
#include <utility>

#include "domain/insight/funding_stream.h"

namespace vg::insight {
namespace {

struct Sums {
  std::int64_t cases = 0, supported = 0, improved = 0;
};

std::optional<std::int64_t> per(std::int64_t pence, const Cell& count) {
  if (!count.shown() || count.value == 0) return std::nullopt;
  return (pence + count.value / 2) / count.value;
}

// The plain average of the service's unit cost over the period's months that have one.
std::optional<std::int64_t> period_unit_cost(const UnitCosts& costs, const std::string& service_id,
                                             const MonthPeriod& period, bool& partly) {
  std::int64_t sum = 0, months = 0;
  for (auto m = period.first; m <= period.last; m += std::chrono::months{1}) {
    if (auto unit = case_cost(costs, service_id, m)) {
      sum += *unit;
      ++months;
    } else {
      partly = true;
    }
  }
  if (months == 0) return std::nullopt;
  return (sum + months / 2) / months;
}

void per_unit(CostRow& row) {
  if (!row.estimated_cost) return;
  row.per_case = per(*row.estimated_cost, row.cases);
  row.per_supported = per(*row.estimated_cost, row.supported);
  row.per_improved = per(*row.estimated_cost, row.improved);
}

}  // namespace

std::int64_t improved_needs(const std::map<std::string, std::map<std::string, std::int64_t>>& outcomes) {
  std::int64_t n = 0;
  for (const auto& [need, counts] : outcomes) {
    if (auto improved = counts.find(kImprovedOutcome); improved != counts.end()) n += improved->second;
  }
  return n;
}

CostReport cost_report(const std::string& area, const MonthPeriod& period, const std::vector<FactGroup>& groups,
                       const UnitCosts& costs, const std::map<std::string, std::string>& service_names,
                       int threshold) {
  std::map<std::pair<std::string, std::string>, Sums> by_row;
  for (const auto& g : groups) {
    if (g.service_id.empty()) continue;
    auto& s = by_row[{g.service_id, g.funding_stream}];
    s.cases += g.referrals;
    s.supported += g.supported;
    s.improved += improved_needs(g.outcomes);
  }
  auto name_of = [&](const std::string& id) {
    auto n = service_names.find(id);
    return n == service_names.end() ? id : n->second;
  };
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& [key, sums] : by_row) keys.push_back(key);
  std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    return std::pair(name_of(a.first), a.second) < std::pair(name_of(b.first), b.second);
  });
  // One partition (cases by service and stream) with three totalled columns.
  std::vector<std::vector<std::int64_t>> counts;
  for (const auto& key : keys) {
    const auto& s = by_row.at(key);
    counts.push_back({s.cases, s.supported, s.improved});
  }
  CostReport report;
  report.area = area;
  report.period = period;
  report.threshold = threshold;
  const auto suppressed = suppress(counts, false, true, threshold);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    CostRow row;
    row.service_id = keys[i].first;
    row.service = name_of(keys[i].first);
    row.funding_stream = keys[i].second;
    row.funding_stream_label = funding_stream_label(keys[i].second, costs.stream_names);
    row.cases = suppressed.cells[i][0];
    row.supported = suppressed.cells[i][1];
    row.improved = suppressed.cells[i][2];
    row.unit_cost = period_unit_cost(costs, row.service_id, period, row.partly_priced);
    if (row.unit_cost && row.cases.shown()) row.estimated_cost = *row.unit_cost * row.cases.value;
    per_unit(row);
    report.rows.push_back(std::move(row));
  }
  report.total.service = "All services";
  if (keys.empty()) {
    report.total.cases = report.total.supported = report.total.improved = Cell{0, CellState::kSmall};
    return report;
  }
  report.total.cases = suppressed.column_totals[0];
  report.total.supported = suppressed.column_totals[1];
  report.total.improved = suppressed.column_totals[2];
  std::int64_t total = 0;
  bool every_row = true;
  for (const auto& row : report.rows) {
    report.total.partly_priced = report.total.partly_priced || row.partly_priced;
    if (row.estimated_cost) total += *row.estimated_cost;
    every_row = every_row && row.estimated_cost.has_value();
  }
  if (every_row && report.total.cases.shown()) report.total.estimated_cost = total;
  per_unit(report.total);
  return report;
}

}  // namespace vg::insight
