// POST /api/v1/referrals: police and partner case systems send referrals, authenticated by an
// organisation's API key (Authorization: Bearer KEY). 201 only once the record is durable, and
// the same 201 again for an Idempotency-Key replay; 200 with the sender's own earlier referral
// for a duplicate; 422 listing every field error; 401 for a missing, unknown or revoked key.
#include <boost/json.hpp>

#include <string>

#include "app/intake/referral_intake.h"
#include "app/security/random_token.h"
#include "domain/text/rfc3339.h"
#include "http/api/api_caller.h"
#include "http/api/entity_tag.h"
#include "http/problem.h"
#include "http/routes.h"

namespace vg::http {
namespace {

using api::api_key_of;

constexpr std::size_t kMaxIdempotencyKey = 200;

bool printable(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

// The referral as its sender is shown it. The stored decision is spliced in as it was written,
// not parsed and written again: it runs to a few kilobytes, and it is the same text the create
// answered with, so a replay's answer is the create's, byte for byte.
std::string referral_answer(const intake::StoredReferral& referral, app::IntakeOutcome::Kind kind) {
  const bool duplicate = kind == app::IntakeOutcome::Kind::kDuplicate;
  boost::json::object head;
  head["id"] = referral.id;
  head["reference"] = referral.reference;
  head["status"] = duplicate ? "duplicate" : "created";
  if (duplicate) head["duplicate_of"] = "crime_reference";
  head["received_at"] = to_rfc3339(referral.received_at);
  std::string body = boost::json::serialize(head);
  body.pop_back();  // the closing brace: the decision goes last
  body.reserve(body.size() + referral.assessment.size() + 16);
  body.append(R"(,"assessment":)").append(referral.assessment).push_back('}');
  return body;
}

Response answer_response(Result<app::IntakeOutcome> outcome) {
  if (!outcome) {
    const auto& e = outcome.error();
    if (e.code == "validation_failed") return problem_response(e, 422);
    return problem_response(e);
  }
  const int status = outcome->kind == app::IntakeOutcome::Kind::kDuplicate ? 200 : 201;
  Response response = json_response(status, referral_answer(outcome->referral, outcome->kind));
  response.set_header("Cache-Control", "no-store");
  return response;
}

// Asynchronous: the referral is checked, assessed and routed on the connection's thread, then
// waits for the next group commit without holding that thread, which serves other connections
// meanwhile.
void create_referral(AppContext& ctx, Request& request, const Reply& reply) {
  auto key = api_key_of(request, ctx);
  if (!key) return reply(std::move(key.error()));
  const auto content_type = request.header("content-type").value_or("");
  if (!content_type.starts_with("application/json")) {
    return reply(problem_response(415, "Send the referral as JSON",
                                  "The Content-Type must be application/json."));
  }
  const std::string idempotency_key = request.header("idempotency-key").value_or("");
  if (idempotency_key.size() > kMaxIdempotencyKey || !printable(idempotency_key)) {
    return reply(problem_response(
        validation_failed({{"Idempotency-Key", "malformed",
                            "must be up to 200 printable characters without spaces"}},
                          "The Idempotency-Key header is not valid")
            .error(),
        400));
  }
  ctx.intake.submit_async(request.body, key->organisation_id, idempotency_key,
                          "api-key:" + key->id,
                          [reply](Result<app::IntakeOutcome> outcome) {
                            reply(answer_response(std::move(outcome)));
                          });
}

// GET /api/v1/referrals/{id}: how far the caller's own referral has come. 404 for any other.
// A force's case system polls this: the ETag is a digest of the answer itself (its progress moves
// with timeline events that leave the case's version alone, such as a partner accepting), so a
// poll with If-None-Match answers 304 without a body until something it would show has changed.
Response referral_status(AppContext& ctx, Request& request) {
  auto key = api_key_of(request, ctx);
  if (!key) return std::move(key.error());
  auto answer = ctx.casework.statuses.for_sender(key->organisation_id, "api-key:" + key->id,
                                                 request.path_param("id"));
  if (!answer) return problem_response(answer.error());
  const auto& p = answer->progress;
  boost::json::object body{{"id", answer->id},
                    {"reference", answer->reference},
                    {"status", p.stage},
                    {"received_at", to_rfc3339(p.received_at)}};
  auto put = [&](const char* name, const std::optional<std::chrono::system_clock::time_point>& at) {
    if (at) body[name] = to_rfc3339(*at);  // optional fields are left out, never null
  };
  put("contacted_at", p.contacted_at);
  put("supported_at", p.supported_at);
  put("closed_at", p.closed_at);
  std::string text = boost::json::serialize(body);
  std::string etag(1, '"');
  etag.append(app::sha256_hex(text), 0, 32).push_back('"');
  const auto if_none_match = request.header("if-none-match");
  const auto tags = if_none_match ? api::parse_entity_tags(*if_none_match) : std::nullopt;
  Response response = tags && api::matches_weakly(*tags, etag) ? Response{304, "application/json", {}, {}}
                                                                : json_response(200, std::move(text));
  response.set_header("ETag", etag);
  // Kept out of shared caches as before: the client keeps the ETag itself to poll with.
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void add_referral_api_routes(Router& router, AppContext& ctx) {
  AppContext* c = &ctx;
  router.add_async("POST", "/api/v1/referrals", Guard::api_key(),
                   [c](Request& r, Reply reply) { create_referral(*c, r, reply); });
  router.add("GET", "/api/v1/referrals/{id}", Guard::api_key(),
             [c](Request& r) { return referral_status(*c, r); });
}

}  // namespace vg::http
