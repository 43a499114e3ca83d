#include "domain/insight/month_period.h"

#include <gtest/gtest.h>

namespace vg::insight {
namespace {

using namespace std::chrono;

const year_month kNow = year{2026} / December;

TEST(MonthPeriod, WholeMonthsFromFirstToLast) {
  auto p = parse_month_period("2026-01", "2026-03", kNow);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->first, year{2026} / January);
  EXPECT_EQ(p->last, year{2026} / March);
  EXPECT_EQ(p->months(), 3);
  EXPECT_EQ(period_label(*p), "January to March 2026");
}

TEST(MonthPeriod, ThePreviousPeriodIsAsLongAndEndsJustBefore) {
  const MonthPeriod p{year{2026} / February, year{2026} / April};
  const auto before = previous_period(p);
  EXPECT_EQ(before.first, year{2025} / November);
  EXPECT_EQ(before.last, year{2026} / January);
  EXPECT_EQ(period_label(before), "November 2025 to January 2026");
  EXPECT_EQ(period_label(MonthPeriod{year{2026} / May, year{2026} / May}), "May 2026");
}

TEST(MonthPeriod, DaysAndOtherShapesAreRefused) {
  for (const auto* text : {"2026-1", "2026-01-15", "26-01", "2026/01", "2026-13", "2026-00", "1999-12", "", "２０２６-01"}) {
    auto p = parse_month_period(text, "2026-03", kNow);
    ASSERT_FALSE(p.has_value()) << text;
    EXPECT_EQ(p.error().fields.front().field, "from") << text;
  }
}

TEST(MonthPeriod, EveryProblemAtOnce) {
  auto p = parse_month_period("2026-05", "2026-02", kNow);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().fields.front().code, "before_first");
  auto future = parse_month_period("2026-11", "2027-01", kNow);
  ASSERT_FALSE(future.has_value());
  EXPECT_EQ(future.error().fields.front().code, "in_future");
  auto both = parse_month_period("x", "y", kNow);
  ASSERT_FALSE(both.has_value());
  EXPECT_EQ(both.error().fields.size(), 2u);
}

TEST(MonthPeriod, AtMostTwoYears) {
  EXPECT_TRUE(parse_month_period("2024-12", "2026-11", kNow).has_value());
  auto p = parse_month_period("2024-11", "2026-11", kNow);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().fields.front().code, "too_long");
}

TEST(MonthPeriod, MonthCodesArePadded) {
  EXPECT_EQ(month_code(year{2026} / March), "2026-03");
  EXPECT_EQ(month_label(year{2026} / March), "March 2026");
  const auto p = months_ending(year{2026} / February, 3);
  EXPECT_EQ(month_code(p.first), "2025-12");
}

}  // namespace
}  // namespace vg::insight
