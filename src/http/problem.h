// RFC 9457 problem+json: how every API error leaves the server. Maps Error codes to statuses.
// Never echoes request bodies or personal data back in `detail`.
#pragma once

#include <string>

#include "domain/result.h"
#include "http/http_message.h"

namespace vg::http {

// validation_failed → 400 (422 for bodies when asked), not_found → 404, conflict → 409,
// unauthorized → 401, forbidden → 403, precondition_failed → 412, precondition_required → 428,
// locked → 423, too_many_requests → 429,
// unavailable → 503, anything else → 500.
int status_for(const Error& error);

// {"type","title","status","detail","errors":[{"field","code","message"}]}
Response problem_response(const Error& error, int status = 0);
Response problem_response(int status, std::string title, std::string detail = {});

}  // namespace vg::http
