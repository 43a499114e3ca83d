// Referral facts on every backend (domain/insight/referral_facts.h): stored with the referral,
// read back whole, their progress replaced as the case changes, and added up for one area and a
// run of whole months. Every referral here is invented.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "referral_fixture.h"
#include "store/insight_refresh_steps.h"

namespace vg::store::testing {
namespace {

using namespace std::chrono;

insight::ReferralFacts facts(int n, std::chrono::year_month_day received, std::string channel = "police") {
  insight::ReferralFacts f;
  f.fact_id = uuid(100 + n);
  f.area = "invented-area";
  f.local_authority = n % 2 ? "E08000012" : "E08000011";
  f.received_on = received;
  f.channel = std::move(channel);
  f.offence_category = "burglary_residential";
  f.offence_group = "Burglary";
  f.victim_type = "person";
  f.age_band = "18_to_64";
  f.funding_stream = "victims_grant";
  f.routing_outcome = "routed";
  f.service_id = uuid(900);
  return f;
}

class InsightRepositoryTest : public ReferralFixture {
 protected:
  void insert(const std::vector<insight::ReferralFacts>& rows) {
    auto done = store_->write([&](UnitOfWork& unit) { return unit.insight().insert(rows); });
    ASSERT_TRUE(done.has_value()) << done.error().message;
  }
  insight::DemandCounts demand(const std::string& area, year_month first, year_month last) {
    auto counts = store_->insight().demand(area, {first, last});
    EXPECT_TRUE(counts.has_value()) << (counts ? "" : counts.error().message);
    return counts.value_or(insight::DemandCounts{});
  }
};

TEST_F(InsightRepositoryTest, FactsReadBackWhole) {
  auto f = facts(1, year{2026} / March / 31);
  f.enhanced = true;
  f.dash_high = true;
  f.non_crime_asb = true;
  f.progress.accepted = true;
  f.progress.contacted_on = year{2026} / April / 2;
  f.progress.first_contact_met = true;
  f.progress.needs_assessment_met = false;
  f.progress.restorative_justice_met = true;
  f.police_referral_met = false;
  f.progress.needs_at_assessment = {{"safety", "high"}, {"finance", "low"}};
  f.progress.outcomes = {{"safety", "yes"}};
  f.progress.onward_services = {uuid(901) + ":accepted", uuid(902) + ":declined"};
  insert({f});
  auto found = store_->insight().find(f.fact_id);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, f);
  EXPECT_FALSE(store_->insight().find(uuid(999)).value().has_value());
}

TEST_F(InsightRepositoryTest, ARowStoredAlreadyIsLeftAsItIs) {
  insert({facts(1, year{2026} / March / 1, "police")});
  insert({facts(1, year{2026} / March / 1, "self"), facts(2, year{2026} / March / 1)});
  EXPECT_EQ(store_->insight().find(uuid(101)).value()->channel, "police");
  EXPECT_TRUE(store_->insight().find(uuid(102)).value().has_value());
}

TEST_F(InsightRepositoryTest, ProgressIsReplacedAndNothingElse) {
  insert({facts(1, year{2026} / March / 1)});
  insight::CaseProgressFacts p;
  p.accepted = true;
  p.closed_on = year{2026} / March / 20;
  p.close_reason = "support_completed";
  p.restorative_justice_met = false;
  auto done = store_->write([&](UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.insight().update_progress(uuid(101), p));
    return unit.insight().update_progress(uuid(555), p);  // no row: nothing
  });
  ASSERT_TRUE(done.has_value()) << done.error().message;
  const auto found = store_->insight().find(uuid(101)).value();
  EXPECT_EQ(found->progress, p);
  EXPECT_EQ(found->channel, "police");
  EXPECT_FALSE(store_->insight().find(uuid(555)).value().has_value());
}

