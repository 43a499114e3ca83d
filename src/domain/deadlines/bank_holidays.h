// Bank holidays in England and Wales: which dates are not working days under the Victims' Code.
// Pure: built from dates or parsed from gov.uk's JSON text; it never reads files or the clock.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::deadlines {

// The first and last calendar year that hold at least one bank holiday. Years in between are
// assumed complete; dates outside the range are ones the calendar knows nothing about.
struct YearRange {
  std::chrono::year first;
  std::chrono::year last;
};

class BankHolidayCalendar {
 public:
  BankHolidayCalendar() = default;
  // Dates must be valid (`ok()`); order and duplicates do not matter.
  explicit BankHolidayCalendar(std::vector<std::chrono::year_month_day> dates);

  bool is_bank_holiday(std::chrono::year_month_day date) const;
  // Not a Saturday, not a Sunday, not a bank holiday.
  bool is_working_day(std::chrono::year_month_day date) const;

  // Empty for an empty calendar.
  std::optional<YearRange> covered_years() const;
  // Whether `date`'s year lies within covered_years(): outside it, is_working_day() can only
  // rule out weekends, so a deadline there is provisional.
  bool covers(std::chrono::year_month_day date) const;

  // Sorted, without duplicates.
  const std::vector<std::chrono::year_month_day>& dates() const { return dates_; }

  friend bool operator==(const BankHolidayCalendar&, const BankHolidayCalendar&) = default;

 private:
  std::vector<std::chrono::year_month_day> dates_;
};

// gov.uk's shape (https://www.gov.uk/bank-holidays.json): either the whole document, from which
// the "england-and-wales" division is taken, or that division alone
// ({"division": "england-and-wales", "events": [{"date": "YYYY-MM-DD", ...}, ...]}).
// Every problem is reported as a validation_failed field error named by its JSON path
// ("$.events[3].date"); a bad file yields no calendar at all, never part of one.
Result<BankHolidayCalendar> parse_bank_holidays_json(std::string_view json);

}  // namespace vg::deadlines
