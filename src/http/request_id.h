// Request ids: accept a caller's X-Request-Id only when it is short and plain, else make one.
// Must never let an incoming id carry anything into logs that could break a JSON line or a header.
#pragma once

#include <string>
#include <string_view>

namespace vg::http {

inline constexpr std::string_view kRequestIdHeader = "X-Request-Id";

// 1–64 characters of [A-Za-z0-9-_].
bool acceptable_request_id(std::string_view id);

// 128 random bits as 32 lower-case hex characters.
std::string new_request_id();

// The incoming id when acceptable, otherwise a new one.
std::string request_id_for(std::string_view incoming);

}  // namespace vg::http