TEST_F(InsightRepositoryTest, DemandAddsUpOneAreaOverWholeMonths) {
  std::vector<insight::ReferralFacts> rows;
  // January to March 2026: 4 police, 2 self; one of the self-referrals a business.
  for (int n = 1; n <= 4; ++n) rows.push_back(facts(n, year{2026} / January / n));
  rows.push_back(facts(5, year{2026} / February / 28, "self"));
  rows.push_back(facts(6, year{2026} / March / 31, "self"));
  rows.back().victim_type = "business";
  rows.back().age_band = "unknown";
  rows[0].enhanced = true;
  rows[0].hate_crime = true;
  rows[1].enhanced = true;
  rows[0].progress.accepted = true;
  rows[0].progress.contacted_on = year{2026} / January / 3;
  rows[0].progress.supported_on = year{2026} / January / 9;
  rows[1].progress.contacted_on = year{2026} / January / 5;
  // Outside: December 2025, April 2026, and another area.
  rows.push_back(facts(7, year{2025} / December / 31));
  rows.push_back(facts(8, year{2026} / April / 1));
  rows.push_back(facts(9, year{2026} / February / 1));
  rows.back().area = "another-area";
  insert(rows);

  const auto d = demand("invented-area", year{2026} / January, year{2026} / March);
  EXPECT_EQ(d.referrals, 6);
  EXPECT_EQ(d.accepted, 1);
  EXPECT_EQ(d.contacted, 2);
  EXPECT_EQ(d.supported, 1);
  EXPECT_EQ(d.flags.at("enhanced"), 2);
  EXPECT_EQ(d.flags.at("hate_crime"), 1);
  EXPECT_EQ(d.flags.at("sexual_offence"), 0);
  EXPECT_EQ(d.by.at("channel").at("police"), 4);
  EXPECT_EQ(d.by.at("channel").at("self"), 2);
  EXPECT_EQ(d.by.at("victim_type").at("person"), 5);
  EXPECT_EQ(d.by.at("victim_type").at("business"), 1);
  EXPECT_EQ(d.by.at("age_band").at("unknown"), 1);
  EXPECT_EQ(d.by.at("local_authority").at("E08000012"), 3);
  EXPECT_EQ(d.by.at("offence_group").at("Burglary"), 6);

  const auto one_month = demand("invented-area", year{2026} / February, year{2026} / February);
  EXPECT_EQ(one_month.referrals, 1);
  const auto none = demand("nowhere", year{2026} / January, year{2026} / March);
  EXPECT_EQ(none.referrals, 0);
  EXPECT_EQ(none.flags.at("enhanced"), 0);
  EXPECT_TRUE(none.by.empty());
}

TEST_F(InsightRepositoryTest, ReferralsWithoutFactsAreFoundForTheDataStep) {
  std::vector<StoredReferral> rows;
  for (int n : {1, 2, 3}) {
    rows.push_back(referral(n));
    rows.back().reference = "MY-2026-" + std::to_string(700000 + n);  // each its own, as stored
  }
  auto stored = store_->write([&](UnitOfWork& unit) -> Result<void> { return unit.referrals().insert(rows); });
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  insert({facts(2, year{2026} / March / 2)});
  EXPECT_EQ(store_->insight().referrals_without_facts("", 10).value(), (std::vector<std::string>{uuid(101), uuid(103)}));
  EXPECT_EQ(store_->insight().referrals_without_facts(uuid(101), 10).value(), std::vector<std::string>{uuid(103)});
  EXPECT_EQ(store_->insight().referrals_without_facts("", 1).value(), std::vector<std::string>{uuid(101)});
}

