#include "domain/insight/capacity.h"

#include <gtest/gtest.h>

namespace vg::insight {
namespace {

using namespace std::chrono;

TEST(CapacityReport, ServicesAndTeamsInNameOrderWithSmallCountsInWordsAndTheShareUsed) {
  const auto r = capacity_report(
      "merseyside", year{2026} / December / 6,
      {{"svc-z", "Zeta Advocacy", 40, 30}, {"svc-a", "Alpha Support", 0, 11}, {"svc-m", "Mid Service", 20, 3}},
      {{"team-1", "North team", 4, 80, 62}, {"team-2", "East team", 1, 20, 2}});
  ASSERT_EQ(r.services.size(), 3u);
  EXPECT_EQ(r.services[0].label, "Alpha Support");
  EXPECT_FALSE(r.services[0].capacity.has_value()) << "0 is not limited";
  EXPECT_EQ(r.services[0].open_cases.value, 11);
  EXPECT_TRUE(r.services[0].open_cases.shown());
  EXPECT_FALSE(r.services[0].percent_used.has_value()) << "no share of an unlimited capacity";
  const auto& mid = r.services[1];
  EXPECT_EQ(mid.label, "Mid Service");
  EXPECT_EQ(mid.capacity, 20);
  EXPECT_EQ(mid.open_cases.state, CellState::kSmall);
  EXPECT_FALSE(mid.percent_used.has_value()) << "3 of 20 would tell the 3";
  const auto& zeta = r.services[2];
  ASSERT_TRUE(zeta.percent_used.has_value());
  EXPECT_DOUBLE_EQ(*zeta.percent_used, 75.0);
  EXPECT_FALSE(zeta.caseworkers.has_value());

  ASSERT_EQ(r.teams.size(), 2u);
  EXPECT_EQ(r.teams[0].label, "East team");
  EXPECT_EQ(r.teams[0].caseworkers, 1);
  EXPECT_EQ(r.teams[0].open_cases.state, CellState::kSmall);
  EXPECT_EQ(r.teams[1].label, "North team");
  EXPECT_EQ(r.teams[1].capacity, 80);
  EXPECT_DOUBLE_EQ(*r.teams[1].percent_used, 77.5);
  EXPECT_EQ(r.as_at, year{2026} / December / 6);
}

TEST(CapacityReport, TheThresholdIsTheOneGiven) {
  const auto r = capacity_report("merseyside", year{2026} / December / 6, {{"svc-a", "Alpha", 10, 7}}, {}, 10);
  EXPECT_EQ(r.services[0].open_cases.state, CellState::kSmall);
  EXPECT_EQ(r.threshold, 10);
}

}  // namespace
}  // namespace vg::insight
