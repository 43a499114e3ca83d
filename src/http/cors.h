// CORS for the public API: any origin may read /api/*, which needs no cookies or log-in.
// Must never apply to pages: they use session cookies and stay same-origin.
#pragma once

#include <string_view>

#include "http/http_message.h"

namespace vg::http {

bool is_api_path(std::string_view path);

// Access-Control-Allow-Origin: * (for /api/* responses only).
void add_cors_headers(Response& response);

// The answer to an OPTIONS preflight under /api/: 204 with the methods and headers allowed.
Response cors_preflight_response();

}  // namespace vg::http
