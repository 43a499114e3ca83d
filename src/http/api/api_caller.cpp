#include "http/api/api_caller.h"

#include <cctype>
#include <string_view>

#include "http/problem.h"

namespace vg::http::api {

Response unauthorized() {
  auto response = problem_response(401, "Send a valid API key",
                                   "Use the header Authorization: Bearer KEY with a key from "
                                   "`victim-gateway api-keys create`.");
  response.set_header("WWW-Authenticate", "Bearer realm=\"victim-gateway\"");
  return response;
}

std::string bearer_token(const Request& request) {
  auto header = request.header("authorization").value_or("");
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size()) return {};
  std::string scheme = header.substr(0, kScheme.size());
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  return header.substr(kScheme.size());
}

std::expected<intake::ApiKey, Response> api_key_of(const Request& request, AppContext& ctx) {
  auto key = ctx.api_keys.authenticate(bearer_token(request), request.remote_address);
  if (!key) {
    if (key.error().code == "unauthorized") return std::unexpected(unauthorized());
    return std::unexpected(problem_response(key.error()));
  }
  return *key;
}

}  // namespace vg::http::api
