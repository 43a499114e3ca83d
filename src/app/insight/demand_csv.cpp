#include "app/insight/demand_csv.h"

#include <vector>

#include "app/insight/csv_lines.h"

namespace vg::app {

std::string demand_csv(const insight::DemandReport& r) {
  const auto t = r.threshold;
  const std::string period = insight::month_code(r.period.first) + "/" + insight::month_code(r.period.last);
  const std::string previous = insight::month_code(r.previous.first) + "/" + insight::month_code(r.previous.last);
  std::string out;
  csv_line(out, {"area", "period", "previous_period", "figure", "code", "label", "current", "previous", "change",
             "current_percent", "previous_percent", "current_per_1000_residents", "previous_per_1000_residents"});
  auto row = [&](const std::string& figure, const insight::FigureRow& f) {
    csv_line(out, {r.area, period, previous, figure, f.code, f.label, insight::cell_text(f.current, t),
               insight::cell_text(f.previous, t), insight::cell_text(f.change, t), "", "",
               decimal_field(f.current_per_thousand, 2), decimal_field(f.previous_per_thousand, 2)});
  };
  row("referrals", r.referrals);
  for (const auto& table : r.tables) {
    for (const auto& f : table.rows) row(table.code, f);
    if (table.total) row(table.code, *table.total);
  }
  for (const auto& rate : r.rates) {
    csv_line(out, {r.area, period, previous, "rates", rate.code, rate.label, insight::cell_text(rate.current, t),
               insight::cell_text(rate.previous, t), "", decimal_field(rate.current_percent),
               decimal_field(rate.previous_percent), "", ""});
  }
  return out;
}

}  // namespace vg::app
