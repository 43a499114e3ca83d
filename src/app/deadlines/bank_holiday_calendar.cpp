#include "app/deadlines/bank_holiday_calendar.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace vg::app {

extern const std::vector<std::pair<std::string_view, std::string_view>> kReferenceData;

namespace {

constexpr std::string_view kEmbeddedName = "bank-holidays-england-and-wales.json";

deadlines::BankHolidayCalendar parse_embedded() {
  for (const auto& [name, text] : kReferenceData) {
    if (name != kEmbeddedName) continue;
    auto calendar = deadlines::parse_bank_holidays_json(text);
    if (!calendar) {
      std::string detail = calendar.error().message;
      if (!calendar.error().fields.empty()) {
        const auto& first = calendar.error().fields.front();
        detail += ": " + first.field + " " + first.message;
      }
      throw std::runtime_error("embedded bank holiday calendar is broken: " + detail);
    }
    return std::move(*calendar);
  }
  throw std::runtime_error("bank holiday calendar was not embedded in this build");
}

}  // namespace

const deadlines::BankHolidayCalendar& england_and_wales_bank_holidays() {
  static const deadlines::BankHolidayCalendar calendar = parse_embedded();
  return calendar;
}

Result<deadlines::BankHolidayCalendar> load_bank_holidays_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return not_found("The bank holiday file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail("unavailable", "The bank holiday file " + path + " could not be read");
  return deadlines::parse_bank_holidays_json(text.str());
}

}  // namespace vg::app
