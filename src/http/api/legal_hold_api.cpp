// Legal holds over the API, for a signed-in person whose role may hold cases (the same use case as
// the page, app::LegalHolds, which decides access):
//   GET  /api/v1/cases/{id}/holds                  the case's holds, oldest first (HSDS envelope)
//   POST /api/v1/cases/{id}/holds                  {"reason": code} → 201, the hold
//   POST /api/v1/cases/{id}/holds/{hold_id}/lift   → 200, the hold as it is now
// A case the caller may not hold is 404 exactly as one that never was. Answers are no-store.
#include <boost/json.hpp>

#include <string>
#include <vector>

#include "domain/protection/legal_hold.h"
#include "domain/text/rfc3339.h"
#include "http/pages/case_page_parts.h"
#include "http/problem.h"
#include "http/routes.h"

namespace vg::http {
namespace {

namespace json = boost::json;

Response no_store(Response response) {
  response.set_header("Cache-Control", "no-store");
  return response;
}

json::object hold_json(const protection::LegalHold& h) {
  json::object o{{"id", h.id},
                 {"case_id", h.case_id},
                 {"reason", protection::to_code(h.reason)},
                 {"in_force", h.in_force()},
                 {"placed_by", h.placed_by},
                 {"placed_at", to_rfc3339(h.placed_at)}};
  // Optional fields are left out, never null.
  if (h.lifted_at) {
    o["lifted_by"] = h.lifted_by;
    o["lifted_at"] = to_rfc3339(*h.lifted_at);
  }
  return o;
}

// The signed-in caller, or the 403 every staff API answers a caller signed out.
std::expected<access::Actor, Response> caller(const Request& request, AppContext& ctx) {
  auto person = case_pages::person_asking(request, ctx);
  if (!person) return std::unexpected(problem_response(403, "Forbidden", "Sign in to hold cases"));
  // The role first, before the body is read: a role that may not hold learns nothing more.
  if (!access::role_may(person->actor.role, access::Action::kHoldCase)) {
    return std::unexpected(problem_response(403, "Forbidden", "Your role does not hold cases"));
  }
  return std::move(person->actor);
}

Response list_holds(Request& request, AppContext& ctx) {
  auto actor = caller(request, ctx);
  if (!actor) return std::move(actor.error());
  auto holds = ctx.holds->holds(*actor, request.path_param("id"));
  if (!holds) return problem_response(holds.error());
  json::array contents;
  for (const auto& h : *holds) contents.push_back(hold_json(h));
  const auto n = static_cast<std::int64_t>(contents.size());
  json::object envelope{{"total_items", n},   {"total_pages", 1},   {"page_number", 1},
                        {"size", n},          {"first_page", true}, {"last_page", true},
                        {"empty", n == 0},    {"contents", std::move(contents)}};
  return no_store(json_response(200, json::serialize(envelope)));
}

Response place_hold(Request& request, AppContext& ctx) {
  auto actor = caller(request, ctx);
  if (!actor) return std::move(actor.error());
  boost::system::error_code ec;
  const auto body = json::parse(request.body, ec);
  const json::object* object = !ec && body.is_object() ? &body.as_object() : nullptr;
  if (!object) {
    return problem_response(Error{"validation_failed", "Send a JSON object",
                                  {{"body", "invalid", "The body must be a JSON object"}}},
                            400);
  }
  std::string reason;
  if (const auto* r = object->if_contains("reason"); r && r->is_string()) reason = std::string(r->as_string());
  auto hold = ctx.holds->place(*actor, request.path_param("id"), reason);
  if (!hold) return problem_response(hold.error(), hold.error().code == "validation_failed" ? 422 : 0);
  auto response = json_response(201, json::serialize(hold_json(*hold)));
  response.set_header("Location", "/api/v1/cases/" + hold->case_id + "/holds");
  return no_store(std::move(response));
}

Response lift_hold(Request& request, AppContext& ctx) {
  auto actor = caller(request, ctx);
  if (!actor) return std::move(actor.error());
  const std::string case_id = request.path_param("id");
  const std::string hold_id = request.path_param("hold_id");
  auto lifted = ctx.holds->lift(*actor, case_id, hold_id);
  if (!lifted) return problem_response(lifted.error());
  auto holds = ctx.holds->holds(*actor, case_id);
  if (!holds) return problem_response(holds.error());
  for (const auto& h : *holds) {
    if (h.id == hold_id) return no_store(json_response(200, json::serialize(hold_json(h))));
  }
  return problem_response(Error{"not_found", "The case has no such hold", {}});
}

}  // namespace

void add_legal_hold_api_routes(Router& router, AppContext& ctx) {
  const auto holders = Guard::may(access::Action::kHoldCase);
  router.add("GET", "/api/v1/cases/{id}/holds", holders, with_context(ctx, list_holds));
  router.add("POST", "/api/v1/cases/{id}/holds", holders, with_context(ctx, place_hold));
  router.add("POST", "/api/v1/cases/{id}/holds/{hold_id}/lift", holders, with_context(ctx, lift_hold));
}

}  // namespace vg::http
