#include "http/request_id.h"

#include "app/security/random_token.h"

namespace vg::http {

bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string new_request_id() { return app::random_hex(16); }

std::string request_id_for(std::string_view incoming) {
  return acceptable_request_id(incoming) ? std::string(incoming) : new_request_id();
}

}  // namespace vg::http
