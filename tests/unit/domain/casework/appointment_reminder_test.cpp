#include "domain/casework/appointment_reminder.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vg::casework {
namespace {

using namespace std::chrono;

// The calendar shipped in data/ (the one casework counts Victims' Code working days with).
const deadlines::BankHolidayCalendar& calendar() {
  static const deadlines::BankHolidayCalendar loaded = [] {
    std::ifstream in(std::string(VG_SOURCE_DIR) + "/data/calendar/bank-holidays-england-and-wales.json");
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = deadlines::parse_bank_holidays_json(text.str());
    if (!parsed) throw std::runtime_error("test calendar did not parse");
    return *parsed;
  }();
  return loaded;
}

sys_seconds utc(int y, unsigned m, unsigned d, int hh, int mm) {
  return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm};
}

Appointment at(int y, unsigned m, unsigned d, int hh, int mm, AppointmentKind kind = AppointmentKind::kPhoneCall) {
  return {year{y} / month{m} / day{d}, hours{hh} + minutes{mm}, kind};
}

system_clock::time_point reminder(const Appointment& a, system_clock::time_point now) {
  auto r = reminder_time(calendar(), a, now);
  EXPECT_TRUE(r.has_value());
  return r.value_or(system_clock::time_point{});
}

const auto kNow = utc(2026, 12, 1, 10, 0);  // Tuesday 1 December 2026

TEST(AppointmentReminderTest, GoesTheWorkingDayBeforeAtNineLondon) {
  // Thursday 10 December → Wednesday 9 December, 09:00 GMT.
  EXPECT_EQ(reminder(at(2026, 12, 10, 14, 30), kNow), utc(2026, 12, 9, 9, 0));
}

TEST(AppointmentReminderTest, SkipsTheWeekend) {
  // Monday 7 December → Friday 4 December.
  EXPECT_EQ(reminder(at(2026, 12, 7, 10, 0), kNow), utc(2026, 12, 4, 9, 0));
}

TEST(AppointmentReminderTest, SkipsBankHolidays) {
  // Tuesday 29 December 2026: Monday 28th is the Boxing Day holiday (substitute day), the 26th
  // and 27th a weekend, the 25th Christmas Day, so the reminder goes on Thursday 24th.
  EXPECT_EQ(reminder(at(2026, 12, 29, 11, 0), kNow), utc(2026, 12, 24, 9, 0));
}

TEST(AppointmentReminderTest, NineOClockInSummerTimeIsEightUtc) {
  EXPECT_EQ(reminder(at(2027, 6, 16, 15, 0), kNow), utc(2027, 6, 15, 8, 0));
}

TEST(AppointmentReminderTest, GoesAtOnceWhenTheDayBeforeHasPassed) {
  const auto now = utc(2026, 12, 9, 16, 0);
  EXPECT_EQ(reminder(at(2026, 12, 10, 9, 30), now), now);  // tomorrow morning
  EXPECT_EQ(reminder(at(2026, 12, 9, 17, 0), now), now);   // later today
}

TEST(AppointmentReminderTest, RefusesAnAppointmentInThePast) {
  auto r = reminder_time(calendar(), at(2026, 12, 1, 9, 59), kNow);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "validation_failed");
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "date");
  EXPECT_EQ(r.error().fields[0].code, "in_past");
  EXPECT_FALSE(reminder_time(calendar(), at(2026, 12, 1, 10, 0), kNow).has_value());
}

TEST(AppointmentReminderTest, ReadsTimesAsPeopleWriteThem) {
  EXPECT_EQ(parse_time_of_day("14:30"), minutes{14 * 60 + 30});
  EXPECT_EQ(parse_time_of_day(" 9:05 "), minutes{9 * 60 + 5});
  EXPECT_EQ(parse_time_of_day("2:30pm"), minutes{14 * 60 + 30});
  EXPECT_EQ(parse_time_of_day("9am"), minutes{9 * 60});
  EXPECT_EQ(parse_time_of_day("12pm"), minutes{12 * 60});
  EXPECT_EQ(parse_time_of_day("12.15 AM"), minutes{15});
  for (auto bad : {"", "14", "24:00", "9:5", "13pm", "noon", "14:60", "-1:00"}) {
    EXPECT_FALSE(parse_time_of_day(bad).has_value()) << bad;
  }
}

TEST(AppointmentReminderTest, FormAnswersAreCheckedTogether) {
  auto ok = appointment_from("2026-12-10", "14:30", "video_call");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->kind, AppointmentKind::kVideoCall);
  EXPECT_EQ(ok->time_of_day, minutes{14 * 60 + 30});

  auto bad = appointment_from("not a date", "later", "");
  ASSERT_FALSE(bad.has_value());
  std::vector<std::string> fields;
  for (const auto& e : bad.error().fields) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"date", "time", "kind"}));
  EXPECT_EQ(appointment_from("", "", "phone_call").error().fields[0].code, "required");
}

TEST(AppointmentReminderTest, WhenTextIsGovUkStyle) {
  EXPECT_EQ(appointment_when_text(at(2026, 12, 29, 14, 30)), "Tuesday 29 December 2026 at 2:30pm");
  EXPECT_EQ(appointment_when_text(at(2026, 12, 29, 9, 0)), "Tuesday 29 December 2026 at 9am");
  EXPECT_EQ(appointment_when_text(at(2026, 12, 29, 12, 0)), "Tuesday 29 December 2026 at midday");
  EXPECT_EQ(appointment_when_text(at(2026, 12, 29, 0, 5)), "Tuesday 29 December 2026 at 12:05am");
}

TEST(AppointmentReminderTest, KindCodesRoundTrip) {
  for (auto k : kAppointmentKinds) EXPECT_EQ(appointment_kind_from_code(to_code(k)), k);
  EXPECT_FALSE(appointment_kind_from_code("home_visit"));
}

}  // namespace
}  // namespace vg::casework
