#include "app/insight/demand_query.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

using namespace std::chrono;

const year_month kNow = year{2026} / December;

TEST(DemandQuery, NothingAskedIsTheDefaultPeriodForTheFirstArea) {
  auto q = read_demand_query({}, kNow);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->area, "");
  EXPECT_FALSE(q->period.has_value());
  const auto p = default_period(kNow);
  EXPECT_EQ(p.first, year{2026} / September);
  EXPECT_EQ(p.last, year{2026} / November) << "the last whole month";
}

TEST(DemandQuery, AreaAndWholeMonths) {
  auto q = read_demand_query({{"area", "merseyside"}, {"from", "2026-01"}, {"to", "2026-03"}}, kNow);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->area, "merseyside");
  ASSERT_TRUE(q->period.has_value());
  EXPECT_EQ(q->period->months(), 3);
}

TEST(DemandQuery, UnknownRepeatedAndBadParametersAreEachNamed) {
  auto q = read_demand_query({{"area", "Merseyside!"}, {"from", "2026-01-01"}, {"to", "2026-03"}, {"to", "2026-04"},
                              {"day", "3"}},
                             kNow);
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().code, "validation_failed");
  std::set<std::string> fields;
  for (const auto& f : q.error().fields) fields.insert(f.field + ":" + f.code);
  EXPECT_TRUE(fields.count("day:unknown_parameter"));
  EXPECT_TRUE(fields.count("to:repeated"));
  EXPECT_TRUE(fields.count("area:invalid"));
  EXPECT_TRUE(fields.count("from:invalid_month"));
}

TEST(DemandQuery, BothMonthsOrNeither) {
  auto q = read_demand_query({{"from", "2026-01"}}, kNow);
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().fields.front().field, "to");
  EXPECT_EQ(q.error().fields.front().code, "required");
}

TEST(DemandQuery, APagesOwnParametersMayBeAllowed) {
  EXPECT_FALSE(read_demand_query({{"format", "csv"}}, kNow).has_value());
  EXPECT_TRUE(read_demand_query({{"format", "csv"}}, kNow, {"format"}).has_value());
}

TEST(DemandQuery, AnUnprintableParameterNameIsShownSafely) {
  auto q = read_demand_query({{std::string("a\x01\n", 3), "1"}}, kNow);
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().fields.front().field, "a??");
}

}  // namespace
}  // namespace vg::app
