#include "domain/insight/stream_split.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "domain/insight/demand.h"

namespace vg::insight {
namespace {

using namespace std::chrono;

const MonthPeriod kPeriod{year{2026} / January, year{2026} / March};
const MonthPeriod kBefore{year{2025} / October, year{2025} / December};

// A small fixed data set, figures worked out by hand: 40 referrals, 30 of the victims' grant and
// 10 of ASB support. `by_channel` and `by_age`: [value][grant, asb].
DemandCounts counts(const std::map<std::string, std::pair<int, int>>& by_channel,
                    const std::map<std::string, std::pair<int, int>>& by_age = {{"18_to_64", {30, 10}}}) {
  DemandCounts c;
  auto both = [&](const std::string& dimension, const std::string& value, int grant, int asb) {
    add_stream_figure(c, "victims_grant", dimension, value, grant);
    add_stream_figure(c, "asb_support", dimension, value, asb);
  };
  int grant = 0, asb = 0;
  for (const auto& [value, n] : by_channel) {
    both("channel", value, n.first, n.second);
    grant += n.first;
    asb += n.second;
  }
  for (const auto& [value, n] : by_age) both("age_band", value, n.first, n.second);
  both("totals", "referrals", grant, asb);
  both("funding_stream", "victims_grant", grant, 0);
  both("funding_stream", "asb_support", 0, asb);
  both("victim_type", "person", grant, asb);
  both("totals", "contacted", 27, 6);
  both("flags", "domestic_abuse", 29, 0);
  both("flags", "non_crime_asb", 0, asb);
  return c;
}

// The table `code` of a split or a report, and the row `code` of one of their tables.
template <typename Tables>
const auto& table(const Tables& in, const std::string& code) {
  for (const auto& t : in.tables) {
    if (t.code == code) return t;
  }
  throw std::runtime_error("no table " + code);
}

template <typename Table>
const auto& row(const Table& t, const std::string& code) {
  for (const auto& r : t.rows) {
    if (r.code == code) return r;
  }
  throw std::runtime_error("no row " + code);
}

TEST(StreamSplit, EachFigureIsItsValuesByStreamWithTheAllStreamsFigureAsEachRowsTotal) {
  // police 25 + 6 = 31, self 5 + 4 = 9. The 4 is small; 5 beside it in its row, then 6 and 25 in
  // their columns, are hidden so that no row or column gives it away. Every total stays shown.
  const auto s = stream_split(counts({{"police", {25, 6}}, {"self", {5, 4}}}), {}, 5, {});
  ASSERT_EQ(s.streams, (std::vector<std::string>{"victims_grant", "asb_support"}));
  EXPECT_EQ(s.stream_labels[1], "Anti-social behaviour support (not the victims' grant)");
  EXPECT_EQ(s.referrals.cells[0].value, 30);
  EXPECT_EQ(s.referrals.cells[1].value, 10);
  EXPECT_TRUE(s.referrals.cells[1].shown());
  EXPECT_EQ(s.referrals.total.value, 40);
  const auto& channel = table(s, "channel");
  ASSERT_EQ(channel.rows.size(), 2u);
  EXPECT_EQ(row(channel, "self").cells[1].state, CellState::kSmall);
  EXPECT_EQ(row(channel, "self").cells[0].state, CellState::kHidden);
  EXPECT_EQ(row(channel, "police").cells[1].state, CellState::kHidden);
  EXPECT_EQ(row(channel, "police").cells[0].state, CellState::kHidden);
  EXPECT_TRUE(row(channel, "police").total.shown());
  EXPECT_EQ(row(channel, "police").total.value, 31);
  EXPECT_TRUE(row(channel, "self").total.shown());
  ASSERT_TRUE(channel.total.has_value());
  EXPECT_EQ(channel.total->cells[0].value, 30);
  EXPECT_TRUE(channel.total->total.shown());
  for (const auto& t : s.tables) EXPECT_NE(t.code, "funding_stream") << "the streams' own table is `referrals`";
}

TEST(StreamSplit, TwoSmallCellsAtTheirMostHideTheirAllStreamsFigureOnTheDemandPageToo) {
  // Age not known: 4 + 4 = 8 would give both away, so the 8 is hidden; then 32 too, or 40 - 32.
  const auto c = counts({{"police", {30, 10}}}, {{"18_to_64", {26, 6}}, {"unknown", {4, 4}}});
  const auto s = stream_split(c, {}, 5, {});
  const auto& age = table(s, "age_band");
  EXPECT_EQ(row(age, "unknown").total.state, CellState::kHidden);
  EXPECT_EQ(row(age, "18_to_64").total.state, CellState::kHidden);
  EXPECT_TRUE(age.total->total.shown());

  // The demand page shows the all-streams figures, so it hides them as well.
  const auto r = demand_report("merseyside", kPeriod, c, kBefore, {}, {});
  EXPECT_EQ(row(table(r, "age_band"), "unknown").current.state, CellState::kHidden);
  EXPECT_EQ(row(table(r, "age_band"), "18_to_64").current.state, CellState::kHidden);
  EXPECT_EQ(r.by_stream.tables.size(), s.tables.size());
}

TEST(StreamSplit, AStreamTotalOneTableMustHideIsHiddenInEveryTableAndOnTheDemandPage) {
  // ASB support: 4 police + 4 self = 8 pins both, so its total is hidden; then the grant's 32
  // too, or 40 - 32 gives it back.
  const auto c = counts({{"police", {20, 4}}, {"self", {12, 4}}}, {{"18_to_64", {32, 8}}});
  const auto s = stream_split(c, {}, 5, {});
  EXPECT_EQ(s.referrals.cells[1].state, CellState::kHidden);
  EXPECT_EQ(s.referrals.cells[0].state, CellState::kHidden);
  EXPECT_TRUE(s.referrals.total.shown());
  for (const auto& t : s.tables) {
    if (!t.total) continue;
    EXPECT_FALSE(t.total->cells[0].shown()) << t.code;
    EXPECT_FALSE(t.total->cells[1].shown()) << t.code;
  }
  const auto r = demand_report("merseyside", kPeriod, c, kBefore, {}, {});
  const auto& streams = table(r, "funding_stream");
  EXPECT_EQ(row(streams, "asb_support").current.state, CellState::kHidden);
  EXPECT_EQ(row(streams, "victims_grant").current.state, CellState::kHidden);
  EXPECT_TRUE(r.referrals.current.shown());
}

TEST(StreamSplit, PartsOfAStreamHideACellWhoseRestIsSmall) {
  const auto s = stream_split(counts({{"police", {25, 6}}, {"self", {5, 4}}}), {}, 5, {});
  // 29 of the grant's 30 have domestic abuse flagged: the 1 without would be 30 - 29.
  const auto& flags = table(s, "flags");
  EXPECT_EQ(row(flags, "domestic_abuse").cells[0].state, CellState::kHidden);
  EXPECT_TRUE(row(flags, "domestic_abuse").total.shown()) << "29 of 40: 11 without";
  EXPECT_EQ(row(flags, "non_crime_asb").cells[0].state, CellState::kSmall) << "none of the grant's";
  EXPECT_EQ(row(flags, "non_crime_asb").cells[1].value, 10);
  // Contacted: 27 of 30 (3 not) and 6 of 10 (4 not) are hidden; 33 of 40 is shown.
  const auto& rates = table(s, "rates");
  EXPECT_EQ(row(rates, "contact").cells[0].state, CellState::kHidden);
  EXPECT_EQ(row(rates, "contact").cells[1].state, CellState::kHidden);
  EXPECT_TRUE(row(rates, "contact").total.shown());
  EXPECT_EQ(row(rates, "contact").total.value, 33);
}

TEST(StreamSplit, AFigureAnotherPageHidIsHiddenHereAndTheDemandPageAgrees) {
  const auto c = counts({{"police", {25, 6}}, {"self", {5, 4}}});
  const auto s = stream_split(c, {}, 5, {"contacted"});
  EXPECT_EQ(row(table(s, "rates"), "contact").total.state, CellState::kHidden);
  const auto r = demand_report("merseyside", kPeriod, c, kBefore, {}, {}, 5, {{{"contacted"}, {}}});
  EXPECT_EQ(r.rates[1].current.state, CellState::kHidden);
  // The page's figures are the split's all-streams figures, table by table.
  for (const auto& split_table : r.by_stream.tables) {
    if (split_table.code == "rates") continue;
    const auto& page = table(r, split_table.code);
    for (const auto& split_row : split_table.rows) {
      EXPECT_EQ(row(page, split_row.code).current.state, split_row.total.state) << split_table.code << " "
                                                                                 << split_row.code;
    }
  }
}

TEST(StreamSplit, NoReferralsNoStreams) {
  const auto s = stream_split({}, {}, 5, {});
  EXPECT_TRUE(s.streams.empty());
  EXPECT_EQ(s.referrals.total.state, CellState::kSmall);
  EXPECT_EQ(referrals_table(s).rows.size(), 1u);
}

}  // namespace
}  // namespace vg::insight
