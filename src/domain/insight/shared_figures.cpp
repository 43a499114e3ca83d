#include "domain/insight/shared_figures.h"

namespace vg::insight {
namespace {

const FigureNames& names_at(const std::vector<FigureNames>& names, std::size_t i) {
  static const FigureNames none;
  return i < names.size() ? names[i] : none;
}

bool flag_at(const std::vector<bool>& flags, std::size_t i) { return i < flags.size() && flags[i]; }

}  // namespace

std::string in_stream(const std::string& name, const std::string& stream) { return name + "@" + stream; }

bool HiddenFigures::any(const FigureNames& figure, std::int64_t count) const {
  for (const auto& name : figure) {
    if (names.contains({name, count})) return true;
  }
  return false;
}

void HiddenFigures::add(const FigureNames& figure, std::int64_t count) {
  for (const auto& name : figure) grew = names.insert({name, count}).second || grew;
}

SuppressedTable suppress_shared(const SharedTable& table, int threshold, HiddenFigures& hidden) {
  static const std::vector<FigureNames> no_row;
  const auto rows = table.counts.size();
  const auto columns = rows == 0 ? 0 : table.counts.front().size();
  std::vector<std::int64_t> row_sum(rows, 0), column_sum(columns, 0);
  std::int64_t grand = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      row_sum[r] += table.counts[r][c];
      column_sum[c] += table.counts[r][c];
      grand += table.counts[r][c];
    }
  }
  const auto& rules = table.rules;
  KnownHidden known;
  known.absent = rules.absent;
  for (std::size_t r = 0; r < rows; ++r) {
    const auto& names = r < table.cells.size() ? table.cells[r] : no_row;
    std::vector<bool> line;
    for (std::size_t c = 0; c < columns; ++c) {
      line.push_back((r < rules.cells.size() && flag_at(rules.cells[r], c)) || hidden.any(names_at(names, c), table.counts[r][c]));
    }
    known.cells.push_back(std::move(line));
    known.row_totals.push_back(flag_at(rules.row_totals, r) || hidden.any(names_at(table.row_totals, r), row_sum[r]));
  }
  for (std::size_t c = 0; c < columns; ++c) {
    known.column_totals.push_back(flag_at(rules.column_totals, c) || hidden.any(names_at(table.column_totals, c), column_sum[c]));
  }
  known.grand_total = rules.grand_total || hidden.any(table.grand_total, grand);

  auto s = suppress(table.counts, table.rows_totalled, table.columns_totalled, threshold, known);
  for (std::size_t r = 0; r < rows; ++r) {
    const auto& names = r < table.cells.size() ? table.cells[r] : no_row;
    for (std::size_t c = 0; c < columns; ++c) {
      if (!s.cells[r][c].shown()) hidden.add(names_at(names, c), table.counts[r][c]);
    }
    if (table.rows_totalled && !s.row_totals[r].shown()) hidden.add(names_at(table.row_totals, r), row_sum[r]);
  }
  if (table.columns_totalled) {
    for (std::size_t c = 0; c < columns; ++c) {
      if (!s.column_totals[c].shown()) hidden.add(names_at(table.column_totals, c), column_sum[c]);
    }
  }
  if (table.rows_totalled && table.columns_totalled && !s.grand_total.shown()) hidden.add(table.grand_total, grand);
  return s;
}

}  // namespace vg::insight
