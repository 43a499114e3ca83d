#include "domain/insight/stream_split.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "domain/insight/demand.h"
#include "domain/insight/support.h"

namespace vg::insight {
namespace {

using namespace std::chrono;

const MonthPeriod kPeriod{year{2026} / January, year{2026} / March};
const MonthPeriod kBefore{year{2025} / October, year{2025} / December};

// A small fixed data set, figures worked out by hand: 40 referrals, 30 of the victims' grant and
// 10 of ASB support. `by_channel` and `by_age`: [value][grant, asb].
DemandCounts counts(const std::map<std::string, std::pair<int, int>>& by_channel,
                    const std::map<std::string, std::pair<int, int>>& by_age = {{"18_to_64", {30, 10}}},
                    std::pair<int, int> contacted = {27, 6}) {
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
  both("totals", "contacted", contacted.first, contacted.second);
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
  const auto s = stream_split(counts({{"police", {25, 6}}, {"self", {5, 4}}}), {}, 5);
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
  const auto s = stream_split(c, {}, 5);
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
  const auto s = stream_split(c, {}, 5);
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
  const auto s = stream_split(counts({{"police", {25, 6}}, {"self", {5, 4}}}), {}, 5);
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

TEST(StreamSplit, TheDemandPagesFiguresAreTheSplitsAllStreamsFigures) {
  const auto c = counts({{"police", {25, 6}}, {"self", {5, 4}}});
  const auto r = demand_report("merseyside", kPeriod, c, kBefore, {}, {});
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

// The support figures, split the same way and sharing their totals with the demand tables.
const FigureLabels kWords = {{"need", {{"safety", "Feeling safe"}}}, {"service", {{"svc-a", "Alpha Support"}}}};

template <typename Tables>
const MatrixTable& support_table(const Tables& in, const std::string& code) {
  for (const auto& t : in.support_tables) {
    if (t.code == code) return t;
  }
  throw std::runtime_error("no support table " + code);
}

// 40 referrals, 30 of the grant and 10 of ASB support, every one of them a police referral.
DemandCounts with_support(const std::map<std::string, std::map<std::string, std::pair<int, int>>>& support) {
  auto c = counts({{"police", {30, 10}}});
  for (const auto& [dimension, values] : support) {
    for (const auto& [value, n] : values) {
      add_stream_figure(c, "victims_grant", dimension, value, n.first);
      add_stream_figure(c, "asb_support", dimension, value, n.second);
    }
  }
  return c;
}

TEST(StreamSplit, AStreamsContactedTheRatesHideHidesItsColumnOfDaysToContact) {
  // Contacted: the grant's 27 of 30 and ASB support's 6 of 10 are hidden by the rates (3 and 4
  // not contacted are few). The days to contact add up to them, so their columns' totals are
  // hidden too, leaving the 33 of all streams shown on both.
  const auto s = stream_split(with_support({{"days_to_contact", {{"0", {20, 6}}, {"1", {7, 0}}}}}), {}, 5);
  const auto& days = support_table(s, "days_to_contact");
  EXPECT_EQ(days.title, "Days from referral to first contact, by funding stream");
  ASSERT_EQ(days.rows.size(), kDaysBands.size()) << "every band";
  EXPECT_EQ(days.rows[0].label, "Same day");
  ASSERT_TRUE(days.total.has_value());
  EXPECT_EQ(days.total->cells[0].value, 27);
  EXPECT_EQ(days.total->cells[0].state, CellState::kHidden);
  EXPECT_EQ(days.total->cells[1].state, CellState::kHidden);
  EXPECT_EQ(days.total->total.value, 33);
  EXPECT_TRUE(days.total->total.shown());
  EXPECT_EQ(row(days, "0").total.value, 26);
  EXPECT_TRUE(row(days, "0").total.shown());
  // ASB support's 0 on day 1 is small: the grant's 7 beside it is hidden, or 7 - 7 tells it.
  EXPECT_EQ(row(days, "1").cells[1].state, CellState::kSmall);
  EXPECT_EQ(row(days, "1").cells[0].state, CellState::kHidden);
  EXPECT_EQ(row_heading("days_to_contact"), "Days taken");

  // The support page shows the all-streams column, and its total is the demand page's contacted.
  const auto c = with_support({{"days_to_contact", {{"0", {20, 6}}, {"1", {7, 0}}}}});
  const auto r = support_report("merseyside", kPeriod, c, kBefore, {}, {});
  EXPECT_EQ(r.days[0].total->current.value, 33);
  EXPECT_TRUE(r.days[0].total->current.shown());
  EXPECT_EQ(row(r.days[0], "0").current.value, 26);
}

TEST(StreamSplit, AStreamsContactedTheDaysTableHidesIsHiddenInTheRates) {
  // ASB support: 40 referrals, 28 contacted, 4 in every band. Seven small cells at their most pin
  // each other, so the column's 28 is hidden, then the grant's 20 (48 - 28). On their own the
  // rates would show both (12 and 10 not contacted); here they hide them, and show the 48.
  auto c = counts({{"police", {30, 40}}}, {{"18_to_64", {30, 40}}}, {20, 28});
  add_stream_figure(c, "victims_grant", "days_to_contact", "0", 20);
  for (const auto& band : kDaysBands) add_stream_figure(c, "asb_support", "days_to_contact", band, 4);
  EXPECT_TRUE(row(table(stream_split(counts({{"police", {30, 40}}}, {{"18_to_64", {30, 40}}}, {20, 28}), {}, 5),
                        "rates"),
                  "contact")
                  .cells[1]
                  .shown());
  const auto s = stream_split(c, {}, 5);
  const auto& days = support_table(s, "days_to_contact");
  EXPECT_EQ(days.total->cells[1].value, 28);
  EXPECT_EQ(days.total->cells[1].state, CellState::kHidden);
  EXPECT_EQ(days.total->cells[0].state, CellState::kHidden);
  const auto& contact = row(table(s, "rates"), "contact");
  EXPECT_EQ(contact.cells[1].value, 28);
  EXPECT_EQ(contact.cells[1].state, CellState::kHidden);
  EXPECT_EQ(contact.cells[0].value, 20);
  EXPECT_EQ(contact.cells[0].state, CellState::kHidden);
  EXPECT_EQ(contact.total.value, 48);
  EXPECT_TRUE(contact.total.shown());
  EXPECT_TRUE(days.total->total.shown());
}

TEST(StreamSplit, ANeedsRatingItsSplitHidesIsHiddenInTheSupportPagesMatrix) {
  // Feeling safe, high: 4 of the grant's and 4 of ASB support's pin each other, so their 8 is
  // hidden; alone, the needs matrix would show it (its row's other small cells are zeros).
  const auto c = with_support({{"days_to_assessment", {{"1", {9, 9}}}},
                               {"need_at_assessment", {{"safety:none", {5, 5}}, {"safety:high", {4, 4}}}},
                               {"onward", {{"svc-a:completed", {6, 0}}}}});
  const auto s = stream_split(c, kWords, 5);
  const auto& safety = support_table(s, "need_at_assessment:safety");
  EXPECT_EQ(safety.title, "Needs at assessment: Feeling safe, by funding stream");
  EXPECT_EQ(row_heading(safety.code), "Rating");
  EXPECT_EQ(row(safety, "high").total.value, 8);
  EXPECT_EQ(row(safety, "high").total.state, CellState::kHidden);
  EXPECT_TRUE(row(safety, "none").total.shown());
  EXPECT_EQ(safety.total->total.value, 18);
  EXPECT_TRUE(safety.total->total.shown());
  ASSERT_EQ(s.needs.rows.size(), 1u);
  EXPECT_EQ(s.needs.rows[0].cells[3].value, 8);
  EXPECT_EQ(s.needs.rows[0].cells[3].state, CellState::kHidden);
  EXPECT_EQ(s.needs.rows[0].cells[0].value, 10);
  EXPECT_TRUE(s.needs.rows[0].cells[0].shown());

  const auto r = support_report("merseyside", kPeriod, c, kBefore, {}, kWords);
  EXPECT_EQ(r.needs.rows[0].cells[3].state, CellState::kHidden);
  EXPECT_TRUE(r.needs.rows[0].total.shown());

  // Each service referred on to: its states by stream, its row of the onward matrix.
  const auto& alpha = support_table(s, "onward:svc-a");
  EXPECT_EQ(alpha.title, "Onward referrals to Alpha Support, by funding stream");
  EXPECT_EQ(row(alpha, "completed").cells[0].value, 6);
  EXPECT_EQ(row(alpha, "completed").cells[1].state, CellState::kSmall);
  ASSERT_EQ(s.onward.rows.size(), 1u);
  EXPECT_EQ(s.onward.rows[0].total.value, 6);
  EXPECT_EQ(s.onward.rows[0].total.state, row(alpha, "completed").total.state);
}

TEST(StreamSplit, NoReferralsNoStreams) {
  const auto s = stream_split({}, {}, 5);
  EXPECT_TRUE(s.streams.empty());
  EXPECT_TRUE(s.support_tables.empty());
  EXPECT_EQ(s.referrals.total.state, CellState::kSmall);
  EXPECT_EQ(referrals_table(s).rows.size(), 1u);
}

}  // namespace
}  // namespace vg::insight
