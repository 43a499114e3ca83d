#include "app/insight/matrix_csv.h"

#include "app/insight/csv_lines.h"
#include "domain/insight/demand.h"

namespace vg::app {

void matrix_csv_lines(std::string& out, const std::string& area, const std::string& period, const std::string& months,
                      const insight::MatrixTable& table, int threshold, const std::string& total_code,
                      const std::string& total_label) {
  auto line = [&](const insight::MatrixRow& row, const std::string& column, const std::string& column_label,
                  const insight::Cell& cell) {
    csv_line(out, {area, period, table.code, row.code, row.label, column, column_label, months,
                   insight::cell_text(cell, threshold), insight::cell_state_code(cell)});
  };
  auto rows = table.rows;
  if (table.total) rows.push_back(*table.total);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.cells.size() && c < table.column_codes.size(); ++c) {
      line(row, table.column_codes[c], table.column_labels[c], row.cells[c]);
    }
    if (table.rows_totalled) line(row, total_code, total_label, row.total);
  }
}

}  // namespace vg::app
