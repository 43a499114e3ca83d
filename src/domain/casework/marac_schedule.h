// When an area's MARAC meets, and so which meeting a new MARAC referral is for and the date the
// referral must reach the MARAC coordinator. Pure: today and the bank holidays come in; it never
// reads the clock or the area's file (app/casework/marac_schedule_file.h does).
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "domain/casework/case_records.h"
#include "domain/deadlines/bank_holidays.h"
#include "domain/result.h"

namespace vg::casework {

// An area's MARAC meetings: the listed dates when there are any (areas that meet fortnightly or
// monthly list their year), otherwise every week on `weekday`. A referral must reach the MARAC
// coordinator `referral_working_days_before` working days before the meeting so the agencies can
// research the case; a referral too late for the next meeting goes to the one after.
struct MaracSchedule {
  std::chrono::weekday weekday = std::chrono::Thursday;  // *default*
  std::vector<Date> meeting_dates;                       // sorted on load; empty = weekly
  int referral_working_days_before = 3;                  // *default*
};

struct MaracMeeting {
  Date meeting;
  Date referral_due;  // the last working day the referral may reach the coordinator
};

// The first meeting whose referral_due is `today` or later. Nothing when the listed dates have
// all passed (the area must list its next year's dates).
std::optional<MaracMeeting> next_marac(const MaracSchedule& schedule, Date today,
                                       const deadlines::BankHolidayCalendar& calendar);

// Field errors for a schedule read from a file ("weekday", "meeting_dates[2]",
// "referral_working_days_before").
std::vector<FieldError> check_marac_schedule(const MaracSchedule& schedule);

}  // namespace vg::casework
