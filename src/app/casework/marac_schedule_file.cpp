#include "app/casework/marac_schedule_file.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>

#include "app/json_members.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::optional<std::chrono::weekday> weekday_from(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kDays{
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (unsigned i = 0; i < kDays.size(); ++i) {
    if (kDays[i] == name) return std::chrono::weekday{i};
  }
  return std::nullopt;
}

}  // namespace

Result<casework::MaracSchedule> parse_marac_schedule(std::string_view text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) {
    return validation_failed({{"$", "malformed", "must be a JSON object"}},
                             "The MARAC schedule is not valid");
  }
  std::vector<FieldError> errors;
  JsonMembers m(value.as_object(), "$", errors);
  m.refuse_unknown(
      {"description", "meeting_weekday", "meeting_dates", "referral_working_days_before"});
  casework::MaracSchedule schedule;
  m.text("description");
  if (m.has("meeting_weekday")) {
    auto day = weekday_from(m.text("meeting_weekday"));
    if (day) {
      schedule.weekday = *day;
    } else {
      m.problem("meeting_weekday", "invalid",
                "must be a day of the week in lower case, like \"thursday\"");
    }
  }
  if (const auto* dates = m.list("meeting_dates", "must be a list of YYYY-MM-DD dates")) {
    for (std::size_t i = 0; i < dates->size(); ++i) {
      const auto& d = (*dates)[i];
      auto date =
          d.is_string() ? text::parse_iso_date(std::string_view(d.as_string())) : std::nullopt;
      if (!date) {
        errors.push_back(
            {"$.meeting_dates[" + std::to_string(i) + "]", "invalid", "must be a YYYY-MM-DD date"});
        continue;
      }
      schedule.meeting_dates.push_back(*date);
    }
    std::sort(schedule.meeting_dates.begin(), schedule.meeting_dates.end());
  }
  if (auto n = m.whole_number("referral_working_days_before", "type", "must be a whole number")) {
    schedule.referral_working_days_before =
        static_cast<int>(std::clamp<std::int64_t>(*n, -1, 1000));
  }
  for (auto& e : casework::check_marac_schedule(schedule)) {
    e.field = "$." + e.field;
    errors.push_back(std::move(e));
  }
  if (!errors.empty())
    return validation_failed(std::move(errors), "The MARAC schedule is not valid");
  return schedule;
}

}  // namespace vg::app