TEST_F(InsightRepositoryTest, FactGroupsAddUpByServiceStreamRightsWithOutcomesPerNeed) {
  std::vector<insight::ReferralFacts> rows;
  for (int n = 1; n <= 5; ++n) rows.push_back(facts(n, year{2026} / January / n));
  // 1 and 2: contacted, supported, closed, both clocks met; outcomes alike but for health.
  for (int i : {0, 1}) {
    auto& p = rows[i].progress;
    p.contacted_on = year{2026} / January / 10;
    p.assessed_on = year{2026} / January / 11;
    p.supported_on = year{2026} / January / 11;
    p.closed_on = year{2026} / January / 30;
    p.first_contact_met = true;
    p.needs_assessment_met = true;
  }
  rows[0].progress.outcomes = {{"safety", "yes"}, {"health", "partly"}};
  rows[1].progress.outcomes = {{"safety", "yes"}, {"health", "no"}};
  rows[2].progress.first_contact_met = false;  // 3: contact breached; assessment still running
  rows[2].received_on = year{2026} / March / 3;  // another month, the same group
  rows[3].enhanced = true;                     // 4: enhanced rights
  rows[4].funding_stream = "asb_support";      // 5: ASB support, another service, February
  rows[4].non_crime_asb = true;
  rows[4].service_id = uuid(901);
  rows[4].received_on = year{2026} / February / 2;
  rows.push_back(facts(6, year{2026} / April / 1));  // outside the period
  insert(rows);

  auto groups = store_->insight().fact_groups("invented-area", {year{2026} / January, year{2026} / March});
  ASSERT_TRUE(groups.has_value()) << groups.error().message;
  std::sort(groups->begin(), groups->end(), [](const auto& a, const auto& b) {
    return std::tie(a.funding_stream, a.enhanced) < std::tie(b.funding_stream, b.enhanced);
  });
  ASSERT_EQ(groups->size(), 3u);
  const auto& asb = (*groups)[0];
  EXPECT_EQ(asb.funding_stream, "asb_support");
  EXPECT_EQ(asb.service_id, uuid(901));
  EXPECT_EQ(asb.referrals, 1);
  EXPECT_EQ(asb.contacted, 0);
  const auto& basic = (*groups)[1];  // 1, 2 and 3, January and March
  EXPECT_EQ(basic.service_id, uuid(900));
  EXPECT_EQ(basic.funding_stream, "victims_grant");
  EXPECT_FALSE(basic.enhanced);
  EXPECT_EQ(basic.referrals, 3);
  EXPECT_EQ(basic.contacted, 2);
  EXPECT_EQ(basic.assessed, 2);
  EXPECT_EQ(basic.supported, 2);
  EXPECT_EQ(basic.closed, 2);
  EXPECT_EQ(basic.first_contact, (insight::MetCount{2, 1}));
  EXPECT_EQ(basic.needs_assessment, (insight::MetCount{2, 0}));
  EXPECT_EQ(basic.outcomes, (std::map<std::string, std::map<std::string, std::int64_t>>{
                                {"health", {{"no", 1}, {"partly", 1}}}, {"safety", {{"yes", 2}}}}));
  EXPECT_TRUE((*groups)[2].enhanced);
  EXPECT_EQ((*groups)[2].referrals, 1);
  EXPECT_TRUE((*groups)[2].outcomes.empty());

  EXPECT_TRUE(store_->insight().fact_groups("nowhere", {year{2026} / January, year{2026} / March}).value().empty());
}

TEST_F(InsightRepositoryTest, SupportCountsDaysTakenNeedsOutcomesOnwardReferralsAndRepeatVictims) {
  std::vector<insight::ReferralFacts> rows;
  for (int n = 1; n <= 4; ++n) rows.push_back(facts(n, year{2026} / January / 5));
  auto& one = rows[0].progress;  // contacted the same day, assessed 2 days on, supported 7 days on
  one.contacted_on = year{2026} / January / 5;
  one.assessed_on = year{2026} / January / 7;
  one.supported_on = year{2026} / January / 12;
  one.needs_at_assessment = {{"safety", "high"}, {"health", "none"}};
  one.outcomes = {{"safety", "yes"}, {"health", "no_need"}};
  one.onward_services = {uuid(901) + ":completed", uuid(902) + ":declined"};
  auto& two = rows[1].progress;  // contacted 1 day on, assessed 25 days on
  two.contacted_on = year{2026} / January / 6;
  two.assessed_on = year{2026} / January / 30;
  two.needs_at_assessment = {{"safety", "high"}, {"health", "low"}};
  two.onward_services = {uuid(901) + ":sent"};
  rows[2].progress.contacted_on = year{2026} / January / 9;  // 4 days on
  rows[2].repeat_victim = true;
  rows[3].repeat_victim = true;
  rows[3].offence_group = "Violence against the person";
  insert(rows);

  const auto c = demand("invented-area", year{2026} / January, year{2026} / January);
  using Counts = std::map<std::string, std::int64_t>;
  EXPECT_EQ(c.by.at("days_to_contact"), (Counts{{"0", 1}, {"1", 1}, {"3_to_5", 1}}));
  EXPECT_EQ(c.by.at("days_to_assessment"), (Counts{{"2", 1}, {"over_20", 1}}));
  EXPECT_EQ(c.by.at("days_to_support"), (Counts{{"6_to_10", 1}}));
  EXPECT_EQ(c.by.at("need_at_assessment"),
            (Counts{{"health:low", 1}, {"health:none", 1}, {"safety:high", 2}}));
  EXPECT_EQ(c.by.at("outcome_at_close"), (Counts{{"health:no_need", 1}, {"safety:yes", 1}}));
  EXPECT_EQ(c.by.at("onward"),
            (Counts{{uuid(901) + ":completed", 1}, {uuid(901) + ":sent", 1}, {uuid(902) + ":declined", 1}}));
  EXPECT_EQ(c.by.at("repeat_offence_group"), (Counts{{"Burglary", 1}, {"Violence against the person", 1}}));
}

