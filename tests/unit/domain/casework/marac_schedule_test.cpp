// Which MARAC a referral made today is for, and when it must reach the coordinator.
#include "domain/casework/marac_schedule.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;

// Christmas Day and Boxing Day 2026 (a Friday, and Monday 28th as the substitute day).
const deadlines::BankHolidayCalendar kCalendar({year{2026} / 12 / 25, year{2026} / 12 / 28});

TEST(MaracSchedule, WeeklyMeetingWithThreeWorkingDaysToSpare) {
  MaracSchedule weekly;  // Thursdays, 3 working days before
  // Friday 4 December 2026: Thursday 10th's deadline is Monday 7th.
  auto next = next_marac(weekly, year{2026} / 12 / 4, kCalendar);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->meeting, year{2026} / 12 / 10);
  EXPECT_EQ(next->referral_due, year{2026} / 12 / 7);
}

TEST(MaracSchedule, TooLateForThisWeekGoesToNextWeek) {
  MaracSchedule weekly;
  // Tuesday 8 December: Thursday 10th's deadline (Monday 7th) has passed.
  auto next = next_marac(weekly, year{2026} / 12 / 8, kCalendar);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->meeting, year{2026} / 12 / 17);
  EXPECT_EQ(next->referral_due, year{2026} / 12 / 14);
}

TEST(MaracSchedule, TheDeadlineDayItselfStillCounts) {
  MaracSchedule weekly;
  auto next = next_marac(weekly, year{2026} / 12 / 7, kCalendar);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->meeting, year{2026} / 12 / 10);
}

TEST(MaracSchedule, BankHolidaysAreNotWorkingDaysBeforeTheMeeting) {
  MaracSchedule weekly;
  weekly.weekday = Tuesday;
  // Wednesday 16 December: Tuesday 22nd's deadline is Thursday 17th.
  auto next = next_marac(weekly, year{2026} / 12 / 16, kCalendar);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->meeting, year{2026} / 12 / 22);
  EXPECT_EQ(next->referral_due, year{2026} / 12 / 17);
  // Friday 18th is too late for the 22nd. For Tuesday 29th the three working days before skip
  // Monday 28th, the weekend and Friday 25th: Thursday 24th, Wednesday 23rd, Tuesday 22nd.
  next = next_marac(weekly, year{2026} / 12 / 18, kCalendar);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->meeting, year{2026} / 12 / 29);
  EXPECT_EQ(next->referral_due, year{2026} / 12 / 22);
}

TEST(MaracSchedule, ListedDatesWinOverTheWeekday) {
  MaracSchedule monthly;
  monthly.meeting_dates = {year{2027} / 1 / 14, year{2026} / 12 / 10};  // order does not matter
  monthly.referral_working_days_before = 5;
  auto next = next_marac(monthly, year{2026} / 12 / 4, kCalendar);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->meeting, year{2027} / 1 / 14);  // 10 December needed it by 3 December
  EXPECT_EQ(next->referral_due, year{2027} / 1 / 7);
}

TEST(MaracSchedule, NoMeetingWhenEveryListedDateHasPassed) {
  MaracSchedule listed;
  listed.meeting_dates = {year{2026} / 11 / 12};
  EXPECT_FALSE(next_marac(listed, year{2026} / 12 / 4, kCalendar));
}

TEST(MaracSchedule, ChecksWhatAFileCouldGetWrong) {
  MaracSchedule bad;
  bad.referral_working_days_before = -1;
  bad.meeting_dates = {year{2026} / 2 / 30};
  auto errors = check_marac_schedule(bad);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "meeting_dates[0]");
  EXPECT_EQ(errors[1].field, "referral_working_days_before");
}

}  // namespace
}  // namespace vg::casework
