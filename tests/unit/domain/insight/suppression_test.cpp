#include "domain/insight/suppression.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>

namespace vg::insight {
namespace {

using Counts = std::vector<std::vector<std::int64_t>>;

// Everything published about a table: the shown figures, which are small, which hidden.
struct Published {
  SuppressedTable table;
  bool total_rows;
  bool total_columns;
  int threshold;
};

// An attacker who knows the rules: tries every value each suppressed figure could have (small
// ones 0..t-1, hidden ones t..bound) and keeps the assignments under which every published
// equation holds. Returns, for each suppressed cell [row][col], the set of values it could be.
std::map<std::pair<std::size_t, std::size_t>, std::set<std::int64_t>> attack(const Published& p, std::int64_t bound) {
  struct Unknown {
    const Cell* cell;
    std::int64_t lo, hi;
  };
  const auto& t = p.table;
  std::vector<Unknown> unknowns;
  auto consider = [&](const Cell& c) {
    if (c.state == CellState::kSmall) unknowns.push_back({&c, 0, p.threshold - 1});
    if (c.state == CellState::kHidden) unknowns.push_back({&c, p.threshold, bound});
  };
  for (const auto& row : t.cells) {
    for (const auto& c : row) consider(c);
  }
  for (const auto& c : t.row_totals) consider(c);
  for (const auto& c : t.column_totals) consider(c);
  if (p.total_rows && p.total_columns) consider(t.grand_total);
  std::map<const Cell*, std::int64_t> guess;
  auto value = [&](const Cell& c) { return c.shown() ? c.value : guess.at(&c); };
  auto consistent = [&]() {
    const auto rows = t.cells.size();
    const auto columns = rows ? t.cells[0].size() : 0;
    for (std::size_t r = 0; p.total_rows && r < rows; ++r) {
      std::int64_t sum = 0;
      for (std::size_t c = 0; c < columns; ++c) sum += value(t.cells[r][c]);
      if (sum != value(t.row_totals[r])) return false;
    }
    for (std::size_t c = 0; p.total_columns && c < columns; ++c) {
      std::int64_t sum = 0;
      for (std::size_t r = 0; r < rows; ++r) sum += value(t.cells[r][c]);
      if (sum != value(t.column_totals[c])) return false;
    }
    if (p.total_rows && p.total_columns) {
      std::int64_t by_rows = 0, by_columns = 0;
      for (const auto& c : t.row_totals) by_rows += value(c);
      for (const auto& c : t.column_totals) by_columns += value(c);
      if (by_rows != value(t.grand_total) || by_columns != value(t.grand_total)) return false;
    }
    return true;
  };
  std::map<std::pair<std::size_t, std::size_t>, std::set<std::int64_t>> possible;
  std::function<void(std::size_t)> search = [&](std::size_t i) {
    if (i == unknowns.size()) {
      if (!consistent()) return;
      for (std::size_t r = 0; r < t.cells.size(); ++r) {
        for (std::size_t c = 0; c < t.cells[r].size(); ++c) {
          if (!t.cells[r][c].shown()) possible[{r, c}].insert(guess.at(&t.cells[r][c]));
        }
      }
      return;
    }
    for (auto v = unknowns[i].lo; v <= unknowns[i].hi; ++v) {
      guess[unknowns[i].cell] = v;
      search(i + 1);
    }
  };
  search(0);
  return possible;
}

// No small, non-zero cell can be pinned to one value from what is published.
void expect_no_small_cell_recovered(const Counts& counts, bool total_rows, bool total_columns,
                                    std::int64_t bound = 40) {
  const auto table = suppress(counts, total_rows, total_columns);
  const auto possible = attack({table, total_rows, total_columns, kDefaultSuppressionThreshold}, bound);
  for (std::size_t r = 0; r < counts.size(); ++r) {
    for (std::size_t c = 0; c < counts[r].size(); ++c) {
      const auto& cell = table.cells[r][c];
      if (cell.state != CellState::kSmall || cell.value == 0) continue;
      const auto found = possible.find({r, c});
      ASSERT_NE(found, possible.end()) << "cell " << r << "," << c;
      EXPECT_TRUE(found->second.count(cell.value)) << "the true value stays possible";
      EXPECT_GT(found->second.size(), 1u) << "cell " << r << "," << c << " (" << cell.value
                                          << ") is recovered from the published figures";
    }
  }
}

TEST(Suppression, CountsUnderTheThresholdAreSmallAndTheRestShown) {
  const auto t = suppress({{3}, {5}, {12}, {0}}, false, false);
  EXPECT_EQ(t.cells[0][0].state, CellState::kSmall);
  EXPECT_EQ(t.cells[1][0].state, CellState::kShown) << "5 is not under 5";
  EXPECT_EQ(t.cells[2][0].state, CellState::kShown);
  EXPECT_EQ(t.cells[3][0].state, CellState::kSmall) << "zero is under 5 too";
}

TEST(Suppression, TheThresholdIsConfigurable) {
  const auto t = suppress({{7}, {10}}, false, false, 10);
  EXPECT_EQ(t.cells[0][0].state, CellState::kSmall);
  EXPECT_EQ(t.cells[1][0].state, CellState::kShown);
}

TEST(Suppression, OneSmallCellInAColumnWithItsTotalHidesTheNextSmallest) {
  // 3 + 20 + 9 + 30 = 62: with the total shown, 3 = 62 - 20 - 9 - 30 unless another is hidden.
  const auto t = suppress({{3}, {20}, {9}, {30}}, false, true);
  EXPECT_EQ(t.cells[0][0].state, CellState::kSmall);
  EXPECT_EQ(t.cells[2][0].state, CellState::kHidden) << "the smallest shown cell";
  EXPECT_EQ(t.cells[1][0].state, CellState::kShown);
  EXPECT_EQ(t.cells[3][0].state, CellState::kShown);
  EXPECT_EQ(t.column_totals[0].state, CellState::kShown);
  EXPECT_EQ(t.column_totals[0].value, 62);
}

TEST(Suppression, AnAttackerCannotRecoverTheCellFromTheTotal) {
  expect_no_small_cell_recovered({{3}, {20}, {9}, {30}}, false, true);
}

TEST(Suppression, TwoSmallCellsAtTheirMostArePinnedSoOneMoreIsHidden) {
  // 4 + 4 + 10 = 18 with the total shown: the two hidden cells add up to 8, so both are 4.
  const auto t = suppress({{4}, {4}, {10}}, false, true);
  EXPECT_EQ(t.cells[2][0].state, CellState::kHidden);
  expect_no_small_cell_recovered({{4}, {4}, {10}}, false, true);
}

TEST(Suppression, TwoSmallCellsThatCannotBePinnedNeedNothingMore) {
  const auto t = suppress({{1}, {3}, {10}, {12}}, false, true);
  EXPECT_EQ(t.cells[2][0].state, CellState::kShown);
  EXPECT_EQ(t.cells[3][0].state, CellState::kShown);
  expect_no_small_cell_recovered({{1}, {3}, {10}, {12}}, false, true);
}

TEST(Suppression, ASmallTotalIsHiddenWithEveryCellUnderIt) {
  const auto t = suppress({{1}, {2}}, false, true);
  EXPECT_EQ(t.column_totals[0].state, CellState::kSmall);
  EXPECT_EQ(t.cells[0][0].state, CellState::kSmall);
  EXPECT_EQ(t.cells[1][0].state, CellState::kSmall);
}

TEST(Suppression, WhenOnlyTheTotalIsLeftItIsHidden) {
  // Every cell small and pinned (4 + 4 = 8): no cell is left to hide, so the total goes.
  const auto t = suppress({{4}, {4}}, false, true);
  EXPECT_EQ(t.column_totals[0].state, CellState::kHidden);
}

TEST(Suppression, TwoWayTablesProtectRowsAndColumnsTogether) {
  const Counts counts = {{2, 10, 7}, {8, 9, 6}, {11, 5, 12}};
  const auto t = suppress(counts, true, true);
  for (std::size_t r = 0; r < 3; ++r) {
    int hidden = 0;
    for (const auto& c : t.cells[r]) hidden += c.shown() ? 0 : 1;
    if (!t.row_totals[r].shown()) ++hidden;
    EXPECT_NE(hidden, 1) << "row " << r << " hides one figure only";
  }
  for (std::size_t c = 0; c < 3; ++c) {
    int hidden = 0;
    for (std::size_t r = 0; r < 3; ++r) hidden += t.cells[r][c].shown() ? 0 : 1;
    if (!t.column_totals[c].shown()) ++hidden;
    EXPECT_NE(hidden, 1) << "column " << c << " hides one figure only";
  }
  expect_no_small_cell_recovered(counts, true, true, 30);
}

TEST(Suppression, TwoPeriodsSideBySideEachProtectedByItsOwnTotal) {
  // This period and the last, never added across: each column is its own equation.
  const Counts counts = {{3, 12}, {15, 2}, {22, 30}, {40, 41}};
  const auto t = suppress(counts, false, true);
  EXPECT_TRUE(t.row_totals.empty());
  expect_no_small_cell_recovered(counts, false, true, 60);
}

TEST(Suppression, ZerosNeedNoSecondaryCell) {
  // Small cells adding up to 0 tell only that nobody was counted there.
  const auto t = suppress({{0}, {0}, {25}}, false, true);
  EXPECT_EQ(t.cells[2][0].state, CellState::kShown);
}

TEST(SuppressPart, AShareOfATotalHidesItsSmallComplementToo) {
  EXPECT_EQ(suppress_part(3, 100).state, CellState::kSmall);
  EXPECT_EQ(suppress_part(97, 100).state, CellState::kHidden) << "3 were not";
  EXPECT_EQ(suppress_part(100, 100).state, CellState::kShown) << "all of them tells of no one";
  EXPECT_EQ(suppress_part(50, 100).state, CellState::kShown);
}

}  // namespace
}  // namespace vg::insight
