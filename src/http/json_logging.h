// Process logging as one JSON object per line on stdout (spdlog): {"ts","level","msg",...}.
// Must never write a line that is not valid JSON, whatever a message contains.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "app/clock.h"

namespace vg::http {

// Makes the default spdlog logger print {"ts","level","msg"} with the message JSON-escaped, and
// sets the level ("trace", "debug", "info", "warn", "error", "critical", "off").
void configure_json_logging(std::string_view level);

// Logs a line whose extra fields are already a serialised JSON object (`{"k":v,...}`), merged
// after ts and level. Used by the access log; respects the configured level (info).
void log_json_fields(std::string_view serialized_object);
// Whether log_json_fields would print anything, so callers can skip building the line.
bool json_fields_enabled();

// The line tests and scripts wait for. Printed whatever the log level, then flushed.
void print_listening(const Clock& clock, std::string_view url);

// "2026-11-23T02:26:03.123Z"
std::string rfc3339_millis(std::chrono::system_clock::time_point at);

}  // namespace vg::http
