#include "app/insight/capacity_csv.h"

#include "app/insight/csv_lines.h"
#include "domain/insight/demand.h"

namespace vg::app {

std::string capacity_csv(const insight::CapacityReport& r) {
  std::string out;
  csv_line(out, {"area", "as_at", "kind", "code", "label", "caseworkers", "capacity", "open_cases", "percent_used"});
  const auto as_at = text::iso_date(r.as_at);
  auto line = [&](const std::string& kind, const insight::CapacityRow& row) {
    csv_line(out, {r.area, as_at, kind, row.code, row.label, row.caseworkers ? std::to_string(*row.caseworkers) : "",
                   row.capacity ? std::to_string(*row.capacity) : "", insight::cell_text(row.open_cases, r.threshold),
                   decimal_field(row.percent_used)});
  };
  for (const auto& row : r.services) line("service", row);
  for (const auto& row : r.teams) line("team", row);
  return out;
}

}  // namespace vg::app