// Issue 15: every figure is also counted per funding stream (migration 0052), and the streams'
// figures add up to the all-streams ones.
TEST_F(InsightRepositoryTest, EveryFigureIsAlsoCountedPerFundingStream) {
  std::vector<insight::ReferralFacts> rows;
  for (int n = 1; n <= 5; ++n) {
    auto f = facts(n, year{2026} / January / n, n <= 3 ? "police" : "self");
    f.funding_stream = n == 5 ? "asb_support" : "victims_grant";
    f.non_crime_asb = n == 5;
    if (n % 2 == 1) f.progress.contacted_on = year{2026} / January / (n + 1);  // next day
    rows.push_back(std::move(f));
  }
  insert(rows);
  const auto c = demand("invented-area", year{2026} / January, year{2026} / January);
  using Counts = std::map<std::string, std::int64_t>;
  const auto& grant = c.by_stream.at("victims_grant");
  const auto& asb = c.by_stream.at("asb_support");
  EXPECT_EQ(c.by_stream.size(), 2u);
  EXPECT_EQ(grant.at("totals"), (Counts{{"contacted", 2}, {"referrals", 4}}));
  EXPECT_EQ(asb.at("totals"), (Counts{{"contacted", 1}, {"referrals", 1}}));
  EXPECT_EQ(grant.at("channel"), (Counts{{"police", 3}, {"self", 1}}));
  EXPECT_EQ(asb.at("channel"), (Counts{{"self", 1}}));
  EXPECT_EQ(asb.at("flags"), (Counts{{"non_crime_asb", 1}}));
  EXPECT_FALSE(grant.contains("flags") && grant.at("flags").contains("non_crime_asb"));
  EXPECT_EQ(grant.at("days_to_contact"), (Counts{{"1", 2}}));
  EXPECT_EQ(asb.at("days_to_contact"), (Counts{{"1", 1}}));
  EXPECT_EQ(grant.at("funding_stream"), (Counts{{"victims_grant", 4}}));
  // Every stream's figures added up are the all-streams figures.
  insight::DemandCounts added;
  for (const auto& [stream, figures] : c.by_stream) {
    for (const auto& [dimension, values] : figures) {
      for (const auto& [value, n] : values) insight::add_figure(added, dimension, value, n);
    }
  }
  EXPECT_EQ(added.referrals, c.referrals);
  EXPECT_EQ(added.contacted, c.contacted);
  EXPECT_EQ(added.by, c.by);
  for (const auto& [flag, n] : c.flags) {
    EXPECT_EQ(added.flags.contains(flag) ? added.flags.at(flag) : 0, n) << flag;
  }
}

