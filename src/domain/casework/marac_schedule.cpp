#include "domain/casework/marac_schedule.h"

#include <algorithm>

namespace vg::casework {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// `n` working days before `meeting`: the referral deadline.
Date working_days_before(Date meeting, int n, const deadlines::BankHolidayCalendar& calendar) {
  sys_days d{meeting};
  while (n > 0) {
    d -= days{1};
    if (calendar.is_working_day(Date{d})) --n;
  }
  return Date{d};
}

}  // namespace

std::optional<MaracMeeting> next_marac(const MaracSchedule& schedule, Date today,
                                       const deadlines::BankHolidayCalendar& calendar) {
  const int lead = std::max(0, schedule.referral_working_days_before);
  auto fits = [&](Date meeting) -> std::optional<MaracMeeting> {
    const Date due = working_days_before(meeting, lead, calendar);
    if (due < today) return std::nullopt;
    return MaracMeeting{meeting, due};
  };
  if (!schedule.meeting_dates.empty()) {
    auto dates = schedule.meeting_dates;
    std::sort(dates.begin(), dates.end());
    for (const auto& meeting : dates) {
      if (auto m = fits(meeting)) return m;
    }
    return std::nullopt;
  }
  // Weekly: the first meeting day on or after today, then a week at a time. A meeting that falls
  // on a bank holiday still counts (areas move it by a day; they list dates when they do more).
  sys_days d{today};
  while (std::chrono::weekday{d} != schedule.weekday) d += days{1};
  for (int week = 0; week < 60; ++week, d += days{7}) {
    if (auto m = fits(Date{d})) return m;
  }
  return std::nullopt;
}

std::vector<FieldError> check_marac_schedule(const MaracSchedule& schedule) {
  std::vector<FieldError> errors;
  if (!schedule.weekday.ok()) errors.push_back({"weekday", "invalid", "must be a day of the week"});
  for (std::size_t i = 0; i < schedule.meeting_dates.size(); ++i) {
    if (!schedule.meeting_dates[i].ok()) {
      errors.push_back(
          {"meeting_dates[" + std::to_string(i) + "]", "invalid", "must be a real date"});
    }
  }
  if (schedule.referral_working_days_before < 0 || schedule.referral_working_days_before > 20) {
    errors.push_back({"referral_working_days_before", "out_of_range", "must be from 0 to 20"});
  }
  return errors;
}

}  // namespace vg::casework
