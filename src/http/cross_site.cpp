#include "http/cross_site.h"

#include <algorithm>
#include <cctype>

namespace vg::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool unsafe_method(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool has_bearer(const Request& request) {
  auto auth = request.header("authorization");
  return auth && auth->size() > 7 && lower(auth->substr(0, 7)) == "bearer ";
}

// "host[:port]" of an origin, for comparing with the Host header.
std::string_view authority_of(std::string_view origin) {
  const auto scheme = origin.find("://");
  return scheme == std::string_view::npos ? std::string_view{} : origin.substr(scheme + 3);
}

// Whether an Origin header names this site: the configured public origin or the request's Host.
bool origin_is_ours(std::string_view origin_header, const Request& request, std::string_view public_origin) {
  const std::string origin = origin_of(origin_header);
  if (origin.empty()) return false;  // "null", or not an origin at all
  if (!public_origin.empty() && origin == public_origin) return true;
  auto host = request.header("host");
  if (!host || host->empty()) return false;
  // TLS may end at a proxy, so the scheme is not compared; a default port may be written in
  // Host (":443") but never in an origin, so both defaults are dropped before comparing.
  const std::string as_http = origin_of("http://" + *host);
  const std::string as_https = origin_of("https://" + *host);
  const auto authority = authority_of(origin);
  return authority == authority_of(as_http) || authority == authority_of(as_https);
}

}  // namespace

std::string origin_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return {};
  const std::string scheme = lower(url.substr(0, scheme_end));
  auto rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (rest.empty()) return {};
  std::string authority = lower(rest);
  const std::string default_port = scheme == "https" ? ":443" : scheme == "http" ? ":80" : "";
  if (!default_port.empty() && authority.size() > default_port.size() &&
      authority.ends_with(default_port)) {
    authority.resize(authority.size() - default_port.size());
  }
  return scheme + "://" + authority;
}

bool is_cross_site_forgery(const Request& request, std::string_view public_origin) {
  if (!unsafe_method(request.method) || has_bearer(request)) return false;
  if (auto site = request.header("sec-fetch-site")) {
    const auto value = lower(*site);
    return value != "same-origin" && value != "none";
  }
  auto origin_header = request.header("origin");
  if (!origin_header) return false;
  return !origin_is_ours(*origin_header, request, public_origin);
}

bool is_same_origin_socket(const Request& request, std::string_view public_origin) {
  auto origin_header = request.header("origin");
  return origin_header && origin_is_ours(*origin_header, request, public_origin);
}

}  // namespace vg::http
