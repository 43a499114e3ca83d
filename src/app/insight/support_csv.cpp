#include "app/insight/support_csv.h"

#include "app/insight/csv_lines.h"
#include "app/insight/matrix_csv.h"

namespace vg::app {

std::string support_csv(const insight::SupportReport& r) {
  const auto t = r.threshold;
  const std::string period = insight::month_code(r.period.first) + "/" + insight::month_code(r.period.last);
  const std::string previous = insight::month_code(r.previous.first) + "/" + insight::month_code(r.previous.last);
  std::string out;
  csv_line(out, {"area", "period", "figure", "code", "label", "column", "column_label", "months", "value", "state"});
  auto line = [&](const std::string& figure, const std::string& code, const std::string& label,
                  const std::string& column, const std::string& column_label, const std::string& months,
                  const insight::Cell& cell) {
    csv_line(out, {r.area, period, figure, code, label, column, column_label, months, insight::cell_text(cell, t),
                   insight::cell_state_code(cell)});
  };
  auto figure_table = [&](const insight::FigureTable& table) {
    auto rows = table.rows;
    if (table.total) rows.push_back(*table.total);
    for (const auto& row : rows) {
      line(table.code, row.code, row.label, "current", "This period", period, row.current);
      line(table.code, row.code, row.label, "previous", "Period before", previous, row.previous);
    }
  };
  auto matrix = [&](const insight::MatrixTable& table, const std::string& months) {
    matrix_csv_lines(out, r.area, period, months, table, t);
  };
  for (const auto& table : r.days) figure_table(table);
  matrix(r.needs, period);
  matrix(r.needs_before, previous);
  matrix(r.outcomes, period);
  matrix(r.outcomes_before, previous);
  matrix(r.onward, period);
  matrix(r.onward_before, previous);
  figure_table(r.repeat_victims);
  return out;
}

}  // namespace vg::app
