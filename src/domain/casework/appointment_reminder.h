// An appointment a victim is reminded of (when, and whether by phone, video or in person) and
// when the reminder goes: the working day before at 09:00 London. Pure; never reads the clock
// and never holds anything the victim told us (no place but the service's own name).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/deadlines/bank_holidays.h"
#include "domain/result.h"

namespace vg::casework {

enum class AppointmentKind { kPhoneCall, kVideoCall, kInPerson };

// The kinds in the order forms offer them.
inline constexpr AppointmentKind kAppointmentKinds[] = {
    AppointmentKind::kPhoneCall, AppointmentKind::kVideoCall, AppointmentKind::kInPerson};

std::string_view to_code(AppointmentKind kind);   // "phone_call" | "video_call" | "in_person"
std::string_view to_label(AppointmentKind kind);  // "Phone call" | "Video call" | "In person"
std::optional<AppointmentKind> appointment_kind_from_code(std::string_view code);

struct Appointment {
  std::chrono::year_month_day date{};  // in Europe/London
  std::chrono::minutes time_of_day{};  // from midnight, London
  AppointmentKind kind = AppointmentKind::kPhoneCall;
};

// "14:30", "9:05", "2:30pm", "9am", "12pm" (midday) as minutes from midnight; nullopt otherwise.
std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text);

// An appointment from a form's answers: `date` as YYYY-MM-DD (empty: not given), `time` as
// parse_time_of_day reads it, `kind` a code. Every problem as a field error ("date", "time",
// "kind"), so a form shows them all at once.
Result<Appointment> appointment_from(std::string_view date, std::string_view time,
                                     std::string_view kind);

// The appointment's instant (UTC).
std::chrono::system_clock::time_point appointment_at(const Appointment& a);

// When its reminder goes: 09:00 London on the last working day (calendar's bank holidays and
// weekends skipped) before the appointment's date, or `now` if that is already past.
// validation_failed (field "date", code "in_past") when the appointment is not after `now`.
Result<std::chrono::system_clock::time_point> reminder_time(
    const deadlines::BankHolidayCalendar& calendar, const Appointment& a,
    std::chrono::system_clock::time_point now);

// "Tuesday 29 December 2026 at 2:30pm", as GOV.UK writes dates and times ("9am", "midday").
std::string appointment_when_text(const Appointment& a);

}  // namespace vg::casework
