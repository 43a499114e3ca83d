#include "domain/insight/cost.h"

#include <algorithm>
#include <utility>

#include "domain/insight/funding_stream.h"

namespace vg::insight {
namespace {

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

void add_cost_counts(DemandCounts& into, const std::vector<FactGroup>& groups) {
  for (const auto& g : groups) {
    if (g.service_id.empty()) continue;
    add_stream_figure(into, g.funding_stream, kCostMeasures[0], g.service_id, g.referrals);
    add_stream_figure(into, g.funding_stream, kCostMeasures[1], g.service_id, g.supported);
    add_stream_figure(into, g.funding_stream, kCostMeasures[2], g.service_id, improved_needs(g.outcomes));
  }
}

CostReport cost_report(const std::string& area, const MonthPeriod& period, const StreamSplit& split,
                       const UnitCosts& costs, const std::map<std::string, std::string>& service_names,
                       int threshold) {
  const auto& cost = split.cost;
  auto name_of = [&](const std::string& id) {
    auto n = service_names.find(id);
    return n == service_names.end() ? id : n->second;
  };
  // A row for each service and stream with anything counted (cost_split.h: the others' 0s are
  // known by their having no row), by service words then stream.
  std::vector<std::pair<std::size_t, std::size_t>> cells;
  for (std::size_t r = 0; r < cost.services.size(); ++r) {
    for (std::size_t c = 0; c < cost.streams.size(); ++c) {
      bool counted = false;
      for (const auto& measure : cost.measures) counted = counted || measure.cells[r][c].value > 0;
      if (counted) cells.emplace_back(r, c);
    }
  }
  std::stable_sort(cells.begin(), cells.end(), [&](const auto& a, const auto& b) {
    return std::pair(name_of(cost.services[a.first]), cost.streams[a.second]) <
           std::pair(name_of(cost.services[b.first]), cost.streams[b.second]);
  });
  CostReport report;
  report.area = area;
  report.period = period;
  report.threshold = threshold;
  for (const auto& [r, c] : cells) {
    CostRow row;
    row.service_id = cost.services[r];
    row.service = name_of(row.service_id);
    row.funding_stream = cost.streams[c];
    row.funding_stream_label = funding_stream_label(row.funding_stream, costs.stream_names);
    row.cases = cost.measures[0].cells[r][c];
    row.supported = cost.measures[1].cells[r][c];
    row.improved = cost.measures[2].cells[r][c];
    row.unit_cost = period_unit_cost(costs, row.service_id, period, row.partly_priced);
    if (row.unit_cost && row.cases.shown()) row.estimated_cost = *row.unit_cost * row.cases.value;
    per_unit(row);
    report.rows.push_back(std::move(row));
  }
  report.total.service = "All services";
  if (cells.empty()) {
    report.total.cases = report.total.supported = report.total.improved = Cell{0, CellState::kSmall};
    return report;
  }
  report.total.cases = cost.totals[0];
  report.total.supported = cost.totals[1];
  report.total.improved = cost.totals[2];
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
