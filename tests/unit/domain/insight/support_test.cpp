#include "domain/insight/support.h"

#include <gtest/gtest.h>

#include "support/insight_counts.h"

#include "domain/insight/insight_reports.h"

namespace vg::insight {
namespace {

using testing::of_one_stream;

using namespace std::chrono;

const MonthPeriod kPeriod{year{2026} / January, year{2026} / March};
const MonthPeriod kBefore{year{2025} / October, year{2025} / December};
const FigureLabels kLabels = {{"need", {{"safety", "Feeling safe"}, {"health", "Health"}}},
                              {"service", {{"svc-a", "Alpha Support"}, {"svc-b", "Beta Advocacy"}}}};

std::vector<std::string> codes_of(const FigureTable& t) {
  std::vector<std::string> out;
  for (const auto& r : t.rows) out.push_back(r.code);
  return out;
}

const FigureRow& row(const FigureTable& t, const std::string& code) {
  for (const auto& r : t.rows) {
    if (r.code == code) return r;
  }
  throw std::runtime_error("no row " + code);
}

const MatrixRow& row(const MatrixTable& t, const std::string& code) {
  for (const auto& r : t.rows) {
    if (r.code == code) return r;
  }
  throw std::runtime_error("no row " + code);
}

// A small fixed data set; each figure below worked out by hand.
DemandCounts now_counts() {
  DemandCounts c;
  c.referrals = 40;
  c.contacted = 15;
  c.supported = 1;
  c.flags = {{"repeat_victim", 9}};
  c.by["days_to_contact"] = {{"0", 6}, {"1", 2}, {"3_to_5", 7}};
  c.by["days_to_assessment"] = {{"2", 9}};
  c.by["days_to_support"] = {{"over_20", 1}};
  c.by["need_at_assessment"] = {{"safety:high", 6}, {"safety:none", 3}, {"health:low", 2}, {"health:none", 7}};
  c.by["outcome_at_close"] = {{"safety:yes", 6}, {"safety:partly", 1}, {"health:no_need", 7}};
  c.by["onward"] = {{"svc-a:completed", 5}, {"svc-a:declined", 1}, {"svc-b:sent", 6}};
  c.by["repeat_offence_group"] = {{"Burglary", 6}, {"Theft offences", 3}};
  return c;
}

DemandCounts before_counts() {
  DemandCounts c;
  c.referrals = 30;
  c.contacted = 10;
  c.by["days_to_contact"] = {{"0", 10}};
  return c;
}

SupportReport report() {
  return support_report("merseyside", kPeriod, of_one_stream(now_counts()), kBefore, of_one_stream(before_counts()),
                        kLabels);
}

TEST(DaysBand, PutsEachDayCountInItsBand) {
  EXPECT_EQ(days_band(-1), "0") << "a date recorded before receipt counts as the same day";
  EXPECT_EQ(days_band(0), "0");
  EXPECT_EQ(days_band(1), "1");
  EXPECT_EQ(days_band(2), "2");
  EXPECT_EQ(days_band(3), "3_to_5");
  EXPECT_EQ(days_band(5), "3_to_5");
  EXPECT_EQ(days_band(6), "6_to_10");
  EXPECT_EQ(days_band(10), "6_to_10");
  EXPECT_EQ(days_band(11), "11_to_20");
  EXPECT_EQ(days_band(20), "11_to_20");
  EXPECT_EQ(days_band(21), "over_20");
}

TEST(PairCode, SplitsAtTheLastColon) {
  EXPECT_EQ(pair_code("safety", "high"), "safety:high");
  EXPECT_EQ(split_pair_code("safety:high"), (std::pair<std::string, std::string>{"safety", "high"}));
  EXPECT_EQ(split_pair_code("urn:svc:1:sent"), (std::pair<std::string, std::string>{"urn:svc:1", "sent"}));
  EXPECT_EQ(split_pair_code("nothing"), (std::pair<std::string, std::string>{"nothing", ""}));
}

TEST(SupportReport, DaysTakenAreEveryBandInOrderSuppressedAgainstTheirTotal) {
  const auto r = report();
  ASSERT_EQ(r.days.size(), 3u);
  const auto& contact = r.days[0];
  EXPECT_EQ(contact.code, "days_to_contact");
  EXPECT_EQ(contact.title, "Days from referral to first contact");
  EXPECT_EQ(codes_of(contact), kDaysBands) << "every band, shortest first, counted or not";
  EXPECT_EQ(row(contact, "0").label, "Same day");
  EXPECT_EQ(row(contact, "over_20").label, "More than 20 days");
  // 6 and 7 shown; 2 and the zeros fewer than 5 (six small cells adding up to 2 of at most 24).
  EXPECT_EQ(row(contact, "0").current.value, 6);
  EXPECT_TRUE(row(contact, "0").current.shown());
  EXPECT_EQ(row(contact, "1").current.state, CellState::kSmall);
  EXPECT_EQ(row(contact, "2").current.state, CellState::kSmall);
  EXPECT_TRUE(row(contact, "3_to_5").current.shown());
  EXPECT_EQ(row(contact, "3_to_5").current.value, 7);
  EXPECT_TRUE(contact.total->current.shown());
  EXPECT_EQ(contact.total->current.value, 15);
  // The period before: 10 the same day, compared.
  EXPECT_EQ(row(contact, "0").previous.value, 10);
  EXPECT_EQ(row(contact, "0").change.value, -4);
  EXPECT_TRUE(row(contact, "0").change.shown());
  EXPECT_EQ(r.days[2].total->current.state, CellState::kSmall) << "one supported";
}

TEST(SupportReport, NeedsAndOutcomesAreOneRowPerNeedInLabelOrder) {
  const auto r = report();
  ASSERT_EQ(r.needs.column_codes, (std::vector<std::string>{"none", "low", "medium", "high"}));
  ASSERT_EQ(r.needs.rows.size(), 2u);
  EXPECT_EQ(r.needs.rows[0].label, "Feeling safe");
  EXPECT_EQ(r.needs.rows[1].label, "Health");
  const auto& safety = row(r.needs, "safety");
  EXPECT_EQ(safety.cells[0].state, CellState::kSmall);  // 3 none
  EXPECT_EQ(safety.cells[3].value, 6);
  EXPECT_TRUE(safety.cells[3].shown());
  EXPECT_EQ(safety.total.value, 9);
  EXPECT_TRUE(safety.total.shown());
  const auto& health = row(r.needs, "health");
  EXPECT_EQ(health.cells[0].value, 7);
  EXPECT_TRUE(health.cells[0].shown());
  EXPECT_EQ(health.cells[1].state, CellState::kSmall);  // 2 low

  ASSERT_EQ(r.outcomes.column_codes, (std::vector<std::string>{"yes", "partly", "no"}));
  EXPECT_EQ(r.outcomes.column_labels[0], "Yes");
  const auto& safe = row(r.outcomes, "safety");
  EXPECT_EQ(safe.cells[0].value, 6);
  EXPECT_TRUE(safe.cells[0].shown());
  EXPECT_EQ(safe.cells[1].state, CellState::kSmall);
  EXPECT_EQ(safe.total.value, 7) << "not a need is counted neither way";
  const auto& health_outcome = row(r.outcomes, "health");
  EXPECT_EQ(health_outcome.total.value, 0);
  EXPECT_EQ(health_outcome.total.state, CellState::kSmall);
}

TEST(SupportReport, OnwardReferralsNameTheServicesReferredOnToAndHideWhatCouldBeWorkedOut) {
  const auto r = report();
  ASSERT_EQ(r.onward.column_codes, (std::vector<std::string>{"sent", "accepted", "declined", "completed", "withdrawn"}));
  ASSERT_EQ(r.onward.rows.size(), 2u) << "only the services referred on to";
  EXPECT_EQ(r.onward.rows[0].label, "Alpha Support");
  EXPECT_EQ(r.onward.rows[1].label, "Beta Advocacy");
  ASSERT_TRUE(r.onward.total.has_value());
  EXPECT_EQ(r.onward.total->total.value, 12);
  EXPECT_TRUE(r.onward.total->total.shown());
  // Whatever secondary suppression chose, no count under 5 is shown, and each row with its total
  // shown hides either none of its cells or at least two.
  for (const auto& line : r.onward.rows) {
    int hidden = 0;
    for (const auto& cell : line.cells) {
      if (cell.value < 5) {
        EXPECT_FALSE(cell.shown()) << line.label;
      }
      if (!cell.shown()) ++hidden;
    }
    if (line.total.shown()) {
      EXPECT_NE(hidden, 1) << line.label;
    }
  }
}

TEST(SupportReport, NeedsOutcomesAndOnwardReferralsForThePeriodBeforeToo) {
  auto before = before_counts();
  before.by["days_to_assessment"] = {{"1", 8}};
  before.by["need_at_assessment"] = {{"safety:high", 8}, {"health:none", 6}, {"health:low", 2}};
  before.by["onward"] = {{"svc-b:accepted", 7}};
  const auto r = support_report("merseyside", kPeriod, of_one_stream(now_counts()), kBefore, of_one_stream(before), kLabels);
  // Worked out on their own: the period's tables are as they were.
  EXPECT_EQ(row(r.needs, "safety").total.value, 9);
  const auto& safety = row(r.needs_before, "safety");
  EXPECT_EQ(safety.cells[3].value, 8);
  EXPECT_TRUE(safety.cells[3].shown());
  EXPECT_EQ(safety.total.value, 8);
  const auto& health = row(r.needs_before, "health");
  EXPECT_EQ(health.cells[1].state, CellState::kSmall) << "2 low";
  EXPECT_EQ(health.total.value, 8);
  EXPECT_TRUE(r.outcomes_before.rows.size() == 2u && r.outcomes_before.rows[0].total.value == 0);
  ASSERT_EQ(r.onward_before.rows.size(), 1u) << "only the service referred on to then";
  EXPECT_EQ(r.onward_before.rows[0].label, "Beta Advocacy");
  EXPECT_EQ(r.onward_before.total->total.value, 7);
}

TEST(InsightReports, TheAssessedTheNeedsOfThePeriodBeforeHideAreHiddenInItsDaysTable) {
  auto before = before_counts();
  // 4 at each rating: 16 assessed, every cell pinned, so the row's 16 is hidden; the
  // days-to-assessment total for that period (16) is hidden with it.
  before.by["days_to_assessment"] = {{"1", 16}};
  before.by["need_at_assessment"] = {{"safety:high", 4}, {"safety:medium", 4}, {"safety:low", 4}, {"safety:none", 4}};
  const auto both = insight_reports("merseyside", kPeriod, of_one_stream(now_counts()), kBefore, of_one_stream(before),
                                    kLabels);
  EXPECT_FALSE(row(both.support.needs_before, "safety").total.shown());
  EXPECT_FALSE(both.support.days[1].total->previous.shown());
  EXPECT_TRUE(both.support.days[1].total->current.shown()) << "the period chosen is not touched";
}

TEST(SupportReport, RepeatVictimsByOffenceGroup) {
  const auto r = report();
  EXPECT_EQ(r.repeat_victims.title, "Repeat victims by offence group");
  EXPECT_EQ(codes_of(r.repeat_victims), (std::vector<std::string>{"Burglary", "Theft offences"}));
  EXPECT_EQ(row(r.repeat_victims, "Burglary").current.value, 6);
  EXPECT_EQ(row(r.repeat_victims, "Theft offences").current.state, CellState::kSmall);
  // One small cell beside its total: Burglary hidden too, or 9 - 6 would tell it.
  EXPECT_EQ(row(r.repeat_victims, "Burglary").current.state, CellState::kHidden);
}

// Cross-page: a figure both pages publish is hidden on both or neither.
TEST(InsightReports, ATotalTheSupportPageHidesIsHiddenOnTheDemandPage) {
  auto now = now_counts();
  now.contacted = 28;  // 4 in every band: seven small cells adding up to the most they could be
  now.by["days_to_contact"] = {};
  for (const auto& band : kDaysBands) now.by["days_to_contact"][band] = 4;
  auto without_days = now;
  without_days.by.erase("days_to_contact");
  const auto alone =
      demand_report("merseyside", kPeriod, of_one_stream(without_days), kBefore, of_one_stream(before_counts()), kLabels);
  const auto& contact_alone = alone.rates[1];
  ASSERT_EQ(contact_alone.code, "contact");
  EXPECT_TRUE(contact_alone.current.shown()) << "without the days taken, demand shows 28 contacted";
  EXPECT_EQ(demand_report("merseyside", kPeriod, of_one_stream(now), kBefore, of_one_stream(before_counts()), kLabels)
                .rates[1]
                .current.state,
            CellState::kHidden)
      << "asked for on its own, the demand page agrees with the support page";

  const auto both = insight_reports("merseyside", kPeriod, of_one_stream(now), kBefore, of_one_stream(before_counts()), kLabels);
  EXPECT_FALSE(both.support.days[0].total->current.shown());
  EXPECT_EQ(both.demand.rates[1].current.state, CellState::kHidden);
  EXPECT_FALSE(both.demand.rates[1].current_percent.has_value());
  EXPECT_TRUE(both.demand.rates[1].previous.shown()) << "only the period that had to hide it";
}

TEST(InsightReports, AFigureTheDemandPageHidesIsHiddenOnTheSupportPage) {
  auto now = now_counts();
  now.referrals = 30;
  now.contacted = 28;  // the 2 not contacted are few: demand hides 28
  now.by["days_to_contact"] = {{"0", 20}, {"1", 8}};
  now.flags["repeat_victim"] = 27;  // likewise the 3 who are not repeat victims
  now.by["repeat_offence_group"] = {{"Burglary", 20}, {"Theft offences", 7}};
  const auto both = insight_reports("merseyside", kPeriod, of_one_stream(now), kBefore, of_one_stream(before_counts()), kLabels);
  EXPECT_EQ(both.demand.rates[1].current.state, CellState::kHidden);
  EXPECT_EQ(both.support.days[0].total->current.state, CellState::kHidden);
  EXPECT_EQ(both.support.repeat_victims.total->current.state, CellState::kHidden);
  // With their totals hidden, two cells of each stay shown: nothing small to protect.
  EXPECT_TRUE(row(both.support.days[0], "0").current.shown());
  EXPECT_TRUE(row(both.support.repeat_victims, "Burglary").current.shown());
}

TEST(InsightReports, WithNothingSharedHiddenBothPagesAreAsOnTheirOwn) {
  const auto both = insight_reports("merseyside", kPeriod, of_one_stream(now_counts()), kBefore, of_one_stream(before_counts()), kLabels);
  const auto demand = demand_report("merseyside", kPeriod, of_one_stream(now_counts()), kBefore, of_one_stream(before_counts()), kLabels);
  ASSERT_EQ(both.demand.rates.size(), demand.rates.size());
  for (std::size_t i = 0; i < demand.rates.size(); ++i) {
    EXPECT_EQ(both.demand.rates[i].current.state, demand.rates[i].current.state) << demand.rates[i].code;
  }
  EXPECT_TRUE(both.support.days[0].total->current.shown());
}

}  // namespace
}  // namespace vg::insight
