// Demand insight's access and its figures over a SQLite store: a commissioner reads their own
// areas only (another is 404, whether or not it exists), other roles are refused, and the
// figures are the facts added up and suppressed. Every referral here is invented.
#include "app/insight/demand_insight.h"

#include <gtest/gtest.h>

#include <memory>

#include "store/open/open_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using namespace std::chrono;

access::Actor commissioner(std::vector<std::string> areas = {"merseyside"}) {
  access::Actor a;
  a.role = accounts::Role::kCommissioner;
  a.user_id = "u-1";
  a.organisation_id = "opcc";
  a.organisation_kind = "commissioner";
  a.areas = std::move(areas);
  return a;
}

class DemandInsightTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store("sqlite::memory:", 2);
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->migrate().has_value());
    // 7 referrals in Merseyside in November 2026: 5 in Liverpool, 2 in Knowsley.
    std::vector<insight::ReferralFacts> rows;
    for (int n = 1; n <= 7; ++n) {
      insight::ReferralFacts f;
      f.fact_id = "fact-" + std::to_string(n);
      f.area = "merseyside";
      f.local_authority = n <= 5 ? "E08000012" : "E08000011";
      f.received_on = year{2026} / November / n;
      f.channel = "police";
      f.victim_type = "person";
      f.age_band = "18_to_64";
      rows.push_back(f);
    }
    ASSERT_TRUE(store_->write([&](store::UnitOfWork& unit) { return unit.insight().insert(rows); }).has_value());
  }

  FixedClock clock_{sys_days(year{2026} / December / 5) + hours(10)};
  std::unique_ptr<store::Store> store_;
};

TEST_F(DemandInsightTest, TheLastThreeWholeMonthsOfTheirFirstAreaByDefault) {
  DemandInsight insight(*store_, clock_);
  auto r = insight.demand(commissioner(), DemandQuestion{});
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->area, "merseyside");
  EXPECT_EQ(r->period.first, year{2026} / September);
  EXPECT_EQ(r->period.last, year{2026} / November);
  EXPECT_EQ(r->previous.last, year{2026} / August);
  EXPECT_EQ(r->referrals.current.value, 7);
  EXPECT_TRUE(r->referrals.current.shown());
  const auto& places = r->tables[2];
  ASSERT_EQ(places.code, "local_authority");
  ASSERT_EQ(places.rows.size(), 2u);
  EXPECT_EQ(places.rows[0].label, "Knowsley");
  EXPECT_EQ(places.rows[0].current.state, insight::CellState::kSmall);
  EXPECT_EQ(places.rows[1].label, "Liverpool");
  EXPECT_FALSE(places.rows[1].current.shown()) << "7 - 5 would give the 2 away";
}

TEST_F(DemandInsightTest, AnotherAreaIsNotFoundWhetherOrNotItExists) {
  DemandInsight insight(*store_, clock_);
  for (const auto* area : {"merseyside", "atlantis"}) {
    auto r = insight.demand(commissioner({"greater-manchester"}), DemandQuestion{area, std::nullopt});
    ASSERT_FALSE(r.has_value()) << area;
    EXPECT_EQ(r.error().code, "not_found") << area;
  }
}

TEST_F(DemandInsightTest, OnlyRolesThatReadInsight) {
  DemandInsight insight(*store_, clock_);
  auto advisor = commissioner();
  advisor.role = accounts::Role::kGatewayAdvisor;
  advisor.organisation_kind = "gateway";
  auto r = insight.demand(advisor, DemandQuestion{});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "forbidden");
  EXPECT_TRUE(insight.areas_of(advisor).empty());
  // A commissioner's role held in a gateway organisation grants nothing.
  auto misplaced = commissioner();
  misplaced.organisation_kind = "gateway";
  EXPECT_EQ(insight.demand(misplaced, DemandQuestion{}).error().code, "not_found");
}

TEST_F(DemandInsightTest, QueryParametersAreCheckedFirst) {
  DemandInsight insight(*store_, clock_);
  auto r = insight.demand(commissioner(), {{"from", "2026-11"}, {"to", "2027-01"}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "validation_failed");
  EXPECT_EQ(r.error().fields.front().code, "in_future");
  auto november = insight.demand(commissioner(), {{"area", "merseyside"}, {"from", "2026-11"}, {"to", "2026-11"}});
  ASSERT_TRUE(november.has_value());
  EXPECT_EQ(november->referrals.current.value, 7);
  EXPECT_EQ(november->previous.first, year{2026} / October);
}

TEST_F(DemandInsightTest, TheThresholdIsTheConfiguredOne) {
  DemandInsight insight(*store_, clock_, 10);
  auto r = insight.demand(commissioner(), DemandQuestion{});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->threshold, 10);
  EXPECT_EQ(r->referrals.current.state, insight::CellState::kSmall) << "7 is under 10";
  EXPECT_EQ(insight.areas_of(commissioner()).front().name, "Merseyside");
}

}  // namespace
}  // namespace vg::app
