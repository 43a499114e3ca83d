#include "http/cookies.h"

namespace vg::http {
namespace {

std::string attributes(const CookieKind& kind, const SiteSettings& settings) {
  std::string out = "; Path=";
  out += kind.path;
  out += "; HttpOnly; SameSite=";
  out += kind.same_site;
  if (settings.secure_cookies) out += "; Secure";
  return out;
}

}  // namespace

std::string cookie_name(const CookieKind& kind, const SiteSettings& settings) {
  std::string name;
  if (settings.secure_cookies) name = kind.path == "/" ? "__Host-" : "__Secure-";
  name += kind.name;
  return name;
}

std::optional<std::string> read_cookie(const Request& request, const CookieKind& kind,
                                       const SiteSettings& settings) {
  return request.cookie(cookie_name(kind, settings));
}

void set_cookie(Response& response, const CookieKind& kind, std::string_view value,
                const SiteSettings& settings) {
  std::string header = cookie_name(kind, settings);
  header += '=';
  header += value;
  header += attributes(kind, settings);
  response.headers.emplace_back("Set-Cookie", std::move(header));
}

void clear_cookie(Response& response, const CookieKind& kind, const SiteSettings& settings) {
  response.headers.emplace_back(
      "Set-Cookie", cookie_name(kind, settings) + "=" + attributes(kind, settings) + "; Max-Age=0");
}

}  // namespace vg::http
