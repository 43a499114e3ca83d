#include "domain/insight/suppression.h"

#include <optional>

namespace vg::insight {
namespace {

// One equation's figures: the cells that add up to `total`.
struct Equation {
  std::vector<Cell*> parts;
  Cell* total = nullptr;
};

bool safe(const Equation& eq, int threshold) {
  int hidden = 0;
  bool any_large_hidden = false;
  std::int64_t hidden_sum = 0;
  for (const auto* c : eq.parts) {
    if (c->shown()) continue;
    ++hidden;
    hidden_sum += c->value;
    if (c->state == CellState::kHidden) any_large_hidden = true;
  }
  if (!eq.total->shown()) {
    ++hidden;
    any_large_hidden = true;  // the total is unknown: the hidden cells' sum is not known either
  }
  if (hidden == 0) return true;
  if (hidden == 1) return false;
  if (any_large_hidden) return true;
  // Only small cells hidden, their sum known: each lies in [0, threshold - 1], and they are pinned
  // exactly when the sum is the most they could add up to (a sum of 0 pins only zeros).
  return hidden_sum != static_cast<std::int64_t>(hidden) * (threshold - 1);
}

// The smallest shown cell of the equation, else its total when shown; nullptr when none is left.
Cell* next_to_hide(Equation& eq) {
  Cell* pick = nullptr;
  for (auto* c : eq.parts) {
    if (c->shown() && (!pick || c->value < pick->value)) pick = c;
  }
  if (!pick && eq.total->shown()) pick = eq.total;
  return pick;
}

Cell primary(std::int64_t value, int threshold) {
  return {value, value < threshold ? CellState::kSmall : CellState::kShown};
}

bool at(const std::vector<bool>& flags, std::size_t i) { return i < flags.size() && flags[i]; }

void hide_if(Cell& cell, bool known_hidden) {
  if (known_hidden && cell.shown()) cell.state = CellState::kHidden;
}

}  // namespace

SuppressedTable suppress(const std::vector<std::vector<std::int64_t>>& counts, bool total_rows,
                         bool total_columns, int threshold, const std::vector<bool>& hidden_column_totals) {
  return suppress(counts, total_rows, total_columns, threshold, KnownHidden{{}, {}, hidden_column_totals, false, {}});
}

SuppressedTable suppress(const std::vector<std::vector<std::int64_t>>& counts, bool total_rows,
                         bool total_columns, int threshold, const KnownHidden& known) {
  SuppressedTable t;
  const std::size_t rows = counts.size();
  const std::size_t columns = rows == 0 ? 0 : counts.front().size();
  std::vector<std::int64_t> row_sum(rows, 0), column_sum(columns, 0);
  std::int64_t grand = 0;
  t.cells.resize(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      const auto v = c < counts[r].size() ? counts[r][c] : 0;
      t.cells[r].push_back(primary(v, threshold));
      hide_if(t.cells[r].back(), r < known.cells.size() && at(known.cells[r], c));
      row_sum[r] += v;
      column_sum[c] += v;
      grand += v;
    }
  }
  if (total_rows) {
    for (std::size_t r = 0; r < rows; ++r) {
      t.row_totals.push_back(primary(row_sum[r], threshold));
      hide_if(t.row_totals.back(), at(known.row_totals, r));
    }
  }
  if (total_columns) {
    for (std::size_t c = 0; c < columns; ++c) {
      t.column_totals.push_back(primary(column_sum[c], threshold));
      hide_if(t.column_totals.back(), at(known.column_totals, c));
    }
  }
  t.grand_total = primary(grand, threshold);
  hide_if(t.grand_total, known.grand_total);

  auto absent = [&](std::size_t r, std::size_t c) {
    return r < known.absent.size() && at(known.absent[r], c) && counts[r][c] == 0;
  };
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      if (absent(r, c)) t.cells[r][c].state = CellState::kShown;
    }
  }
  std::vector<Equation> equations;
  if (total_rows) {
    for (std::size_t r = 0; r < rows; ++r) {
      Equation eq{{}, &t.row_totals[r]};
      for (std::size_t c = 0; c < columns; ++c) {
        if (!absent(r, c)) eq.parts.push_back(&t.cells[r][c]);
      }
      equations.push_back(std::move(eq));
    }
  }
  if (total_columns) {
    for (std::size_t c = 0; c < columns; ++c) {
      Equation eq{{}, &t.column_totals[c]};
      for (std::size_t r = 0; r < rows; ++r) {
        if (!absent(r, c)) eq.parts.push_back(&t.cells[r][c]);
      }
      equations.push_back(std::move(eq));
    }
  }
  if (total_rows && total_columns) {
    Equation by_rows{{}, &t.grand_total};
    for (auto& c : t.row_totals) by_rows.parts.push_back(&c);
    Equation by_columns{{}, &t.grand_total};
    for (auto& c : t.column_totals) by_columns.parts.push_back(&c);
    equations.push_back(std::move(by_rows));
    equations.push_back(std::move(by_columns));
  }
  // Each pass hides at least one more figure or stops, so this ends.
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& eq : equations) {
      if (safe(eq, threshold)) continue;
      if (auto* cell = next_to_hide(eq)) {
        cell->state = CellState::kHidden;
        changed = true;
      }
    }
  }
  return t;
}

Cell suppress_part(std::int64_t part, std::int64_t total, int threshold) {
  if (part < threshold) return {part, CellState::kSmall};
  const auto rest = total - part;
  if (rest > 0 && rest < threshold) return {part, CellState::kHidden};
  return {part, CellState::kShown};
}

}  // namespace vg::insight
