// The access log: one JSON line per request with the route pattern, status and timing.
// Must never record query strings, bodies, cookies, raw paths or client addresses.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vg::http {

struct AccessLogEntry {
  std::string_view request_id;
  std::string_view method;
  std::string_view route;  // the router's pattern, or "unmatched"
  int status = 0;
  double duration_ms = 0;
  std::uint64_t bytes = 0;  // response body bytes as sent
};

// {"msg":"request","request_id":…,"method":…,"route":…,"status":…,"duration_ms":…,"bytes":…}
std::string access_log_fields(const AccessLogEntry& entry);

// Writes the entry through the JSON logger (at info).
void log_access(const AccessLogEntry& entry);

}  // namespace vg::http
