#include "domain/casework/appointment_reminder.h"

#include <array>
#include <cctype>
#include <utility>

#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"

namespace vg::casework {
namespace {

using namespace std::chrono;

constexpr std::array kKinds{
    std::pair{AppointmentKind::kPhoneCall, std::pair{std::string_view("phone_call"), std::string_view("Phone call")}},
    std::pair{AppointmentKind::kVideoCall, std::pair{std::string_view("video_call"), std::string_view("Video call")}},
    std::pair{AppointmentKind::kInPerson, std::pair{std::string_view("in_person"), std::string_view("In person")}},
};

// 09:00 London: early enough to rearrange the next day, late enough not to wake anyone.
constexpr minutes kReminderTimeOfDay = hours{9};

std::optional<int> number(std::string_view digits) {
  if (digits.empty() || digits.size() > 2) return std::nullopt;
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view to_code(AppointmentKind kind) {
  for (const auto& [k, text] : kKinds) {
    if (k == kind) return text.first;
  }
  return "phone_call";
}

std::string_view to_label(AppointmentKind kind) {
  for (const auto& [k, text] : kKinds) {
    if (k == kind) return text.second;
  }
  return "Phone call";
}

std::optional<AppointmentKind> appointment_kind_from_code(std::string_view code) {
  for (const auto& [k, text] : kKinds) {
    if (text.first == code) return k;
  }
  return std::nullopt;
}

std::optional<minutes> parse_time_of_day(std::string_view text) {
  std::string lower;
  for (char c : trimmed(text)) {
    if (!std::isspace(static_cast<unsigned char>(c))) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  std::string_view t = lower;
  std::optional<bool> pm;
  if (t.ends_with("am") || t.ends_with("pm")) {
    pm = t.ends_with("pm");
    t.remove_suffix(2);
  }
  const auto colon = t.find_first_of(":.");
  auto h = number(t.substr(0, colon));
  auto m = colon == std::string_view::npos ? (pm ? std::optional<int>(0) : std::nullopt)
                                           : (t.size() - colon - 1 == 2 ? number(t.substr(colon + 1)) : std::nullopt);
  if (!h || !m || *m > 59) return std::nullopt;
  if (pm) {
    if (*h < 1 || *h > 12) return std::nullopt;
    *h = *h % 12 + (*pm ? 12 : 0);  // 12am is midnight, 12pm midday
  } else if (*h > 23) {
    return std::nullopt;
  }
  return hours{*h} + minutes{*m};
}

Result<Appointment> appointment_from(std::string_view date, std::string_view time, std::string_view kind) {
  std::vector<FieldError> errors;
  Appointment a;
  if (date.empty()) {
    errors.push_back({"date", "required", "Enter the date of the appointment"});
  } else if (auto d = text::parse_iso_date(date)) {
    a.date = *d;
  } else {
    errors.push_back({"date", "invalid", "The date of the appointment must be a real date, like 27 3 2027"});
  }
  if (trimmed(time).empty()) {
    errors.push_back({"time", "required", "Enter the time of the appointment"});
  } else if (auto t = parse_time_of_day(time)) {
    a.time_of_day = *t;
  } else {
    errors.push_back({"time", "invalid", "Enter the time of the appointment like 14:30 or 2:30pm"});
  }
  if (auto k = appointment_kind_from_code(kind)) {
    a.kind = *k;
  } else {
    errors.push_back({"kind", "required", "Select whether the appointment is a phone call, a video call or in person"});
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The appointment is not complete");
  return a;
}

system_clock::time_point appointment_at(const Appointment& a) {
  return deadlines::london_time(a.date, a.time_of_day);
}

Result<system_clock::time_point> reminder_time(const deadlines::BankHolidayCalendar& calendar,
                                               const Appointment& a, system_clock::time_point now) {
  if (appointment_at(a) <= now) {
    return validation_failed({{"date", "in_past", "The appointment must be in the future"}},
                             "The appointment has already happened");
  }
  sys_days day = sys_days{a.date} - days{1};
  while (!calendar.is_working_day(year_month_day{day})) day -= days{1};
  const auto at = deadlines::london_time(year_month_day{day}, kReminderTimeOfDay);
  // Booked too late for the day before (or on it): remind them now rather than not at all.
  return at < now ? now : at;
}

std::string appointment_when_text(const Appointment& a) {
  static constexpr std::array<std::string_view, 7> kDays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                         "Thursday", "Friday", "Saturday"};
  static constexpr std::array<std::string_view, 12> kMonths{"January", "February", "March",     "April",
                                                            "May",     "June",     "July",      "August",
                                                            "September", "October", "November", "December"};
  const weekday wd{sys_days{a.date}};
  std::string out(kDays[wd.c_encoding()]);
  // Appended piece by piece: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
  out += ' ';
  out += std::to_string(static_cast<unsigned>(a.date.day()));
  out += ' ';
  out += kMonths[static_cast<unsigned>(a.date.month()) - 1];
  out += ' ';
  out += std::to_string(static_cast<int>(a.date.year()));
  out += " at ";
  const int h = static_cast<int>(duration_cast<hours>(a.time_of_day).count());
  const int m = static_cast<int>(a.time_of_day.count() % 60);
  if (h == 12 && m == 0) return out + "midday";
  if (h == 0 && m == 0) return out + "midnight";
  out += std::to_string(h % 12 == 0 ? 12 : h % 12);
  if (m != 0) {
    out += m < 10 ? ":0" : ":";
    out += std::to_string(m);
  }
  return out + (h < 12 ? "am" : "pm");
}

}  // namespace vg::casework
