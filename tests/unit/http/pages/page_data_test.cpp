#include "http/pages/page_data.h"

#include <gtest/gtest.h>

namespace vg::http::pages {
namespace {

TEST(LongDate, WritesTheDayOfTheWeekAndTheMonthInFull) {
  EXPECT_EQ(long_date("2026-11-25"), "Wednesday 25 November 2026");
  EXPECT_EQ(long_date("2024-02-29"), "Thursday 29 February 2024");
}

TEST(LongDate, LeavesAnythingThatIsNotADateAsItIs) {
  EXPECT_EQ(long_date("2026-02-30"), "2026-02-30");
  EXPECT_EQ(long_date("soon"), "soon");
  EXPECT_EQ(long_date(""), "");
}

}  // namespace
}  // namespace vg::http::pages
