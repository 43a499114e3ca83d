#include "domain/insight/cost.h"

#include <gtest/gtest.h>

#include <tuple>

#include "support/insight_counts.h"

namespace vg::insight {
namespace {

using namespace std::chrono;

FactGroup group(std::string service, std::string stream, std::int64_t referrals,
                std::int64_t supported, std::map<std::string, std::string> outcomes = {}) {
  FactGroup g;
  g.service_id = std::move(service);
  g.funding_stream = std::move(stream);
  g.referrals = referrals;
  g.supported = supported;
  for (const auto& [need, outcome] : outcomes) g.outcomes[need][outcome] = referrals;
  return g;
}

const MonthPeriod kQ1{year{2026} / January, year{2026} / March};

UnitCosts costs() {
  return read_unit_costs(
             "stream asb_support Community safety fund\n"
             "2026-01 2026-12 caseworker-hour 30\n"
             "2026-01 2026-02 service svc-a 100 1\n"   // 130.00 a case in January and February
             "2026-03 2026-12 service svc-a 160 1\n"   // 190.00 a case from March
             "2026-01 2026-12 service svc-b 200 0\n"   // 200.00 a case
             "2026-03 2026-03 service svc-c 90 0\n")   // 90.00, March only
      .value();
}

TEST(CostReport, HandComputedByServiceAndStream) {
  const std::vector<FactGroup> groups = {
      // Alpha, victims' grant: 6 in January (each with 2 needs improved), 4 in March; 6 supported.
      group("svc-a", "victims_grant", 6, 4, {{"safety", "yes"}, {"health", "yes"}}),
      group("svc-a", "victims_grant", 4, 2, {{"safety", "partly"}}),
      // Beta, victims' grant: 8 in February, 5 supported, 1 need improved each.
      group("svc-b", "victims_grant", 8, 5, {{"safety", "yes"}}),
      // Beta, ASB support: 7, 6 supported, no outcomes yet.
      group("svc-b", "asb_support", 7, 6),
      // No service (signposted): not a case.
      group("", "none", 9, 0),
  };
  const auto r = testing::cost_of("invented-area", kQ1, groups, costs(), {{"svc-a", "Alpha"}, {"svc-b", "Beta"}});
  ASSERT_EQ(r.rows.size(), 3u);
  const auto& a = r.rows[0];
  EXPECT_EQ(a.service, "Alpha");
  EXPECT_EQ(a.cases.value, 10);
  EXPECT_TRUE(a.cases.shown());
  EXPECT_EQ(a.supported.value, 6);
  EXPECT_EQ(a.improved.value, 12);
  // Unit cost (130 + 130 + 190) / 3 = 150.00, whatever month the cases came in: 10 x 150 = 1,500.
  EXPECT_EQ(a.unit_cost, 15000);
  EXPECT_EQ(a.estimated_cost, 150000);
  EXPECT_EQ(a.per_case, 15000);
  EXPECT_EQ(a.per_supported, 25000);
  EXPECT_EQ(a.per_improved, 12500);
  EXPECT_EQ(r.rows[1].funding_stream, "asb_support");
  EXPECT_EQ(r.rows[1].funding_stream_label, "Community safety fund");
  EXPECT_EQ(r.rows[1].estimated_cost, 140000);  // 7 x 200.00
  EXPECT_EQ(r.rows[1].improved.state, CellState::kSmall);
  EXPECT_FALSE(r.rows[1].per_improved.has_value()) << "its count is not shown";
  EXPECT_EQ(r.rows[2].funding_stream, "victims_grant");
  EXPECT_EQ(r.rows[2].estimated_cost, 160000);  // 8 x 200.00
  EXPECT_EQ(r.rows[2].improved.state, CellState::kHidden) << "else 20 - 12 - 8 tells the small 0";
  // 25 cases, 4,500.00: 180.00 a case, 264.71 a supported victim (17).
  EXPECT_EQ(r.total.cases.value, 25);
  EXPECT_TRUE(r.total.cases.shown());
  EXPECT_EQ(r.total.estimated_cost, 450000);
  EXPECT_EQ(r.total.per_case, 18000);
  EXPECT_EQ(r.total.per_supported, 26471);
  EXPECT_EQ(r.total.per_improved, 22500);  // 20 improved
}

TEST(CostReport, AStreamsSupportedTheStreamsPageHidesIsNotHadFromTheCostRows) {
  // 40 referrals: the grant's 30, 20 supported, all at Beta; ASB support's 10, 7 supported, all
  // at Alpha. The streams page hides ASB support's 7 (the 3 not supported are few), and the
  // grant's 20 beside it; each is one cost row's supported, so the cost page hides them too.
  DemandCounts counts;
  for (const auto& [stream, referrals, supported] :
       {std::tuple{"victims_grant", 30, 20}, std::tuple{"asb_support", 10, 7}}) {
    add_stream_figure(counts, stream, "funding_stream", stream, referrals);
    add_stream_figure(counts, stream, "totals", "referrals", referrals);
    add_stream_figure(counts, stream, "totals", "supported", supported);
  }
  const std::vector<FactGroup> groups = {group("svc-b", "victims_grant", 30, 20), group("svc-a", "asb_support", 10, 7)};
  const auto alone = testing::cost_of("invented-area", kQ1, groups, costs(), {});
  ASSERT_EQ(alone.rows.size(), 2u);
  EXPECT_TRUE(alone.rows[0].supported.shown()) << "on its own, the cost page would show the 7";

  add_cost_counts(counts, groups);
  const auto split = stream_split(counts, {}, 5);
  for (const auto& t : split.tables) {
    if (t.code != "rates") continue;
    EXPECT_EQ(t.rows[2].cells[1].state, CellState::kHidden) << "the streams page hides ASB support's 7";
  }
  const auto r = cost_report("invented-area", kQ1, split, costs(), {});
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].funding_stream, "asb_support");
  EXPECT_EQ(r.rows[0].supported.value, 7);
  EXPECT_EQ(r.rows[0].supported.state, CellState::kHidden);
  EXPECT_FALSE(r.rows[0].per_supported.has_value());
  EXPECT_EQ(r.rows[1].supported.state, CellState::kHidden) << "the grant's 20 likewise";
  EXPECT_TRUE(r.rows[0].cases.shown()) << "every referral of each stream routed: 10 and 30 are shown on both";
  EXPECT_EQ(r.total.supported.value, 27);
  EXPECT_TRUE(r.total.supported.shown());
}

