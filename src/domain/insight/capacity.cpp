#include "domain/insight/capacity.h"

#include <algorithm>

namespace vg::insight {
namespace {

CapacityRow row_of(std::string code, std::string label, std::int64_t capacity, std::int64_t open, int threshold) {
  CapacityRow row;
  row.code = std::move(code);
  row.label = std::move(label);
  if (capacity > 0) row.capacity = capacity;
  row.open_cases = Cell{open, open < threshold ? CellState::kSmall : CellState::kShown};
  if (row.open_cases.shown() && row.capacity) {
    row.percent_used = 100.0 * static_cast<double>(open) / static_cast<double>(*row.capacity);
  }
  return row;
}

}  // namespace

CapacityReport capacity_report(const std::string& area, std::chrono::year_month_day as_at,
                               std::vector<ServiceLoad> services, std::vector<TeamLoad> teams, int threshold) {
  CapacityReport report;
  report.area = area;
  report.as_at = as_at;
  report.threshold = threshold;
  std::stable_sort(services.begin(), services.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  std::stable_sort(teams.begin(), teams.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& s : services) {
    report.services.push_back(row_of(s.service_id, s.name, s.capacity, s.open_cases, threshold));
  }
  for (const auto& t : teams) {
    auto row = row_of(t.team_id, t.name, t.capacity, t.open_cases, threshold);
    row.caseworkers = t.caseworkers;
    report.teams.push_back(std::move(row));
  }
  return report;
}

}  // namespace vg::insight
