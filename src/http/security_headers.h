// Security headers every response carries: a strict CSP with no inline script, HSTS, nosniff,
// no framing, no referrer. Must never weaken a header a handler has already made stricter.
#pragma once

#include <string_view>

#include "http/http_message.h"

namespace vg::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'";

// Adds each header unless the response already has it.
void add_security_headers(Response& response);

}  // namespace vg::http
