#include "domain/deadlines/working_days.h"

#include <stdexcept>
#include <utility>

namespace vg::deadlines {

using namespace std::chrono;

year_month_day add_working_days(const BankHolidayCalendar& calendar, year_month_day event_local_date,
                                int n) {
  if (n < 0) throw std::invalid_argument("add_working_days: n must not be negative");
  sys_days day{event_local_date};
  for (int counted = 0; counted < n;) {
    day += days{1};
    if (calendar.is_working_day(year_month_day{day})) ++counted;
  }
  return year_month_day{day};
}

int working_days_between(const BankHolidayCalendar& calendar, year_month_day from,
                         year_month_day to) {
  int count = 0;
  for (sys_days day = sys_days{from} + days{1}; day <= sys_days{to}; day += days{1}) {
    if (calendar.is_working_day(year_month_day{day})) ++count;
  }
  return count;
}

namespace {

// libstdc++ in g++ 12 has no tzdb (std::chrono::locate_zone arrived in GCC 13/14), so the UK
// rule is written out: British Summer Time (UTC+1) runs from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October, GMT otherwise. That has been the law
// (EU Summer Time Directive, Summer Time Order 2002) since 1996 and is right for 1996-2100;
// revisit it if Parliament changes the rule or when the toolchain gains tzdb.
constexpr hours kBstOffset{1};

sys_seconds bst_change(year y, month m) {
  return sys_days{year_month_weekday_last{y, m, weekday_last{Sunday}}} + hours{1};
}

bool is_bst(sys_seconds instant) {
  // The changes are months away from New Year, so the UTC year is the local year here.
  year y = year_month_day{floor<days>(instant)}.year();
  return instant >= bst_change(y, March) && instant < bst_change(y, October);
}

}  // namespace

year_month_day london_date(system_clock::time_point instant) {
  sys_seconds utc = floor<seconds>(instant);
  sys_seconds local_as_if_utc = is_bst(utc) ? utc + kBstOffset : utc;
  return year_month_day{floor<days>(local_as_if_utc)};
}

year_month london_month(system_clock::time_point instant) {
  const auto today = london_date(instant);
  return today.year() / today.month();
}

system_clock::time_point end_of_london_day(year_month_day date) {
  // 23:59:59 local is never in the hour the clocks skip or repeat (those begin at 01:00 UTC), so
  // exactly one reading is consistent: BST if that instant is in summer time, otherwise GMT.
  sys_seconds local_as_if_utc = sys_days{date} + hours{23} + minutes{59} + seconds{59};
  sys_seconds if_bst = local_as_if_utc - kBstOffset;
  return is_bst(if_bst) ? if_bst : local_as_if_utc;
}

system_clock::time_point london_time(year_month_day date, minutes time_of_day) {
  // As end_of_london_day: read the local time as BST when the instant it would be is in summer
  // time, otherwise as GMT.
  sys_seconds local_as_if_utc = sys_days{date} + time_of_day;
  sys_seconds if_bst = local_as_if_utc - kBstOffset;
  return is_bst(if_bst) ? if_bst : local_as_if_utc;
}

Deadline working_day_deadline(const BankHolidayCalendar& calendar, std::string code,
                              system_clock::time_point event, int n) {
  year_month_day due_date = add_working_days(calendar, london_date(event), n);
  return Deadline{std::move(code), due_date, end_of_london_day(due_date), n};
}

}  // namespace vg::deadlines
