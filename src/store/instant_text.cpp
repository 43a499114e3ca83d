#include "store/instant_text.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace vg::store {

using namespace std::chrono;

std::string format_instant(accounts::Instant at) {
  const auto ns = duration_cast<nanoseconds>(at.time_since_epoch());
  auto days = floor<std::chrono::days>(ns);
  auto rest = ns - days;
  const year_month_day ymd{sys_days{days}};
  const hh_mm_ss<nanoseconds> hms{rest};
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%09lldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<long long>(hms.subseconds().count()));
  return buffer;
}

namespace {

bool read_digits(std::string_view text, std::size_t at, std::size_t count, long long& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<accounts::Instant> parse_instant(std::string_view text) {
  // 0123456789012345678901234567890
  // 2026-11-23T09:00:00.000000000Z
  if (text.size() != 30 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != '.' || text[29] != 'Z') {
    return std::nullopt;
  }
  long long y, mo, d, h, mi, s, frac;
  if (!read_digits(text, 0, 4, y) || !read_digits(text, 5, 2, mo) || !read_digits(text, 8, 2, d) ||
      !read_digits(text, 11, 2, h) || !read_digits(text, 14, 2, mi) ||
      !read_digits(text, 17, 2, s) || !read_digits(text, 20, 9, frac)) {
    return std::nullopt;
  }
  const year_month_day ymd{year{static_cast<int>(y)}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  const auto since_epoch = sys_days{ymd}.time_since_epoch() + hours{h} + minutes{mi} +
                           seconds{s} + nanoseconds{frac};
  return accounts::Instant{duration_cast<accounts::Instant::duration>(since_epoch)};
}

}  // namespace vg::store