// Migration 0048 keeps each month's figures: added up, kept months and stale months (counted from
// the facts) give exactly what counting every fact gives, and a write after a refresh counts at
// once.
class KeptMonthFiguresTest : public InsightRepositoryTest {
 protected:
  struct Figures {
    insight::DemandCounts demand;
    std::vector<insight::FactGroup> groups;
  };
  Figures figures() {
    Figures f{demand("invented-area", year{2026} / January, year{2026} / April), {}};
    auto groups = store_->insight().fact_groups("invented-area", {year{2026} / January, year{2026} / April});
    EXPECT_TRUE(groups.has_value()) << (groups ? "" : groups.error().message);
    f.groups = groups.value_or(std::vector<insight::FactGroup>{});
    std::sort(f.groups.begin(), f.groups.end(), [](const auto& a, const auto& b) {
      return std::tie(a.service_id, a.funding_stream, a.enhanced) < std::tie(b.service_id, b.funding_stream, b.enhanced);
    });
    return f;
  }
  void expect_same(const Figures& a, const Figures& b, const std::string& when) {
    EXPECT_EQ(a.demand.referrals, b.demand.referrals) << when;
    EXPECT_EQ(a.demand.accepted, b.demand.accepted) << when;
    EXPECT_EQ(a.demand.contacted, b.demand.contacted) << when;
    EXPECT_EQ(a.demand.supported, b.demand.supported) << when;
    EXPECT_EQ(a.demand.flags, b.demand.flags) << when;
    EXPECT_EQ(a.demand.by, b.demand.by) << when;
    EXPECT_EQ(a.demand.by_stream, b.demand.by_stream) << when;
    EXPECT_EQ(a.groups, b.groups) << when;
  }
  void refresh(const std::string& area, year_month month) {
    auto done = store_->insight().refresh_month(area, month);
    ASSERT_TRUE(done.has_value()) << done.error().message;
  }
  void refresh_all() {
    const auto stale = store_->insight().stale_months(100).value();
    for (const auto& m : stale) refresh(m.area, m.month);
    EXPECT_TRUE(store_->insight().stale_months(100).value().empty());
  }
  // Sixteen referrals over January to April in two areas, their channels, flags, services,
  // streams, progress and outcomes varied.
  std::vector<insight::ReferralFacts> varied() {
    std::vector<insight::ReferralFacts> rows;
    for (int n = 1; n <= 16; ++n) {
      auto f = facts(n, year{2026} / month{static_cast<unsigned>(1 + n % 4)} / (1 + n % 28), n % 3 ? "police" : "self");
      f.area = n % 5 ? "invented-area" : "another-area";
      f.enhanced = n % 2 == 1;
      f.hate_crime = n % 7 == 0;
      f.service_id = uuid(900 + n % 3);
      f.funding_stream = n % 6 ? "victims_grant" : "asb_support";
      f.progress.accepted = n % 2 == 1;
      if (n % 3 != 1) f.progress.contacted_on = year{2026} / May / 1;
      if (n % 4 == 0) f.progress.supported_on = year{2026} / May / 2;
      if (n % 4 == 0) f.progress.closed_on = year{2026} / May / 3;
      f.progress.first_contact_met = n % 3 ? std::optional<bool>(n % 2 == 1) : std::nullopt;
      f.progress.restorative_justice_met = n % 4 == 0;
      f.police_referral_met = n % 5 != 0;
      if (n % 4 == 0) f.progress.outcomes = {{"safety", n % 8 ? "yes" : "partly"}};
      f.repeat_victim = n % 3 == 0;
      if (n % 2 == 0) {
        f.progress.assessed_on = year{2026} / May / 1;
        f.progress.needs_at_assessment = {{"safety", n % 4 ? "high" : "low"}, {"health", "none"}};
      }
      if (n % 5 == 1) f.progress.onward_services = {uuid(910 + n % 2) + (n % 3 ? ":accepted" : ":sent")};
      rows.push_back(std::move(f));
    }
    return rows;
  }
};

TEST_F(KeptMonthFiguresTest, KeptAndStaleMonthsAddUpAsTheFactsDo) {
  insert(varied());
  const auto stale = store_->insight().stale_months(100).value();
  EXPECT_EQ(stale.size(), 7u) << "each month written in each area, once";
  EXPECT_TRUE(std::is_sorted(stale.begin(), stale.end(), [](const auto& a, const auto& b) {
    return std::tie(a.area, a.month) < std::tie(b.area, b.month);
  }));
  EXPECT_EQ(store_->insight().stale_months(3).value().size(), 3u);
  const auto counted = figures();
  ASSERT_GT(counted.demand.referrals, 0);

  refresh("invented-area", year{2026} / February);
  expect_same(figures(), counted, "one month kept, three counted");
  refresh_all();
  expect_same(figures(), counted, "every month kept");
  refresh("invented-area", year{2026} / February);
  expect_same(figures(), counted, "refreshed twice");
}

TEST_F(KeptMonthFiguresTest, AWriteAfterARefreshCountsAtOnce) {
  insert(varied());
  refresh_all();
  const auto before = figures();
  insight::CaseProgressFacts p;
  p.accepted = true;
  p.contacted_on = year{2026} / May / 4;
  p.closed_on = year{2026} / May / 5;
  p.outcomes = {{"health", "no"}};
  auto done = store_->write([&](UnitOfWork& unit) { return unit.insight().update_progress(uuid(101), p); });
  ASSERT_TRUE(done.has_value()) << done.error().message;
  insert({facts(40, year{2026} / March / 9)});
  const auto stale = store_->insight().stale_months(100).value();
  EXPECT_EQ(stale, (std::vector<InsightMonth>{{"invented-area", year{2026} / February},
                                              {"invented-area", year{2026} / March}}));
  const auto after = figures();
  EXPECT_EQ(after.demand.referrals, before.demand.referrals + 1);
  EXPECT_EQ(after.demand.by.at("channel").at("police"), before.demand.by.at("channel").at("police") + 1);
  refresh_all();
  expect_same(figures(), after, "after the refresh");
}

