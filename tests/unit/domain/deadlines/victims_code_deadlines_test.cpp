// The Victims' Code clocks a referral starts: which ones, and how many working days each gets by
// the area's service levels, risk and enhanced rights.
#include "domain/deadlines/victims_code_deadlines.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace vg::deadlines {
namespace {

using namespace std::chrono;

constexpr year_month_day kMonday = year{2026} / November / 23;
// Friday 27 November 2026 is a holiday in this invented calendar.
const BankHolidayCalendar kCalendar({year{2026} / November / 27});

routing::ServiceLevels levels() {
  routing::ServiceLevels l;
  l.police_referral_working_days = 2;
  l.first_contact_working_days = 3;
  l.first_contact_enhanced_working_days = 1;
  l.first_contact_high_risk_working_days = 0;
  l.needs_assessment_working_days = 5;
  return l;
}

intake::Referral received_monday_morning() {
  intake::Referral r;
  r.received_at = sys_days{kMonday} + 10h;
  return r;
}

std::map<std::string, Deadline> by_code(const std::vector<Deadline>& deadlines) {
  std::map<std::string, Deadline> out;
  for (const auto& d : deadlines) out.emplace(d.code, d);
  return out;
}

TEST(VictimsCodeDeadlines, AnUnreportedStandardRiskReferralGetsContactAndAssessmentClocks) {
  const auto got = by_code(victims_code_deadlines(levels(), received_monday_morning(), {}, kCalendar));
  EXPECT_EQ(got.size(), 2u);
  EXPECT_EQ(got.count("police_referral"), 0u);
  EXPECT_EQ(got.at("first_contact").working_days, 3);
  EXPECT_EQ(got.at("first_contact").due_date, year{2026} / November / 26);
  // Five working days from Monday, stepping over the Friday holiday and the weekend.
  EXPECT_EQ(got.at("needs_assessment").working_days, 5);
  EXPECT_EQ(got.at("needs_assessment").due_date, year{2026} / December / 1);
}

TEST(VictimsCodeDeadlines, EnhancedRightsShortenFirstContactAndHighRiskMakesItTheSameDay) {
  assessment::Assessment enhanced;
  enhanced.enhanced_reasons = {"child_victim"};
  auto got = by_code(victims_code_deadlines(levels(), received_monday_morning(), enhanced, kCalendar));
  EXPECT_EQ(got.at("first_contact").working_days, 1);
  EXPECT_EQ(got.at("first_contact").due_date, year{2026} / November / 24);

  assessment::Assessment high = enhanced;
  high.risk.level = intake::RiskLevel::kHigh;
  got = by_code(victims_code_deadlines(levels(), received_monday_morning(), high, kCalendar));
  EXPECT_EQ(got.at("first_contact").working_days, 0);
  EXPECT_EQ(got.at("first_contact").due_date, kMonday);
}

TEST(VictimsCodeDeadlines, AReportedCrimeStartsThePoliceClockFromTheDayItWasReported) {
  auto referral = received_monday_morning();
  referral.reported_to_police = true;
  referral.date_reported = year{2026} / November / 26;  // the Thursday before the holiday
  auto got = by_code(victims_code_deadlines(levels(), referral, {}, kCalendar));
  ASSERT_EQ(got.count("police_referral"), 1u);
  EXPECT_EQ(got.at("police_referral").working_days, 2);
  EXPECT_EQ(got.at("police_referral").due_date, year{2026} / December / 1);
  EXPECT_EQ(got.at("police_referral").due_at, end_of_london_day(year{2026} / December / 1));
  // Reported, but the date is not known: no clock can be started.
  referral.date_reported.reset();
  EXPECT_EQ(by_code(victims_code_deadlines(levels(), referral, {}, kCalendar)).count("police_referral"), 0u);
}

}  // namespace
}  // namespace vg::deadlines