TEST(CostReport, ASmallCountShowsNoCostThatWouldTellIt) {
  const std::vector<FactGroup> groups = {group("svc-a", "victims_grant", 3, 1),
                                         group("svc-b", "victims_grant", 20, 10)};
  const auto r = testing::cost_of("invented-area", kQ1, groups, costs(), {});
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].service, "svc-a") << "no name: its id";
  EXPECT_EQ(r.rows[0].cases.state, CellState::kSmall);
  EXPECT_FALSE(r.rows[0].estimated_cost.has_value());
  EXPECT_EQ(r.rows[0].unit_cost, 15000) << "the unit cost is configuration, not a count";
  EXPECT_EQ(r.rows[1].cases.state, CellState::kHidden) << "else 23 - 20 tells the 3";
  EXPECT_FALSE(r.rows[1].estimated_cost.has_value());
  EXPECT_TRUE(r.total.cases.shown());
  // 3 x 150 + 20 x 200 = 4,450 would give the 3 away with the 23: no total estimate.
  EXPECT_FALSE(r.total.estimated_cost.has_value());
}

TEST(CostReport, MonthsWithNoUnitCostAreSaidSo) {
  const std::vector<FactGroup> groups = {group("svc-c", "victims_grant", 10, 5),
                                         group("svc-z", "victims_grant", 10, 5)};
  const auto r = testing::cost_of("invented-area", kQ1, groups, costs(), {});
  EXPECT_TRUE(r.rows[0].partly_priced) << "priced for March only";
  EXPECT_EQ(r.rows[0].estimated_cost, 90000);
  EXPECT_TRUE(r.rows[1].partly_priced);
  EXPECT_FALSE(r.rows[1].unit_cost.has_value());
  EXPECT_FALSE(r.rows[1].estimated_cost.has_value());
  EXPECT_TRUE(r.total.partly_priced);
  EXPECT_FALSE(r.total.estimated_cost.has_value());
}

TEST(CostReport, NothingCountedIsSmall) {
  const auto r = testing::cost_of("invented-area", kQ1, {}, costs(), {});
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(r.total.cases.state, CellState::kSmall);
  EXPECT_FALSE(r.total.estimated_cost.has_value());
}

}  // namespace
}  // namespace vg::insight