// Migration 0051: the refresh counts in a snapshot, so a fact written while it counts must leave
// the month stale rather than be lost from the kept figures.
TEST_F(KeptMonthFiguresTest, AFactWrittenWhileAMonthIsCountedLeavesItStale) {
  insert(varied());
  const auto before = figures();
  auto* steps = dynamic_cast<InsightRefreshSteps*>(&store_->insight());
  ASSERT_NE(steps, nullptr) << "every store refreshes in two steps";
  const InsightMonth march{"invented-area", year{2026} / March};
  auto stale = [&] {
    const auto months = store_->insight().stale_months(100).value();
    return std::find(months.begin(), months.end(), march) != months.end();
  };
  auto kept = steps->refresh_month_with(march.area, march.month,
                                        [&] { insert({facts(41, year{2026} / March / 9)}); });
  ASSERT_TRUE(kept.has_value()) << kept.error().message;
  EXPECT_FALSE(*kept) << "written while it counted: not kept";
  EXPECT_TRUE(stale());
  const auto after = figures();
  EXPECT_EQ(after.demand.referrals, before.demand.referrals + 1) << "the new fact counted at once";

  kept = steps->refresh_month_with(march.area, march.month, {});
  ASSERT_TRUE(kept.has_value()) << kept.error().message;
  EXPECT_TRUE(*kept) << "nothing written meanwhile: kept";
  EXPECT_FALSE(stale());
  expect_same(figures(), after, "kept with the fact written meanwhile");
  kept = steps->refresh_month_with(march.area, march.month, {});
  ASSERT_TRUE(kept.has_value());
  EXPECT_FALSE(*kept) << "a month not stale has nothing to keep";
}

TEST_F(InsightRepositoryTest, FactGroupsCountThePoliceReferralAndRestorativeJusticeFacts) {
  std::vector<insight::ReferralFacts> rows;
  for (int n = 1; n <= 4; ++n) rows.push_back(facts(n, year{2026} / January / n));
  rows[0].police_referral_met = true;
  rows[1].police_referral_met = false;
  rows[2].police_referral_met = true;  // 4: no date reported, in neither
  rows[0].progress.restorative_justice_met = true;
  rows[1].progress.restorative_justice_met = false;
  rows[2].progress.restorative_justice_met = false;
  insert(rows);
  // Progress replaced from the case keeps the intake's police referral fact.
  insight::CaseProgressFacts p;
  p.restorative_justice_met = true;
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.insight().update_progress(uuid(103), p); }));
  EXPECT_EQ(store_->insight().find(uuid(103)).value()->police_referral_met, true);

  auto groups = store_->insight().fact_groups("invented-area", {year{2026} / January, year{2026} / January});
  ASSERT_TRUE(groups.has_value()) << groups.error().message;
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ(groups->front().referrals, 4);
  EXPECT_EQ(groups->front().police_referral, (insight::MetCount{2, 1}));
  EXPECT_EQ(groups->front().restorative_justice, (insight::MetCount{2, 1}));
}

}  // namespace
}  // namespace vg::store::testing

