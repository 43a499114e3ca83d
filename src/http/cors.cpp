#include "http/cors.h"

namespace vg::http {

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

void add_cors_headers(Response& response) {
  response.set_header("Access-Control-Allow-Origin", "*");
}

Response cors_preflight_response() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  r.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  r.set_header("Access-Control-Allow-Headers",
               "Authorization, Content-Type, Idempotency-Key, If-Match");
  // Browsers may cache the preflight for a day rather than repeat it before every call.
  r.set_header("Access-Control-Max-Age", "86400");
  return r;
}

}  // namespace vg::http
