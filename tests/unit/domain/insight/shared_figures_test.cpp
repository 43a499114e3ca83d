#include "domain/insight/shared_figures.h"

#include <gtest/gtest.h>

namespace vg::insight {
namespace {

// Two tables of one row each, rows totalled: {4, 4} pins both cells at their most, so its total
// (8, named "both") is hidden; a second table whose cell goes by "both" hides it too.
SharedTable pinned_pair() {
  SharedTable t;
  t.counts = {{4, 4}};
  t.columns_totalled = false;
  t.row_totals = {{"both"}};
  return t;
}

SharedTable one_cell(std::int64_t n) {
  SharedTable t;
  t.counts = {{n, 20}};
  t.columns_totalled = false;
  t.cells = {{{"both"}, {}}};
  return t;
}

TEST(SharedFigures, AFigureOneTableHidesIsHiddenInAnotherThatPublishesItWithTheSameCount) {
  HiddenFigures hidden;
  const auto first = suppress_shared(pinned_pair(), 5, hidden);
  EXPECT_EQ(first.row_totals[0].state, CellState::kHidden);
  EXPECT_TRUE(hidden.grew);
  const auto second = suppress_shared(one_cell(8), 5, hidden);
  EXPECT_EQ(second.cells[0][0].state, CellState::kHidden);
  EXPECT_EQ(second.cells[0][1].state, CellState::kHidden) << "and the 20 beside it, or 28 - 20 gives it back";
  EXPECT_TRUE(second.row_totals[0].shown());
}

TEST(SharedFigures, TheSameNameWithAnotherCountIsAnotherFigure) {
  HiddenFigures hidden;
  suppress_shared(pinned_pair(), 5, hidden);
  const auto other = suppress_shared(one_cell(9), 5, hidden);
  EXPECT_TRUE(other.cells[0][0].shown());
  EXPECT_TRUE(other.cells[0][1].shown());
}

TEST(SharedFigures, NothingHiddenNothingGrows) {
  HiddenFigures hidden;
  const auto t = suppress_shared(one_cell(8), 5, hidden);
  EXPECT_TRUE(t.cells[0][0].shown());
  EXPECT_FALSE(hidden.grew);
  EXPECT_TRUE(hidden.names.empty());
}

}  // namespace
}  // namespace vg::insight
