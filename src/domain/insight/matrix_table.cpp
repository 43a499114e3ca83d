#include "domain/insight/matrix_table.h"

namespace vg::insight {

MatrixTable matrix_table(const MatrixShape& shape, const std::vector<std::string>& row_codes,
                         const std::vector<std::string>& row_labels, const SuppressedTable& suppressed) {
  MatrixTable table;
  table.code = shape.code;
  table.title = shape.title;
  table.column_codes = shape.column_codes;
  table.column_labels = shape.column_labels;
  table.rows_totalled = shape.rows_totalled;
  for (std::size_t r = 0; r < row_codes.size(); ++r) {
    MatrixRow row{row_codes[r], row_labels[r], suppressed.cells[r], {}};
    if (shape.rows_totalled) row.total = suppressed.row_totals[r];
    table.rows.push_back(std::move(row));
  }
  if (shape.columns_totalled) {
    MatrixRow total{"total", "Total", suppressed.column_totals, {}};
    if (shape.rows_totalled) total.total = suppressed.grand_total;
    table.total = std::move(total);
  }
  return table;
}

}  // namespace vg::insight
