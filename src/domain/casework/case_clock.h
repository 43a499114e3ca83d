// A Victims' Code clock as a caseworker reads it: "Due today", "Due in 2 working days",
// "Overdue by 1 working day". Pure: today's London date comes in; the domain never reads the clock.
#pragma once

#include <string>

#include "domain/casework/case_records.h"
#include "domain/deadlines/bank_holidays.h"

namespace vg::casework {

enum class ClockState { kDueLater, kDueToday, kOverdue };

struct ClockReading {
  ClockState state = ClockState::kDueLater;
  int working_days = 0;  // until due (kDueLater) or past due (kOverdue); 0 for kDueToday
  std::string text;      // "Due in 2 working days"
};

ClockReading read_clock(Date due, Date today, const deadlines::BankHolidayCalendar& calendar);

// The earliest due date among clocks not yet met; nullopt when every clock has stopped.
std::optional<Date> next_due(const std::vector<CaseDeadline>& deadlines);

}  // namespace vg::casework
