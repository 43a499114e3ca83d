// Cost and the grant return over a SQLite store: a commissioner reads their own area's estimated
// cost, suppressed, and its exact grant return; other roles are refused the return, another
// area is not found, and an area with no costs file gets counts without estimates. Every
// referral here is invented.
#include "app/insight/commissioning_insight.h"

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

const std::vector<std::pair<std::string, std::string>> kNovember = {{"from", "2026-11"}, {"to", "2026-11"}};

class CommissioningInsightTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store("sqlite::memory:", 2);
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->migrate().has_value());
    // Merseyside, November 2026: 8 to svc-a on the grant (3 of them supported), 2 ASB to svc-b.
    std::vector<insight::ReferralFacts> rows;
    for (int n = 1; n <= 10; ++n) {
      insight::ReferralFacts f;
      f.fact_id = "fact-" + std::to_string(n);
      f.area = "merseyside";
      f.local_authority = "E08000012";
      f.received_on = year{2026} / November / n;
      f.channel = "police";
      f.victim_type = "person";
      f.age_band = "18_to_64";
      f.routing_outcome = "routed";
      f.service_id = n <= 8 ? "svc-a" : "svc-b";
      f.funding_stream = n <= 8 ? "victims_grant" : "asb_support";
      f.non_crime_asb = n > 8;
      if (n <= 3) f.progress.supported_on = year{2026} / November / 20;
      rows.push_back(f);
    }
    ASSERT_TRUE(store_->write([&](store::UnitOfWork& unit) { return unit.insight().insert(rows); }).has_value());
    costs_["merseyside"] = insight::read_unit_costs("2026-01 2026-12 service svc-a 100 0\n").value();
  }

  FixedClock clock_{sys_days(year{2026} / December / 5) + hours(10)};
  std::unique_ptr<store::Store> store_;
  std::map<std::string, insight::UnitCosts> costs_;
};

TEST_F(CommissioningInsightTest, TheCostOfTheirOwnAreaSuppressed) {
  DemandInsight demand(*store_, clock_);
  CommissioningInsight insight(*store_, demand, costs_);
  auto r = insight.cost(commissioner(), kNovember);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_EQ(r->rows[0].service, "svc-a") << "not in the directory: its id";
  EXPECT_EQ(r->rows[0].cases.state, insight::CellState::kHidden) << "else 10 - 8 tells the 2";
  EXPECT_EQ(r->rows[1].cases.state, insight::CellState::kSmall);
  EXPECT_FALSE(r->rows[0].estimated_cost.has_value());
  EXPECT_EQ(r->rows[0].unit_cost, 10000);
  EXPECT_EQ(r->total.cases.value, 10);
  EXPECT_FALSE(r->total.estimated_cost.has_value()) << "svc-b has no unit cost";
  auto other = insight.cost(commissioner({"greater-manchester"}), {{"area", "merseyside"}});
  EXPECT_EQ(other.error().code, "not_found");
}

TEST_F(CommissioningInsightTest, TheGrantReturnIsExactAndOnlyForThoseWhoSubmitIt) {
  DemandInsight demand(*store_, clock_);
  CommissioningInsight insight(*store_, demand, costs_);
  auto r = insight.grant_return(commissioner(), kNovember);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->streams.size(), 2u);
  EXPECT_EQ(r->streams[0].funding_stream, "asb_support");
  EXPECT_EQ(r->streams[0].referred.all(), 2) << "small, and exact";
  EXPECT_EQ(r->streams[1].referred.basic, 8);
  EXPECT_EQ(r->streams[1].supported.basic, 3);
  EXPECT_EQ(r->all.referred.all(), 10);
  auto leader = commissioner();
  leader.role = accounts::Role::kTeamLeader;
  leader.organisation_kind = "gateway";
  EXPECT_EQ(insight.grant_return(leader, kNovember).error().code, "forbidden");
  EXPECT_EQ(insight.grant_return(commissioner({"greater-manchester"}), {{"area", "merseyside"}}).error().code,
            "not_found");
  EXPECT_EQ(insight.grant_return(commissioner(), {{"from", "2026-11"}}).error().code, "validation_failed");
}

}  // namespace
}  // namespace vg::app
