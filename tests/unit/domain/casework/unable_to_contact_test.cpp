#include "domain/casework/unable_to_contact.h"

#include <gtest/gtest.h>

#include "domain/deadlines/working_days.h"

namespace vg::casework {
namespace {

using namespace std::chrono;

// Monday 7 December 2026 at noon London (GMT), plus `days` calendar days.
Instant noon(int days) { return sys_days(year{2026} / December / 7) + hours(12) + days * std::chrono::days(1); }

ContactAttempt failed(int day) { return {ContactChannel::kCall, {}, ContactOutcome::kNoAnswer, false, noon(day)}; }
ContactAttempt reached(int day) { return {ContactChannel::kCall, {}, ContactOutcome::kReached, false, noon(day)}; }

const deadlines::BankHolidayCalendar kCalendar({year{2026} / December / 25, year{2026} / December / 28});

TEST(UnableToContactTest, ThreeFailuresOverTwoWorkingDays) {
  EXPECT_TRUE(unable_to_contact({failed(0), failed(1), failed(2)}, {}, kCalendar));
}

TEST(UnableToContactTest, ThreeFailuresInOneAfternoonAreNotEnough) {
  EXPECT_FALSE(unable_to_contact({failed(0), failed(0), failed(0)}, {}, kCalendar));
  EXPECT_FALSE(unable_to_contact({failed(0), failed(0), failed(1)}, {}, kCalendar));
}

TEST(UnableToContactTest, ContactStartsTheCountAgain) {
  EXPECT_FALSE(unable_to_contact({failed(0), failed(1), reached(2), failed(3)}, {}, kCalendar));
  EXPECT_TRUE(unable_to_contact({reached(0), failed(1), failed(2), failed(3)}, {}, kCalendar));
}

TEST(UnableToContactTest, WeekendsAndBankHolidaysDoNotCount) {
  // Thursday 24th, Friday 25th (holiday), Monday 28th (holiday), Tuesday 29th: Thu→Tue is 1
  // working day.
  EXPECT_FALSE(unable_to_contact({failed(17), failed(18), failed(22)}, {}, kCalendar));
  EXPECT_TRUE(unable_to_contact({failed(17), failed(18), failed(23)}, {}, kCalendar));
}

TEST(UnableToContactTest, TheAreaSetsTheNumbers) {
  UnableToContactPolicy policy{5, 0};
  EXPECT_FALSE(unable_to_contact({failed(0), failed(0), failed(0), failed(0)}, policy, kCalendar));
  EXPECT_TRUE(unable_to_contact({failed(0), failed(0), failed(0), failed(0), failed(0)}, policy, kCalendar));
}

}  // namespace
}  // namespace vg::casework
