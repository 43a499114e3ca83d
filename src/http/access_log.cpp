#include "http/access_log.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

#include "http/json_logging.h"

namespace vg::http {

std::string access_log_fields(const AccessLogEntry& entry) {
  boost::json::object o;
  o["msg"] = "request";
  o["request_id"] = entry.request_id;
  o["method"] = entry.method;
  o["route"] = entry.route;
  o["status"] = entry.status;
  std::string text = boost::json::serialize(o);
  // Boost.JSON writes doubles as 8.8E-2; a fixed three decimals (microseconds) reads better and
  // is still a JSON number. Strings above went through the serialiser, so escaping is intact.
  char tail[96];
  const double ms = std::isfinite(entry.duration_ms) ? std::max(0.0, entry.duration_ms) : 0.0;
  std::snprintf(tail, sizeof tail, ",\"duration_ms\":%.3f,\"bytes\":%llu}", ms,
                static_cast<unsigned long long>(entry.bytes));
  text.pop_back();  // the closing brace
  text += tail;
  return text;
}

void log_access(const AccessLogEntry& entry) {
  if (json_fields_enabled()) log_json_fields(access_log_fields(entry));
}

}  // namespace vg::http
