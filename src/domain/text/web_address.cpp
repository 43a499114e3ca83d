#include "domain/text/web_address.h"

#include <cctype>

namespace vg {

bool is_web_address(std::string_view s) {
  auto starts_with_ci = [&s](std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    }
    return true;
  };
  std::size_t host = 0;
  if (starts_with_ci("https://")) {
    host = 8;
  } else if (starts_with_ci("http://")) {
    host = 7;
  } else {
    return false;
  }
  if (host >= s.size() || s[host] == '/' || s[host] == ':' || s[host] == '@') return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || u == 0x7f || c == '<' || c == '>' || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace vg
