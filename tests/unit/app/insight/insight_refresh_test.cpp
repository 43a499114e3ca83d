// The insight refresh job on a real (in-memory SQLite) store with a fixed clock: it works out the
// figures of every month written since, leaving nothing stale and every figure as it was; a
// fact written after it is counted at once and makes its month stale again; each run queues the
// next, once however many processes schedule it. Every referral here is invented.
#include "app/insight/insight_refresh.h"

#include <gtest/gtest.h>

#include <memory>

#include "support/fixed_clock.h"
#include "unit/app/intake/intake_store.h"

namespace vg::app {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

insight::ReferralFacts invented(int n, year_month_day received) {
  insight::ReferralFacts f;
  f.fact_id = "fact-" + std::to_string(n);
  f.area = n % 3 ? "merseyside" : "staffordshire";
  f.local_authority = n % 2 ? "E08000012" : "E08000011";
  f.received_on = received;
  f.channel = n % 4 ? "police" : "self";
  f.victim_type = "person";
  f.age_band = "18_to_64";
  f.enhanced = n % 5 == 0;
  return f;
}

class InsightRefreshTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::open_migrated_store(store_); }
  void insert(std::vector<insight::ReferralFacts> rows) {
    ASSERT_TRUE(store_->write([&](store::UnitOfWork& unit) { return unit.insight().insert(rows); }).has_value());
  }
  std::int64_t referrals(const std::string& area) {
    return store_->insight().demand(area, {year{2026} / October, year{2026} / November}).value().referrals;
  }

  FixedClock clock_{sys_days{year{2026} / 12 / 5} + 10h};
  std::unique_ptr<store::Store> store_;
};

TEST_F(InsightRefreshTest, EveryMonthWrittenIsRefreshedAndItsFiguresStayTheSame) {
  for (int n = 1; n <= 12; ++n) insert({invented(n, year{2026} / (n % 2 ? October : November) / n)});
  EXPECT_EQ(store_->insight().stale_months(100).value().size(), 4u) << "two areas, two months each";
  const auto merseyside = referrals("merseyside");
  const auto staffordshire = referrals("staffordshire");
  EXPECT_EQ(merseyside + staffordshire, 12);

  InsightRefresh refresh(*store_, clock_);
  EXPECT_EQ(refresh.refresh_stale().value(), 4);
  EXPECT_TRUE(store_->insight().stale_months(100).value().empty());
  EXPECT_EQ(referrals("merseyside"), merseyside);
  EXPECT_EQ(referrals("staffordshire"), staffordshire);
  EXPECT_EQ(refresh.refresh_stale().value(), 0) << "nothing written since";

  insert({invented(13, year{2026} / November / 20)});
  EXPECT_EQ(referrals("merseyside"), merseyside + 1) << "counted before any refresh";
  const auto stale = store_->insight().stale_months(100).value();
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(stale[0], (store::InsightMonth{"merseyside", year{2026} / November}));
  EXPECT_EQ(refresh.refresh_stale().value(), 1);
  EXPECT_EQ(referrals("merseyside"), merseyside + 1);
}

TEST_F(InsightRefreshTest, EachRunQueuesTheNextAndSchedulingTwiceQueuesOne) {
  insert({invented(1, year{2026} / November / 1)});
  InsightRefresh refresh(*store_, clock_);
  ASSERT_TRUE(refresh.schedule());
  ASSERT_TRUE(refresh.schedule());
  JobRunner runner(*store_, clock_);
  refresh.register_jobs(runner);
  auto ran = runner.run_due(10);
  ASSERT_TRUE(ran) << ran.error().message;
  EXPECT_EQ(ran->done, 1) << "one run however many processes scheduled it";
  EXPECT_TRUE(store_->insight().stale_months(100).value().empty());
  EXPECT_EQ(runner.run_due(10).value().claimed, 0) << "the next is not due yet";
  clock_.advance(61s);
  EXPECT_EQ(runner.run_due(10).value().done, 1) << "the next run was queued by the first";
}

}  // namespace
}  // namespace vg::app
