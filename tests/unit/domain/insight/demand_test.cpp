#include "domain/insight/demand.h"

#include <gtest/gtest.h>

#include "support/insight_counts.h"

namespace vg::insight {
namespace {

using testing::of_one_stream;

using namespace std::chrono;

const MonthPeriod kPeriod{year{2026} / January, year{2026} / March};
const MonthPeriod kBefore{year{2025} / October, year{2025} / December};

const FigureTable& table(const DemandReport& r, const std::string& code) {
  for (const auto& t : r.tables) {
    if (t.code == code) return t;
  }
  throw std::runtime_error("no table " + code);
}

const FigureRow& row(const FigureTable& t, const std::string& code) {
  for (const auto& r : t.rows) {
    if (r.code == code) return r;
  }
  throw std::runtime_error("no row " + code);
}

// A small fixed data set, figures worked out by hand: 40 referrals this period, 30 before.
DemandCounts now_counts() {
  DemandCounts c;
  c.referrals = 40;
  c.accepted = 37;
  c.contacted = 30;
  c.supported = 3;
  c.flags = {{"enhanced", 12}, {"domestic_abuse", 3}, {"dash_high", 38}};
  c.by["channel"] = {{"police", 30}, {"self", 3}, {"partner", 7}};
  c.by["victim_type"] = {{"person", 40}};
  c.by["age_band"] = {{"18_to_64", 25}, {"65_and_over", 15}};
  c.by["local_authority"] = {{"E08000012", 22}, {"E08000011", 18}};
  c.by["offence_group"] = {{"Theft offences", 20}, {"Violence against the person", 20}};
  return c;
}

DemandCounts before_counts() {
  DemandCounts c;
  c.referrals = 30;
  c.accepted = 20;
  c.contacted = 20;
  c.supported = 10;
  c.by["channel"] = {{"police", 26}, {"partner", 4}};
  c.by["victim_type"] = {{"person", 30}};
  c.by["age_band"] = {{"18_to_64", 30}};
  c.by["local_authority"] = {{"E08000012", 30}};
  c.by["offence_group"] = {{"Theft offences", 30}};
  return c;
}

DemandReport report() {
  return demand_report("merseyside", kPeriod, of_one_stream(now_counts()), kBefore, of_one_stream(before_counts()),
                       {{"local_authority", {{"E08000012", "Liverpool"}, {"E08000011", "Knowsley"}}}});
}

TEST(DemandReport, EveryValueOfEitherPeriodWithItsChange) {
  const auto r = report();
  const auto& channel = table(r, "channel");
  ASSERT_EQ(channel.rows.size(), 3u) << "police, self, partner";
  EXPECT_EQ(row(channel, "police").current.value, 30);
  EXPECT_EQ(row(channel, "police").previous.value, 26);
  EXPECT_EQ(row(channel, "police").change.value, 4);
  EXPECT_EQ(row(channel, "police").label, "Police");
  const auto& liverpool = row(table(r, "local_authority"), "E08000012");
  EXPECT_TRUE(liverpool.change.shown());
  EXPECT_EQ(liverpool.change.value, 22 - 30);
  EXPECT_EQ(row(channel, "self").previous.value, 0) << "a value one period lacks counts 0 there";
  EXPECT_EQ(channel.rows.front().code, "partner") << "in label order: Partner agency, Police, Self-referral";
}

TEST(DemandReport, ACellOfThreeIsFewerThanFiveAndCannotBeWorkedOut) {
  const auto r = report();
  const auto& channel = table(r, "channel");
  EXPECT_EQ(row(channel, "self").current.state, CellState::kSmall);
  EXPECT_EQ(cell_text(row(channel, "self").current, 5), "fewer than 5");
  // 40 = 30 + 3 + 7 would give the 3 away: the next smallest (partner, 7) is hidden with it.
  EXPECT_EQ(row(channel, "partner").current.state, CellState::kHidden);
  EXPECT_EQ(cell_text(row(channel, "partner").current, 5), "hidden");
  EXPECT_TRUE(row(channel, "police").current.shown());
  EXPECT_TRUE(channel.total->current.shown());
  EXPECT_EQ(channel.total->current.value, 40);
  // The change of a hidden figure would tell it too.
  EXPECT_FALSE(row(channel, "self").change.shown());
  EXPECT_FALSE(row(channel, "partner").change.shown());
  // Before: each period is worked out on its own, as it would be if it were the period chosen.
  // Self-referral was not counted then, so partner's 4 would be 30 - 26: police is hidden too.
  // Self shows as fewer than 5 (it was 0).
  EXPECT_EQ(row(channel, "partner").previous.state, CellState::kSmall);
  EXPECT_EQ(row(channel, "police").previous.state, CellState::kHidden);
  EXPECT_EQ(row(channel, "self").previous.state, CellState::kSmall);
  EXPECT_FALSE(row(channel, "police").change.shown());
}

TEST(DemandReport, LabelsComeFromTheCallerOrTheFixedWords) {
  const auto r = report();
  const auto& places = table(r, "local_authority");
  EXPECT_EQ(places.rows.front().label, "Knowsley") << "in label order";
  EXPECT_EQ(row(table(r, "age_band"), "65_and_over").label, "65 and over");
}

TEST(DemandReport, FlagsAreCountedAloneAndTheirSmallComplementsHidden) {
  const auto r = report();
  const auto& flags = table(r, "flags");
  EXPECT_FALSE(flags.total.has_value()) << "a referral may have many flags: no total";
  EXPECT_EQ(row(flags, "enhanced").current.value, 12);
  EXPECT_TRUE(row(flags, "enhanced").current.shown());
  EXPECT_EQ(row(flags, "domestic_abuse").current.state, CellState::kSmall);
  EXPECT_EQ(row(flags, "dash_high").current.state, CellState::kHidden) << "40 - 38 = 2 were not";
  EXPECT_EQ(row(flags, "hate_crime").current.state, CellState::kSmall) << "0 is fewer than 5";
}

TEST(DemandReport, RatesAreSharesOfTheReferralsUnlessTheCountIsSuppressed) {
  const auto r = report();
  ASSERT_EQ(r.rates.size(), 3u);
  const auto& accepted = r.rates[0];
  EXPECT_EQ(accepted.code, "acceptance");
  EXPECT_EQ(accepted.current.state, CellState::kHidden) << "37 of 40: 3 did not";
  EXPECT_FALSE(accepted.current_percent.has_value());
  ASSERT_TRUE(accepted.previous_percent.has_value());
  EXPECT_NEAR(*accepted.previous_percent, 66.67, 0.01);
  const auto& contacted = r.rates[1];
  ASSERT_TRUE(contacted.current_percent.has_value());
  EXPECT_DOUBLE_EQ(*contacted.current_percent, 75.0);
  EXPECT_EQ(r.rates[2].current.state, CellState::kSmall);
  EXPECT_FALSE(r.rates[2].current_percent.has_value());
}

TEST(DemandReport, AHiddenTotalIsHiddenEverywhere) {
  // 8 referrals, 4 and 4 by channel: two small cells at their most pin each other, so the total
  // is hidden; shown in the age band table (one cell of 8) it would give both away.
  DemandCounts now;
  now.referrals = 8;
  now.by["channel"] = {{"police", 4}, {"self", 4}};
  now.by["age_band"] = {{"unknown", 8}};
  const auto r = demand_report("merseyside", kPeriod, of_one_stream(now), kBefore, DemandCounts{}, {});
  EXPECT_FALSE(table(r, "channel").total->current.shown()) << "4 + 4 = 8 pins both";
  EXPECT_FALSE(r.referrals.current.shown());
  EXPECT_FALSE(table(r, "age_band").total->current.shown()) << "else 8 would be shown here";
  EXPECT_FALSE(row(table(r, "age_band"), "unknown").current.shown()) << "its one cell is its total";
}

TEST(DemandReport, AnEmptyPeriodShowsNoFigures) {
  const auto r = demand_report("merseyside", kPeriod, DemandCounts{}, kBefore, DemandCounts{}, {});
  EXPECT_EQ(r.referrals.current.state, CellState::kSmall);
  for (const auto& t : r.tables) {
    for (const auto& line : t.rows) EXPECT_FALSE(line.current.shown()) << t.code << " " << line.code;
  }
}

TEST(CellText, StatesHaveStableCodes) {
  EXPECT_EQ(cell_state_code({3, CellState::kSmall}), "fewer_than_threshold");
  EXPECT_EQ(cell_state_code({30, CellState::kHidden}), "hidden");
  EXPECT_EQ(cell_state_code({30, CellState::kShown}), "shown");
  EXPECT_EQ(cell_text({30, CellState::kShown}, 5), "30");
  EXPECT_EQ(cell_text({3, CellState::kSmall}, 10), "fewer than 10");
}

}  // namespace
}  // namespace vg::insight
