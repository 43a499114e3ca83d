#include "domain/insight/month_period.h"

#include <array>
#include <cstdio>
#include <optional>
#include <vector>

namespace vg::insight {
namespace {

using std::chrono::month;
using std::chrono::months;
using std::chrono::year;
using std::chrono::year_month;

constexpr std::array<const char*, 12> kMonthNames{"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};

std::optional<year_month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int y = 0;
  int m = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    if (i < 4) {
      y = y * 10 + (text[i] - '0');
    } else {
      m = m * 10 + (text[i] - '0');
    }
  }
  if (y < 2000 || m < 1 || m > 12) return std::nullopt;
  return year{y} / month{static_cast<unsigned>(m)};
}

int month_index(year_month ym) { return static_cast<int>(ym.year()) * 12 + static_cast<int>(static_cast<unsigned>(ym.month())) - 1; }

}  // namespace

int MonthPeriod::months() const { return month_index(last) - month_index(first) + 1; }

Result<MonthPeriod> parse_month_period(std::string_view from, std::string_view to, year_month latest,
                                       std::string_view from_field, std::string_view to_field) {
  std::vector<FieldError> errors;
  const auto first = parse_month(from);
  const auto last = parse_month(to);
  if (!first) errors.push_back({std::string(from_field), "invalid_month", "Enter the first month as a year and month, like 2026-01"});
  if (!last) errors.push_back({std::string(to_field), "invalid_month", "Enter the last month as a year and month, like 2026-03"});
  if (first && last) {
    const MonthPeriod period{*first, *last};
    if (month_index(*first) > month_index(*last)) {
      errors.push_back({std::string(to_field), "before_first", "The last month must be the same as or after the first month"});
    } else if (period.months() > kMostMonths) {
      errors.push_back({std::string(to_field), "too_long",
                        "The period must be " + std::to_string(kMostMonths) + " months or fewer"});
    }
    if (month_index(*last) > month_index(latest)) {
      errors.push_back({std::string(to_field), "in_future", "The last month must be this month or earlier"});
    }
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The period is not valid");
  return MonthPeriod{*first, *last};
}

MonthPeriod previous_period(const MonthPeriod& period) {
  const auto last = period.first - months{1};
  return months_ending(last, period.months());
}

MonthPeriod months_ending(year_month last, int count) {
  return {last - months{count - 1}, last};
}

std::string month_code(year_month ym) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
  return buffer;
}

std::string month_label(year_month ym) {
  return std::string(kMonthNames[static_cast<unsigned>(ym.month()) - 1]) + " " + std::to_string(static_cast<int>(ym.year()));
}

std::string period_label(const MonthPeriod& p) {
  if (p.first == p.last) return month_label(p.first);
  if (p.first.year() == p.last.year()) {
    return std::string(kMonthNames[static_cast<unsigned>(p.first.month()) - 1]) + " to " + month_label(p.last);
  }
  return month_label(p.first) + " to " + month_label(p.last);
}

}  // namespace vg::insight
