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

}  // namespace vg::insight
