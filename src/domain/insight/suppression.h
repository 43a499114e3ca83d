// Small-number suppression: every count under a threshold (default 5) that leaves the system is
// shown as "fewer than 5", and enough other figures are hidden with it that no total and no other
// figure of its row or column can recover it (secondary suppression). Pure arithmetic over a
// table of counts; it never sees who was counted.
#pragma once

#include <cstdint>
#include <vector>

namespace vg::insight {

inline constexpr int kDefaultSuppressionThreshold = 5;

enum class CellState {
  kShown,
  kSmall,   // primary: under the threshold, shown as "fewer than <threshold>"
  kHidden,  // secondary: not small itself, hidden so a small one cannot be worked out
};

struct Cell {
  std::int64_t value = 0;
  CellState state = CellState::kShown;
  bool shown() const { return state == CellState::kShown; }
};

// A table of counts with the totals that are published beside it. Every row of a table whose
// rows are totalled, and every column of one whose columns are, is one equation: its cells add
// up to its total (and, with both, the row totals and the column totals add up to the grand
// total).
struct SuppressedTable {
  std::vector<std::vector<Cell>> cells;  // [row][column]
  std::vector<Cell> row_totals;          // empty unless rows are totalled
  std::vector<Cell> column_totals;       // empty unless columns are totalled
  Cell grand_total;                      // meaningful only with both totals
};

// Figures of a table that are hidden before its own suppression starts: another table of the same
// referrals had to hide them, or a rule beside the table does (a part whose complement is small).
// Each is hidden here too, and the figures it protected are protected here as well. Vectors may be
// shorter than the table; what they leave out is not known hidden.
struct KnownHidden {
  std::vector<std::vector<bool>> cells;  // [row][column]
  std::vector<bool> row_totals;
  std::vector<bool> column_totals;
  bool grand_total = false;
  // [row][column]: cells with nothing counted that are not published because there is nothing to
  // publish (no cost row for a service a stream never used). The reader knows them as 0 anyway,
  // so they are in no equation and are never hidden to protect anything.
  std::vector<std::vector<bool>> absent;
};

// Suppresses `counts` ([row][column], every row the same length, none negative):
// 1. primary: every cell and total under `threshold` (zero included) is kSmall;
// 2. secondary, until nothing changes: every equation (a row or column with its published total)
//    that would let its hidden figures be worked out gets one more figure hidden, the smallest
//    shown cell in it (a total only when no cell is left). An equation is safe when none of its
//    figures is hidden, or at least two are and they are not all small figures adding up to
//    the most they could be (two hidden 4s with the others and the total shown are 4 and 4).
// Zeros are not protected beyond rule 1: a row of small cells adding up to 0 tells only that
// nobody was counted, which identifies no one.
// `hidden_column_totals[c]`: column c's total is hidden elsewhere (another table of the same
// referrals had to hide it), so it is hidden here too, and the cells it protected are protected
// here as well.
SuppressedTable suppress(const std::vector<std::vector<std::int64_t>>& counts, bool total_rows,
                         bool total_columns, int threshold = kDefaultSuppressionThreshold,
                         const std::vector<bool>& hidden_column_totals = {});
// The same, with every figure `known` names hidden from the start (unless small already).
SuppressedTable suppress(const std::vector<std::vector<std::int64_t>>& counts, bool total_rows,
                         bool total_columns, int threshold, const KnownHidden& known);

// A count shown on its own beside a published total it is part of (a flag's count, a rate's
// numerator): small when under `threshold`, and hidden when the rest of the total is (the 2 of
// 100 who were not contacted are as few as 2 who were).
Cell suppress_part(std::int64_t part, std::int64_t total, int threshold = kDefaultSuppressionThreshold);

}  // namespace vg::insight
