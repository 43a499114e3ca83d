// A published table of rows by columns (domain/insight/matrix_table.h) as CSV lines, one per
// figure, in the columns every insight download shares. Pure text.
#pragma once

#include <string>

#include "domain/insight/matrix_table.h"

namespace vg::app {

// Appends a line per cell, and per row total (column `total_code`, `total_label`) where the rows
// are totalled, under the fields area, period, figure, code, label, column, column_label, months,
// value, state: `period` the one asked for, `months` the one the table counts.
void matrix_csv_lines(std::string& out, const std::string& area, const std::string& period, const std::string& months,
                      const insight::MatrixTable& table, int threshold, const std::string& total_code = "total",
                      const std::string& total_label = "Total");

}  // namespace vg::app
