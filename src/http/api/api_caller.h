// Who calls an API route that wants a key: the organisation's API key from
// `Authorization: Bearer KEY`, or the 401 problem to answer instead. Decides nothing about what
// the key may reach (the use cases ask the access table); never logs or echoes the secret.
#pragma once

#include <expected>
#include <string>

#include "domain/intake/referral_records.h"
#include "http/app_context.h"
#include "http/http_message.h"

namespace vg::http::api {

// 401 problem+json with WWW-Authenticate: Bearer.
Response unauthorized();
// The secret after "Bearer " (scheme case-insensitive); empty when there is none.
std::string bearer_token(const Request& request);
// The key the request presents, or the response to send: 401 for a missing, unknown or revoked
// key; another problem when the keys cannot be read.
std::expected<intake::ApiKey, Response> api_key_of(const Request& request, AppContext& ctx);

}  // namespace vg::http::api
