#include "domain/casework/case_clock.h"

#include "domain/deadlines/working_days.h"

namespace vg::casework {
namespace {

std::string days(int n) { return std::to_string(n) + (n == 1 ? " working day" : " working days"); }

}  // namespace

ClockReading read_clock(Date due, Date today, const deadlines::BankHolidayCalendar& calendar) {
  if (due == today) return {ClockState::kDueToday, 0, "Due today"};
  if (std::chrono::sys_days(due) > std::chrono::sys_days(today)) {
    const int n = deadlines::working_days_between(calendar, today, due);
    // Due on a weekend or bank holiday after today with no working day between: still "today"
    // for the person reading it, who will not be at work before it passes.
    if (n == 0) return {ClockState::kDueToday, 0, "Due today"};
    return {ClockState::kDueLater, n, "Due in " + days(n)};
  }
  // Past due: a deadline missed on Friday is "overdue by 1 working day" on Monday.
  const int n = deadlines::working_days_between(calendar, due, today);
  if (n == 0) return {ClockState::kOverdue, 0, "Overdue"};
  return {ClockState::kOverdue, n, "Overdue by " + days(n)};
}

std::optional<Date> next_due(const std::vector<CaseDeadline>& deadlines) {
  std::optional<Date> earliest;
  for (const auto& d : deadlines) {
    if (d.met_at) continue;
    if (!earliest || std::chrono::sys_days(d.due_date) < std::chrono::sys_days(*earliest)) {
      earliest = d.due_date;
    }
  }
  return earliest;
}

}  // namespace vg::casework
