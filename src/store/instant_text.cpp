#include "store/instant_text.h"

#include <chrono>
#include <cstdio>

#include "domain/text/rfc3339.h"

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

std::optional<accounts::Instant> parse_instant(std::string_view text) {
  // Exactly format_instant's width and shape: 2026-11-23T09:00:00.000000000Z.
  if (text.size() != 30 || text[10] != 'T' || text[19] != '.' || text[29] != 'Z') return std::nullopt;
  return from_rfc3339(text);
}

}  // namespace vg::store
