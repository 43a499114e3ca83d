#include "domain/deadlines/working_days.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace vg::deadlines {
namespace {

using namespace std::chrono;

// The real calendar shipped in data/, so these tests also check the data holds the holidays.
const BankHolidayCalendar& calendar() {
  static const BankHolidayCalendar loaded = [] {
    std::ifstream in(std::string(VG_SOURCE_DIR) + "/data/calendar/bank-holidays-england-and-wales.json");
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = parse_bank_holidays_json(text.str());
    if (!parsed) throw std::runtime_error("test calendar did not parse: " + parsed.error().message);
    return *parsed;
  }();
  return loaded;
}

year_month_day date(int y, unsigned m, unsigned d) { return year{y} / month{m} / day{d}; }

sys_seconds utc(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return sys_days{date(y, m, d)} + hours{hh} + minutes{mm} + seconds{ss};
}

// Dates and instants as text so a failure reads like the rule ("2022-06-06").
std::string text(year_month_day ymd) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

std::string text(system_clock::time_point instant) {
  auto secs = floor<seconds>(instant);
  auto day = floor<days>(secs);
  hh_mm_ss time{secs - day};
  char out[32];
  std::snprintf(out, sizeof out, "%sT%02d:%02d:%02dZ", text(year_month_day{day}).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return out;
}

std::string due(year_month_day event, int n) { return text(add_working_days(calendar(), event, n)); }

// --- the example --------------------------------------------------------------------

TEST(Deadline, PlatinumJubileeHolidaysPushTwoWorkingDaysFromTuesdayToNextMonday) {
  // Reported Tue 31 May 2022; Thu 2 June (spring bank holiday, moved) and Fri 3 June (Platinum
  // Jubilee) were bank holidays, so the 2nd working day after is Mon 6 June, due 23:59:59 BST.
  Deadline d = working_day_deadline(calendar(), "police_referral", utc(2022, 5, 31, 10, 0, 0), 2);
  EXPECT_EQ(d.code, "police_referral");
  EXPECT_EQ(d.working_days, 2);
  EXPECT_EQ(text(d.due_date), "2022-06-06");
  EXPECT_EQ(text(d.due_at), "2022-06-06T22:59:59Z");
}

TEST(Deadline, ZeroWorkingDaysIsTheEndOfTheSameLondonDayEvenAtAWeekend) {
  Deadline d = working_day_deadline(calendar(), "first_contact", utc(2022, 6, 4, 14, 0, 0), 0);
  EXPECT_EQ(text(d.due_date), "2022-06-04");  // a Saturday, and still the same day
  EXPECT_EQ(text(d.due_at), "2022-06-04T22:59:59Z");
  EXPECT_EQ(due(date(2022, 6, 3), 0), "2022-06-03");  // a bank holiday, too
}

TEST(Deadline, LateEveningUtcInSummerCountsFromTheNextLondonDay) {
  // 23:30 UTC on 31 May is 00:30 BST on 1 June, so counting starts after 1 June.
  Deadline late = working_day_deadline(calendar(), "x", utc(2022, 5, 31, 23, 30, 0), 2);
  EXPECT_EQ(text(late.due_date), "2022-06-07");
  // 22:30 UTC is still 23:30 BST on 31 May.
  Deadline earlier = working_day_deadline(calendar(), "x", utc(2022, 5, 31, 22, 30, 0), 2);
  EXPECT_EQ(text(earlier.due_date), "2022-06-06");
}

TEST(Deadline, WinterDeadlinesAreInGmt) {
  // 23:30 UTC on Mon 10 Jan 2022 is 23:30 GMT, still 10 January.
  Deadline d = working_day_deadline(calendar(), "x", utc(2022, 1, 10, 23, 30, 0), 1);
  EXPECT_EQ(text(d.due_date), "2022-01-11");
  EXPECT_EQ(text(d.due_at), "2022-01-11T23:59:59Z");
}

// --- counting working days ------------------------------------------------------------------

TEST(WorkingDays, ChristmasOnAWeekendMovesBothHolidaysToMondayAndTuesday2021) {
  // 25/26 Dec 2021 were Sat/Sun; the holidays were Mon 27 and Tue 28 Dec. Christmas Eve is a
  // working day.
  EXPECT_EQ(due(date(2021, 12, 23), 1), "2021-12-24");
  EXPECT_EQ(due(date(2021, 12, 23), 2), "2021-12-29");
  EXPECT_EQ(due(date(2021, 12, 23), 3), "2021-12-30");
}

TEST(WorkingDays, BoxingDayOnSaturdayMovesToMonday2020AndCountsIntoTheNewYear) {
  // Fri 25 Dec 2020, Boxing Day substitute Mon 28 Dec, New Year's Day Fri 1 Jan 2021.
  EXPECT_EQ(due(date(2020, 12, 24), 1), "2020-12-29");
  EXPECT_EQ(due(date(2020, 12, 24), 2), "2020-12-30");
  EXPECT_EQ(due(date(2020, 12, 24), 4), "2021-01-04");
}

TEST(WorkingDays, YearEnd2026SkipsBoxingDaySubstituteAndNewYearsDay2027) {
  // Fri 25 Dec 2026, Boxing Day substitute Mon 28 Dec, New Year's Day Fri 1 Jan 2027.
  EXPECT_EQ(due(date(2026, 12, 24), 1), "2026-12-29");
  EXPECT_EQ(due(date(2026, 12, 24), 3), "2026-12-31");
  EXPECT_EQ(due(date(2026, 12, 24), 4), "2027-01-04");
}

TEST(WorkingDays, EasterSkipsGoodFridayTheWeekendAndEasterMonday2026) {
  EXPECT_EQ(due(date(2026, 4, 2), 1), "2026-04-07");
}

TEST(WorkingDays, VeDayMovedTheEarlyMayHolidayToFriday8May2020) {
  EXPECT_EQ(due(date(2020, 5, 7), 1), "2020-05-11");
  EXPECT_EQ(due(date(2020, 5, 1), 1), "2020-05-04");  // the usual first Monday was worked
}

TEST(WorkingDays, StateFuneralOn19September2022WasAHoliday) {
  EXPECT_EQ(due(date(2022, 9, 16), 1), "2022-09-20");
}

TEST(WorkingDays, CoronationOn8May2023WasAHoliday) {
  EXPECT_EQ(due(date(2023, 5, 5), 1), "2023-05-09");
}

TEST(WorkingDays, SaturdayEventPlusOneIsMonday) {
  EXPECT_EQ(due(date(2022, 5, 7), 1), "2022-05-09");
  EXPECT_EQ(due(date(2022, 5, 8), 1), "2022-05-09");  // Sunday too
}

TEST(WorkingDays, SaturdayEventBeforeAHolidayMondayPlusOneIsTuesday) {
  EXPECT_EQ(due(date(2022, 4, 30), 1), "2022-05-03");  // Mon 2 May 2022: early May holiday
}

TEST(WorkingDays, OutsideTheCalendarOnlyWeekendsAreSkipped) {
  // 25 Dec 2040 is a Tuesday the calendar knows nothing about; covers() warns the caller.
  EXPECT_FALSE(calendar().covers(date(2040, 12, 24)));
  EXPECT_EQ(due(date(2040, 12, 24), 1), "2040-12-25");
}

TEST(WorkingDays, NegativeCountIsAProgrammerError) {
  EXPECT_THROW(add_working_days(calendar(), date(2022, 5, 31), -1), std::invalid_argument);
}

TEST(WorkingDaysBetween, CountsWorkingDaysStrictlyAfterFromUpToAndIncludingTo) {
  EXPECT_EQ(working_days_between(calendar(), date(2022, 5, 31), date(2022, 6, 6)), 2);
  EXPECT_EQ(working_days_between(calendar(), date(2022, 5, 31), date(2022, 6, 5)), 1);
  EXPECT_EQ(working_days_between(calendar(), date(2021, 12, 23), date(2022, 1, 4)), 5);  // 3 Jan 2022: substitute
}

TEST(WorkingDaysBetween, IsZeroWhenToIsNotAfterFrom) {
  EXPECT_EQ(working_days_between(calendar(), date(2022, 6, 6), date(2022, 6, 6)), 0);
  EXPECT_EQ(working_days_between(calendar(), date(2022, 6, 6), date(2022, 5, 31)), 0);
}

TEST(WorkingDaysBetween, UndoesAddWorkingDays) {
  for (int n = 0; n <= 30; ++n) {
    EXPECT_EQ(working_days_between(calendar(), date(2020, 12, 19),
                                   add_working_days(calendar(), date(2020, 12, 19), n)),
              n)
        << n;
  }
}

// --- Europe/London --------------------------------------------------------------------------

TEST(DeadlineLondonTime, SpringForwardDayEndsInBst) {
  // BST began at 01:00 UTC on Sun 27 March 2022.
  EXPECT_EQ(text(end_of_london_day(date(2022, 3, 26))), "2022-03-26T23:59:59Z");
  EXPECT_EQ(text(end_of_london_day(date(2022, 3, 27))), "2022-03-27T22:59:59Z");
  EXPECT_EQ(text(london_date(utc(2022, 3, 26, 23, 30, 0))), "2022-03-26");  // GMT
  EXPECT_EQ(text(london_date(utc(2022, 3, 27, 23, 30, 0))), "2022-03-28");  // BST
}

TEST(DeadlineLondonTime, FallBackDayEndsInGmt) {
  // BST ended at 01:00 UTC on Sun 30 October 2022.
  EXPECT_EQ(text(end_of_london_day(date(2022, 10, 29))), "2022-10-29T22:59:59Z");
  EXPECT_EQ(text(end_of_london_day(date(2022, 10, 30))), "2022-10-30T23:59:59Z");
  EXPECT_EQ(text(london_date(utc(2022, 10, 29, 23, 0, 0))), "2022-10-30");  // 00:00 BST
  EXPECT_EQ(text(london_date(utc(2022, 10, 29, 22, 59, 59))), "2022-10-29");
  EXPECT_EQ(text(london_date(utc(2022, 10, 30, 23, 30, 0))), "2022-10-30");  // GMT
}

TEST(DeadlineLondonTime, ClocksChangeOnTheLastSundaysOfMarchAndOctober2026) {
  // 2026: the last Sundays are 29 March and 25 October.
  EXPECT_EQ(text(end_of_london_day(date(2026, 3, 28))), "2026-03-28T23:59:59Z");
  EXPECT_EQ(text(end_of_london_day(date(2026, 3, 29))), "2026-03-29T22:59:59Z");
  EXPECT_EQ(text(end_of_london_day(date(2026, 10, 24))), "2026-10-24T22:59:59Z");
  EXPECT_EQ(text(end_of_london_day(date(2026, 10, 25))), "2026-10-25T23:59:59Z");
}

TEST(DeadlineLondonTime, LondonTimeReadsTheLocalClock) {
  EXPECT_EQ(text(london_time(date(2026, 12, 24), hours{9})), "2026-12-24T09:00:00Z");  // GMT
  EXPECT_EQ(text(london_time(date(2026, 6, 1), hours{9})), "2026-06-01T08:00:00Z");    // BST
  // 01:30 on the morning the clocks go back is read as the first (summer time) 01:30.
  EXPECT_EQ(text(london_time(date(2026, 10, 25), minutes{90})), "2026-10-25T00:30:00Z");
  EXPECT_EQ(text(london_date(london_time(date(2026, 3, 29), hours{23}))), "2026-03-29");
}

TEST(DeadlineLondonTime, LondonDateOfEndOfLondonDayIsThatDay) {
  for (sys_days d = sys_days{date(2022, 1, 1)}; d < sys_days{date(2023, 1, 1)}; d += days{1}) {
    year_month_day ymd{d};
    auto end = end_of_london_day(ymd);
    ASSERT_EQ(text(london_date(end)), text(ymd));
    ASSERT_EQ(text(london_date(end + seconds{1})), text(year_month_day{d + days{1}}));
  }
}

}  // namespace
}  // namespace vg::deadlines