namespace vg::store::testing {
namespace {

using namespace std::chrono;

routing::RoutingInputs inputs(std::string risk) {
  routing::RoutingInputs in;
  in.flags = routing::kHateCrime | routing::kDomesticAbuse;
  in.offence_category = "burglary_residential";
  in.age_band = "under_18";
  in.victim_type = "person";
  in.risk_level = std::move(risk);
  in.enhanced_reasons = {"vulnerable:under_18", "persistently_targeted"};
  in.local_authority = "E08000012";
  in.needs = {"shelter_and_accommodation"};
  in.hate_strands = {"race", "religion"};
  in.marac_required = true;
  in.eligible = false;
  return in;
}

class RoutingReplayFactsTest : public InsightRepositoryTest {};

TEST_F(RoutingReplayFactsTest, RoutingInputsReadBackWholeOrNotAtAll) {
  auto with = facts(1, year{2026} / March / 3);
  with.routing = inputs("high");
  auto without = facts(2, year{2026} / March / 4);
  insert({with, without});
  EXPECT_EQ(*store_->insight().find(with.fact_id).value(), with);
  EXPECT_FALSE(store_->insight().find(without.fact_id).value()->routing.has_value());
}

TEST_F(RoutingReplayFactsTest, APeriodReadsInReceivedOrderWithItsCasesDays) {
  std::vector<insight::ReferralFacts> rows;
  rows.push_back(facts(3, year{2026} / March / 9));
  rows.back().routing = inputs("medium");
  rows.back().progress.closed_on = year{2026} / March / 20;
  rows.push_back(facts(1, year{2026} / February / 1));
  rows.back().routing = inputs("standard");
  rows.push_back(facts(2, year{2026} / March / 9));  // the same day as 3: by id, so first
  rows.push_back(facts(4, year{2026} / April / 1));  // after the period
  rows.push_back(facts(5, year{2026} / January / 31));  // before it
  rows.push_back(facts(6, year{2026} / March / 1));
  rows.back().area = "another-area";
  insert(rows);
  const auto read = store_->insight().replay_facts("invented-area", {year{2026} / February, year{2026} / March});
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->size(), 3u);
  EXPECT_EQ((*read)[0].received_on, year{2026} / February / 1);
  EXPECT_EQ((*read)[0].routing, inputs("standard"));
  EXPECT_FALSE((*read)[0].closed_on.has_value());
  EXPECT_EQ((*read)[1].received_on, year{2026} / March / 9);
  EXPECT_FALSE((*read)[1].routing.has_value()) << "kept without: the what-if counts it apart";
  EXPECT_EQ((*read)[2].routing, inputs("medium"));
  EXPECT_EQ((*read)[2].closed_on, year{2026} / March / 20);
}

TEST_F(RoutingReplayFactsTest, CasesOpenOnADayAreThoseRoutedBeforeItAndNotClosedBeforeIt) {
  std::vector<insight::ReferralFacts> rows;
  for (int n = 1; n <= 7; ++n) rows.push_back(facts(n, year{2026} / February / n));
  rows[0].progress.closed_on = year{2026} / February / 28;  // closed before: not open
  rows[1].progress.closed_on = year{2026} / March / 1;      // closes on the day: open
  rows[2].progress.closed_on = year{2026} / March / 1;
  rows[3].routing_outcome = "queued";                      // waiting there: open
  rows[4].routing_outcome = "signposted";                  // no case at a service
  rows[4].service_id = "";
  rows[5].service_id = uuid(901);
  rows[6].received_on = year{2026} / March / 1;  // received on the day: not before it
  insert(rows);
  const auto open = store_->insight().open_cases_on("invented-area", year{2026} / March / 1);
  ASSERT_TRUE(open.has_value()) << open.error().message;
  ASSERT_EQ(open->size(), 3u);
  EXPECT_EQ((*open)[0].service_id, uuid(900));
  EXPECT_FALSE((*open)[0].closed_on.has_value()) << "still open first";
  EXPECT_EQ((*open)[0].count, 1);
  EXPECT_EQ((*open)[1].service_id, uuid(900));
  EXPECT_EQ((*open)[1].closed_on, year{2026} / March / 1);
  EXPECT_EQ((*open)[1].count, 2);
  EXPECT_EQ((*open)[2].service_id, uuid(901));
  EXPECT_EQ((*open)[2].count, 1);
}

TEST_F(RoutingReplayFactsTest, TheDataStepFindsRowsWithoutInputsWhoseReferralIsHeld) {
  std::vector<StoredReferral> held;
  for (int n : {1, 2}) {
    held.push_back(referral(n));
    held.back().reference = "MY-2026-" + std::to_string(710000 + n);
  }
  auto stored = store_->write([&](UnitOfWork& unit) -> Result<void> { return unit.referrals().insert(held); });
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  auto has = facts(1, year{2026} / March / 2);
  has.routing = inputs("high");
  insert({has, facts(2, year{2026} / March / 2), facts(3, year{2026} / March / 2)});  // 3: erased
  EXPECT_EQ(store_->insight().facts_without_routing_inputs("", 10).value(), std::vector<std::string>{uuid(102)});
  auto set = store_->write([&](UnitOfWork& unit) { return unit.insight().set_routing_inputs(uuid(102), inputs("medium")); });
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(store_->insight().find(uuid(102)).value()->routing, inputs("medium"));
  EXPECT_TRUE(store_->insight().facts_without_routing_inputs("", 10).value().empty());
}

}  // namespace
}  // namespace vg::store::testing
