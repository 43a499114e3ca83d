#include "domain/chat/opening_hours.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace vg::chat {
namespace {

constexpr std::array<std::string_view, 7> kDays{"sunday",   "monday", "tuesday", "wednesday",
                                                 "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 7> kDayNames{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                     "Thursday", "Friday", "Saturday"};
// Longer lines are not hours: refused before they are read.
constexpr std::size_t kMaxLine = 200;
constexpr std::size_t kMaxLines = 200;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "monday" or its first three letters "mon", in any case: its c_encoding, or -1.
int day_of(std::string_view word) {
  std::string lower;
  for (char c : word) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (int i = 0; i < 7; ++i) {
    if (lower == kDays[i] || (lower.size() == 3 && kDays[i].substr(0, 3) == lower)) return i;
  }
  return -1;
}

// "09:00" (00:00 to 24:00) as minutes after midnight, or -1.
int minutes_of(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return -1;
  for (int i : {0, 1, 3, 4}) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return -1;
  }
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

std::string clock_text(int minutes) {
  char out[24];  // room for any int, though minutes are 0 to 1440
  std::snprintf(out, sizeof out, "%d:%02d", minutes / 60, minutes % 60);
  return out;
}

}  // namespace

Result<OpeningHours> read_opening_hours(std::string_view text) {
  OpeningHours hours;
  std::vector<FieldError> errors;
  std::size_t number = 0;
  while (!text.empty() || number == 0) {
    ++number;
    const auto end = std::min(text.find('\n'), text.size());
    const std::string_view raw = text.substr(0, end);
    text = end < text.size() ? text.substr(end + 1) : std::string_view{};
    const std::string field = "line " + std::to_string(number);
    if (number > kMaxLines) {
      errors.push_back({field, "too_many", "Give at most 200 lines"});
      break;
    }
    if (raw.size() > kMaxLine) {
      errors.push_back({field, "too_long", "A line may be at most 200 characters"});
      continue;
    }
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') {
      if (text.empty()) break;
      continue;
    }
    // "<day>[-<day>] <HH:MM>-<HH:MM>"
    const auto space = line.find_first_of(" \t");
    const std::string_view days = line.substr(0, space);
    const std::string_view times = space == std::string_view::npos ? std::string_view{} : trim(line.substr(space));
    const auto dash = days.find('-');
    const int first = day_of(days.substr(0, dash));
    const int last = dash == std::string_view::npos ? first : day_of(days.substr(dash + 1));
    const auto to = times.find('-');
    const int from = to == std::string_view::npos ? -1 : minutes_of(trim(times.substr(0, to)));
    const int until = to == std::string_view::npos ? -1 : minutes_of(trim(times.substr(to + 1)));
    if (first < 0 || last < 0) {
      errors.push_back({field, "unknown_day", "Start the line with a day, like monday or mon-fri"});
    } else if (from < 0 || until < 0) {
      errors.push_back({field, "invalid", "Give the hours as HH:MM-HH:MM, like 09:00-17:00"});
    } else if (until <= from) {
      errors.push_back({field, "invalid", "The hours must end after they start"});
    } else {
      // mon-fri runs Monday to Friday; fri-mon wraps round the weekend.
      for (int d = first;; d = (d + 1) % 7) {
        hours.spans[d].emplace_back(from, until);
        if (d == last) break;
      }
    }
    if (text.empty()) break;
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The chat opening hours are not valid");
  return hours;
}

bool open_at(const OpeningHours& hours, std::chrono::weekday day, std::chrono::minutes since_midnight) {
  const auto& spans = hours.spans[day.c_encoding() % 7];
  const auto m = since_midnight.count();
  return std::any_of(spans.begin(), spans.end(), [m](const auto& s) { return s.first <= m && m < s.second; });
}

std::vector<std::string> describe(const OpeningHours& hours) {
  std::vector<std::string> out;
  // Monday first, as people read a week.
  for (int i = 1; i <= 7; ++i) {
    const int d = i % 7;
    if (hours.spans[d].empty()) continue;
    std::string line = std::string(kDayNames[d]) + ": ";
    for (std::size_t s = 0; s < hours.spans[d].size(); ++s) {
      if (s > 0) line += ", ";
      line += clock_text(hours.spans[d][s].first) + " to " + clock_text(hours.spans[d][s].second);
    }
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace vg::chat
