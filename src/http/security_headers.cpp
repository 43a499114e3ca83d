#include "http/security_headers.h"

#include <string>
#include <utility>

namespace vg::http {
namespace {

constexpr std::pair<std::string_view, std::string_view> kHeaders[] = {
    {"Content-Security-Policy", kContentSecurityPolicy},
    {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
    {"X-Content-Type-Options", "nosniff"},
    // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own
    // forms, and an old browser without Sec-Fetch-Site could not be told from a forgery. Other
    // sites still get no Referer.
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
};

}  // namespace

void add_security_headers(Response& response) {
  for (const auto& [name, value] : kHeaders) {
    if (!response.header(name)) response.headers.emplace_back(name, value);
  }
}

}  // namespace vg::http
