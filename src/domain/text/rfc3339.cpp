#include "domain/text/rfc3339.h"

#include <fmt/chrono.h>

namespace vg {

std::string to_rfc3339(std::chrono::system_clock::time_point at) {
  return fmt::format("{:%FT%TZ}", std::chrono::floor<std::chrono::seconds>(at));
}

namespace {

bool digits(std::string_view text, std::size_t at, std::size_t count, long long& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> from_rfc3339(std::string_view text) {
  using namespace std::chrono;
  // 0123456789012345678
  // 2026-11-23T02:26:03[.fff…]Z
  long long y, mo, d, h, mi, s;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') ||
      text[13] != ':' || text[16] != ':' || (text.back() != 'Z' && text.back() != 'z') ||
      !digits(text, 0, 4, y) || !digits(text, 5, 2, mo) || !digits(text, 8, 2, d) ||
      !digits(text, 11, 2, h) || !digits(text, 14, 2, mi) || !digits(text, 17, 2, s) ||
      !instant_year_in_range(y)) {
    return std::nullopt;
  }
  nanoseconds fraction{0};
  const auto rest = text.substr(19, text.size() - 20);
  if (!rest.empty()) {
    long long value = 0;
    if (rest[0] != '.' || rest.size() < 2 || rest.size() > 10 || !digits(rest, 1, rest.size() - 1, value)) {
      return std::nullopt;
    }
    for (auto n = rest.size() - 1; n < 9; ++n) value *= 10;
    fraction = nanoseconds{value};
  }
  const year_month_day ymd{year{static_cast<int>(y)}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  const auto since_epoch = sys_days{ymd}.time_since_epoch() + hours{h} + minutes{mi} + seconds{s} + fraction;
  return system_clock::time_point{duration_cast<system_clock::duration>(since_epoch)};
}

}  // namespace vg
