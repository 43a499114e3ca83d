#include "domain/protection/retention.h"

#include <gtest/gtest.h>

namespace vg::protection {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr Date date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

RetentionFacts closed(std::string reason, Date on) {
  RetentionFacts f;
  f.close_reason = std::move(reason);
  f.closed_on = on;
  f.last_contact_on = on;
  return f;
}

TEST(Retention, OpenCaseIsKeptWhateverItsAge) {
  RetentionFacts open;
  open.last_contact_on = date(2010, 1, 1);
  const auto d = decide_retention(open, {}, date(2026, 12, 5));
  EXPECT_FALSE(d.rule);
  EXPECT_FALSE(d.erase_on);
  EXPECT_FALSE(d.due);
}

TEST(Retention, NoServiceIsDueSixWeeksAfterTheCloseNotADayBefore) {
  const auto f = closed("declined_support", date(2026, 1, 10));
  EXPECT_EQ(decide_retention(f, {}, date(2026, 2, 20)).erase_on, date(2026, 2, 21));
  EXPECT_FALSE(decide_retention(f, {}, date(2026, 2, 20)).due);
  EXPECT_TRUE(decide_retention(f, {}, date(2026, 2, 21)).due);
  EXPECT_EQ(decide_retention(f, {}, date(2026, 2, 21)).rule, RetentionRule::kNoService);
  EXPECT_EQ(retention_rule("moved_out_of_area"), RetentionRule::kNoService);
}

TEST(Retention, UnableToContactIsDueSixMonthsAfterTheClose) {
  const auto f = closed("unable_to_contact", date(2026, 3, 15));
  EXPECT_FALSE(decide_retention(f, {}, date(2026, 9, 14)).due);
  const auto d = decide_retention(f, {}, date(2026, 9, 15));
  EXPECT_TRUE(d.due);
  EXPECT_EQ(d.rule, RetentionRule::kUnableToContact);
}

TEST(Retention, MonthEndsThatDoNotExistBecomeTheMonthsLastDay) {
  const auto f = closed("unable_to_contact", date(2026, 8, 31));
  EXPECT_EQ(decide_retention(f, {}, date(2026, 12, 1)).erase_on, date(2027, 2, 28));
  EXPECT_EQ(add_months(date(2024, 2, 29), 72), date(2030, 2, 28));
}

TEST(Retention, SupportedIsDueSixYearsAfterTheLastContact) {
  auto f = closed("support_completed", date(2020, 5, 1));
  f.last_contact_on = date(2020, 6, 30);
  EXPECT_FALSE(decide_retention(f, {}, date(2026, 6, 29)).due);
  const auto d = decide_retention(f, {}, date(2026, 6, 30));
  EXPECT_TRUE(d.due);
  EXPECT_EQ(d.rule, RetentionRule::kSupported);
  EXPECT_EQ(retention_rule("referred_on_and_closed"), RetentionRule::kSupported);
  EXPECT_EQ(retention_rule("other"), RetentionRule::kSupported);
}

TEST(Retention, LastContactIsNeverBeforeTheClose) {
  auto f = closed("support_completed", date(2020, 5, 1));
  f.last_contact_on = date(2019, 1, 1);
  EXPECT_EQ(decide_retention(f, {}, date(2026, 1, 1)).erase_on, date(2026, 5, 1));
}

TEST(Retention, AHoldStopsADueErasure) {
  auto f = closed("declined_support", date(2026, 1, 10));
  f.held = true;
  const auto d = decide_retention(f, {}, date(2026, 6, 1));
  EXPECT_FALSE(d.due);
  EXPECT_EQ(d.erase_on, date(2026, 2, 21));
}

TEST(Retention, PeriodsAreConfigurable) {
  RetentionPeriods p;
  p.no_service_weeks = 1;
  p.unable_to_contact_months = 1;
  p.supported_years = 1;
  EXPECT_TRUE(decide_retention(closed("declined_support", date(2026, 1, 1)), p, date(2026, 1, 8)).due);
  EXPECT_TRUE(decide_retention(closed("unable_to_contact", date(2026, 1, 1)), p, date(2026, 2, 1)).due);
  EXPECT_TRUE(decide_retention(closed("support_completed", date(2026, 1, 1)), p, date(2027, 1, 1)).due);
  EXPECT_FALSE(decide_retention(closed("support_completed", date(2026, 1, 1)), p, date(2026, 12, 31)).due);
}

TEST(Retention, MaracHistoryIsKeptTwelveMonthsAfterTheLastReferralAnniversaryIncluded) {
  auto f = closed("declined_support", date(2026, 1, 10));
  f.last_marac_referral = date(2025, 12, 1);
  EXPECT_EQ(decide_retention(f, {}, date(2026, 3, 1)).keep_marac_until, date(2026, 12, 1));
  EXPECT_EQ(decide_retention(f, {}, date(2026, 12, 1)).keep_marac_until, date(2026, 12, 1));
  EXPECT_FALSE(decide_retention(f, {}, date(2026, 12, 2)).keep_marac_until);
  EXPECT_FALSE(marac_history_due(date(2026, 12, 1), date(2026, 12, 1)));
  EXPECT_TRUE(marac_history_due(date(2026, 12, 1), date(2026, 12, 2)));
  f.last_marac_referral.reset();
  EXPECT_FALSE(decide_retention(f, {}, date(2026, 3, 1)).keep_marac_until);
}

TEST(Retention, RulesHaveStableCodes) {
  EXPECT_EQ(to_code(RetentionRule::kNoService), "no_service");
  EXPECT_EQ(to_code(RetentionRule::kUnableToContact), "unable_to_contact");
  EXPECT_EQ(to_code(RetentionRule::kSupported), "supported");
}

}  // namespace
}  // namespace vg::protection
