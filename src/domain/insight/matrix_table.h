// A published table of one period's counts with rows and columns (needs by rating, values by
// funding stream), each row's cells and (when totalled) each column's suppressed together.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/insight/suppression.h"

namespace vg::insight {

struct MatrixRow {
  std::string code;
  std::string label;
  std::vector<Cell> cells;  // one per column
  Cell total;               // meaningful when the table's rows are totalled
};

struct MatrixTable {
  std::string code;
  std::string title;
  std::vector<std::string> column_codes;
  std::vector<std::string> column_labels;
  bool rows_totalled = false;
  std::vector<MatrixRow> rows;
  std::optional<MatrixRow> total;  // the columns' totals, when they are totalled
};

// What a matrix shows, its rows and columns named.
struct MatrixShape {
  std::string code;
  std::string title;
  std::vector<std::string> column_codes;
  std::vector<std::string> column_labels;
  bool rows_totalled = false;
  bool columns_totalled = false;
};

// `suppressed`, a table laid out as `shape` with the rows `row_codes`, as the table published.
MatrixTable matrix_table(const MatrixShape& shape, const std::vector<std::string>& row_codes,
                         const std::vector<std::string>& row_labels, const SuppressedTable& suppressed);

}  // namespace vg::insight
