#include "domain/deadlines/bank_holidays.h"

#include <algorithm>
#include <boost/json.hpp>
#include <string>
#include <utility>

#include "domain/text/json_object.h"

namespace vg::deadlines {

namespace json = boost::json;
using std::chrono::year_month_day;

BankHolidayCalendar::BankHolidayCalendar(std::vector<year_month_day> dates)
    : dates_(std::move(dates)) {
  std::ranges::sort(dates_);
  auto duplicates = std::ranges::unique(dates_);
  dates_.erase(duplicates.begin(), duplicates.end());
}

bool BankHolidayCalendar::is_bank_holiday(year_month_day date) const {
  return std::ranges::binary_search(dates_, date);
}

bool BankHolidayCalendar::is_working_day(year_month_day date) const {
  std::chrono::weekday day{std::chrono::sys_days{date}};
  if (day == std::chrono::Saturday || day == std::chrono::Sunday) return false;
  return !is_bank_holiday(date);
}

std::optional<YearRange> BankHolidayCalendar::covered_years() const {
  if (dates_.empty()) return std::nullopt;
  return YearRange{dates_.front().year(), dates_.back().year()};
}

bool BankHolidayCalendar::covers(year_month_day date) const {
  auto range = covered_years();
  return range && date.year() >= range->first && date.year() <= range->last;
}

namespace {

constexpr std::string_view kDivision = "england-and-wales";

// Strictly "YYYY-MM-DD" naming a real date: gov.uk never writes anything else, so anything else
// means the file is not what we think it is.
std::optional<year_month_day> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  auto y = number(0, 4);
  auto m = number(5, 2);
  auto d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  year_month_day date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                      std::chrono::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

Result<BankHolidayCalendar> parse_bank_holidays_json(std::string_view text) {
  const auto root = VG_TRY(vg::text::parse_json_object(
      text, "The bank holiday file is not JSON", "The bank holiday file is not in gov.uk's shape"));

  // The whole gov.uk document holds every UK division; only England and Wales apply here.
  const json::object* division = &root;
  std::string path = "$";
  if (const json::value* nested = division->if_contains(kDivision)) {
    path = "$['england-and-wales']";
    if (!nested->is_object()) {
      return validation_failed({{path, "type", "must be an object"}},
                               "The bank holiday file is not in gov.uk's shape");
    }
    division = &nested->as_object();
  }

  std::vector<FieldError> errors;
  const json::value* name = division->if_contains("division");
  if (name == nullptr) {
    errors.push_back({path + ".division", "required", "is missing"});
  } else if (!name->is_string() || name->as_string() != kDivision) {
    errors.push_back({path + ".division", "invalid",
                      "must be \"england-and-wales\": other divisions have other holidays"});
  }

  std::vector<year_month_day> dates;
  const json::value* events = division->if_contains("events");
  if (events == nullptr) {
    errors.push_back({path + ".events", "required", "is missing"});
  } else if (!events->is_array()) {
    errors.push_back({path + ".events", "type", "must be an array"});
  } else if (events->as_array().empty()) {
    // An empty list would silently make every weekday a working day.
    errors.push_back({path + ".events", "empty", "must list at least one bank holiday"});
  } else {
    const json::array& list = events->as_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string event_path = path + ".events[" + std::to_string(i) + "]";
      if (!list[i].is_object()) {
        errors.push_back({event_path, "type", "must be an object"});
        continue;
      }
      const json::value* date = list[i].as_object().if_contains("date");
      if (date == nullptr) {
        errors.push_back({event_path + ".date", "required", "is missing"});
        continue;
      }
      std::optional<year_month_day> parsed;
      if (date->is_string()) parsed = parse_iso_date(date->as_string());
      if (!parsed) {
        errors.push_back({event_path + ".date", "invalid", "must be a real date as YYYY-MM-DD"});
        continue;
      }
      dates.push_back(*parsed);
    }
  }

  if (!errors.empty()) {
    return validation_failed(std::move(errors), "The bank holiday file has errors");
  }
  return BankHolidayCalendar(std::move(dates));
}

}  // namespace vg::deadlines
