// Victims' Code deadlines counted in working days (England and Wales), due at the end of a
// Europe/London day. Pure: it converts the instants it is given and never reads the clock.
#pragma once

#include <chrono>
#include <string>

#include "domain/deadlines/bank_holidays.h"

namespace vg::deadlines {

// The rule: a deadline of N working days after an event falls at the end (23:59:59
// Europe/London) of the Nth working day strictly after the event's local date. N = 0 means the
// same day ("same day if high risk"): the event's own local date, working day or not.
// N must not be negative (std::invalid_argument: a programmer error). Past the calendar's
// covered years only weekends are skipped; callers check BankHolidayCalendar::covers().
std::chrono::year_month_day add_working_days(const BankHolidayCalendar& calendar,
                                             std::chrono::year_month_day event_local_date, int n);

// Working days strictly after `from`, up to and including `to`; 0 when `to` <= `from`.
// add_working_days(c, d, n) is the first date with working_days_between(c, d, date) == n.
int working_days_between(const BankHolidayCalendar& calendar, std::chrono::year_month_day from,
                         std::chrono::year_month_day to);

// The calendar date in Europe/London at a UTC instant.
std::chrono::year_month_day london_date(std::chrono::system_clock::time_point instant);
// Its month.
std::chrono::year_month london_month(std::chrono::system_clock::time_point instant);

// 23:59:59 Europe/London on `date`, as a UTC instant.
std::chrono::system_clock::time_point end_of_london_day(std::chrono::year_month_day date);

// `time_of_day` (from midnight, under 24 h) on `date` in Europe/London, as a UTC instant. In the
// hour the clocks skip it is the instant an hour later by the new clock; in the hour they repeat,
// the first (summer time) reading.
std::chrono::system_clock::time_point london_time(std::chrono::year_month_day date,
                                                  std::chrono::minutes time_of_day);

struct Deadline {
  std::string code;  // which service level, e.g. "police_referral"
  std::chrono::year_month_day due_date;
  std::chrono::system_clock::time_point due_at;
  int working_days;
};

Deadline working_day_deadline(const BankHolidayCalendar& calendar, std::string code,
                              std::chrono::system_clock::time_point event, int n);

}  // namespace vg::deadlines
