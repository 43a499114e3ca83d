#include "domain/casework/case_clock.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;

const deadlines::BankHolidayCalendar kCalendar({year{2026} / December / 25, year{2026} / December / 28});
Date dec(unsigned d) { return year{2026} / December / day{d}; }

TEST(CaseClockTest, DueToday) { EXPECT_EQ(read_clock(dec(7), dec(7), kCalendar).text, "Due today"); }

TEST(CaseClockTest, DueInWorkingDays) {
  auto r = read_clock(dec(9), dec(7), kCalendar);
  EXPECT_EQ(r.state, ClockState::kDueLater);
  EXPECT_EQ(r.text, "Due in 2 working days");
  EXPECT_EQ(read_clock(dec(8), dec(7), kCalendar).text, "Due in 1 working day");
  // Friday 11th to Monday 14th: one working day.
  EXPECT_EQ(read_clock(dec(14), dec(11), kCalendar).text, "Due in 1 working day");
}

TEST(CaseClockTest, OverdueCountsWorkingDaysOnly) {
  auto r = read_clock(dec(24), dec(29), kCalendar);  // Thu 24th; Fri 25th, Mon 28th holidays
  EXPECT_EQ(r.state, ClockState::kOverdue);
  EXPECT_EQ(r.text, "Overdue by 1 working day");
  EXPECT_EQ(read_clock(dec(7), dec(10), kCalendar).text, "Overdue by 3 working days");
}

TEST(CaseClockTest, DueOnAWeekendReadsAsToday) {
  EXPECT_EQ(read_clock(dec(12), dec(11), kCalendar).state, ClockState::kDueToday);  // Sat, read Fri
}

TEST(CaseClockTest, NextDueSkipsClocksThatStopped) {
  std::vector<CaseDeadline> clocks{{"c", "first_contact", dec(8), 1, {}},
                                   {"c", "needs_assessment", dec(14), 5, {}}};
  EXPECT_EQ(next_due(clocks), dec(8));
  clocks[0].met_at = sys_days(dec(7));
  EXPECT_EQ(next_due(clocks), dec(14));
  clocks[1].met_at = sys_days(dec(9));
  EXPECT_FALSE(next_due(clocks));
}

}  // namespace
}  // namespace vg::casework
