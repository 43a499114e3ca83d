// The partner API for onward referrals: the API side of the partner inbox (/inbox), for specialist
// services whose own case systems integrate. Authenticated by the organisation's API key:
//   GET  /api/v1/onward-referrals              its inbox, paged (HSDS envelope), what /inbox lists
//   GET  /api/v1/onward-referrals/{id}         the shared view only, ETag: "<version>"
//   POST /api/v1/onward-referrals/{id}/answer  accept | decline (reason) | complete (outcome);
//        requires If-Match: none → 428, stale → 412 with the current ETag, match → 200, new ETag.
// Every answer goes through app::PartnerInbox, which decides access: a referral of another
// organisation, or of a case whose consent is not in force, is 404 exactly as one that never was.
#include <boost/json.hpp>

#include <charconv>
#include <expected>
#include <string>

#include "domain/casework/contact_attempt.h"
#include "domain/casework/onward_referral.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"
#include "domain/text/rfc3339.h"
#include "http/api/api_caller.h"
#include "http/api/entity_tag.h"
#include "http/api/partner_answer.h"
#include "http/problem.h"
#include "http/routes.h"

namespace vg::http {
namespace {

namespace json = boost::json;
using casework::OnwardChange;
using casework::OnwardReferral;

// The caller as the access table sees it, or the response to send (401).
std::expected<access::Actor, Response> caller(const Request& request, AppContext& ctx) {
  auto key = api::api_key_of(request, ctx);
  if (!key) return std::unexpected(std::move(key.error()));
  auto actor = ctx.casework.api_actor(*key);
  if (!actor) {
    if (actor.error().code == "unauthorized") return std::unexpected(api::unauthorized());
    return std::unexpected(problem_response(actor.error()));
  }
  return std::move(*actor);
}

Response no_store(Response response) {
  response.set_header("Cache-Control", "no-store");
  return response;
}

// What the partner always sees of a referral: its state and dates, never the victim.
json::object referral_summary(const OnwardReferral& r, const casework::Date& today) {
  json::object o{{"id", r.id},
                 {"service_id", r.service_id},
                 {"state", casework::to_code(r.state)},
                 {"version", r.version},
                 {"sent_at", to_rfc3339(r.sent_at)},
                 {"respond_by", text::iso_date(r.respond_by)},
                 {"breached", casework::onward_breached(r, today)}};
  // Optional fields are left out, never null.
  if (r.answered_at) o["answered_at"] = to_rfc3339(*r.answered_at);
  if (r.completed_at) o["completed_at"] = to_rfc3339(*r.completed_at);
  if (!r.reason.empty()) o["decline_reason"] = r.reason;
  if (!r.outcome.empty()) o["outcome"] = r.outcome;
  return o;
}

json::object shared_object(const casework::SharedView& v) {
  json::object o;
  auto put = [&](const char* name, const std::string& value) {
    if (!value.empty()) o[name] = value;
  };
  put("first_name", v.first_name);
  put("full_name", v.full_name);
  if (v.date_of_birth) o["date_of_birth"] = text::iso_date(*v.date_of_birth);
  put("phone", v.phone);
  put("email", v.email);
  put("address", v.address);
  put("language", v.language);
  if (v.interpreter_needed) o["interpreter_needed"] = true;
  put("offence_category", v.offence_category);
  json::array needs;
  for (const auto& n : v.needs) needs.emplace_back(n);
  o["needs"] = std::move(needs);
  if (v.incident_date) o["incident_date"] = text::iso_date(*v.incident_date);
  put("local_authority", v.local_authority);
  put("account", v.account);
  // Always present: a partner makes no contact without it. Null when none was recorded, so a
  // client cannot mistake "none recorded" for "anything goes".
  if (v.safe_contact) {
    const auto& p = *v.safe_contact;
    json::array channels;
    for (auto c : p.safe_channels) channels.emplace_back(casework::to_code(c));
    json::object safe{{"safe_channels", std::move(channels)},
                      {"voicemail_allowed", p.voicemail_allowed},
                      {"may_say_who_we_are", p.may_say_who_we_are}};
    auto put_safe = [&](const char* name, const std::string& value) {
      if (!value.empty()) safe[name] = value;
    };
    put_safe("safe_phone", p.safe_phone);
    put_safe("safe_email", p.safe_email);
    put_safe("safe_address", p.safe_address);
    put_safe("safe_times", p.safe_times);
    put_safe("code_word", p.code_word);
    o["safe_contact"] = std::move(safe);
  } else {
    o["safe_contact"] = nullptr;
  }
  return o;
}

int page_number(const Request& request) {
  const auto text = request.query_param("page").value_or("1");
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > 100000) return 0;
  return n;
}

Response list_referrals(AppContext& ctx, Request& request) {
  auto actor = caller(request, ctx);
  if (!actor) return std::move(actor.error());
  const int page = page_number(request);
  if (page == 0) {
    return problem_response(validation_failed({{"page", "invalid", "must be a whole number from 1"}},
                                              "The page parameter is not valid")
                                .error(),
                            400);
  }
  auto found = ctx.casework.inbox.list(*actor, page);
  if (!found) return problem_response(found.error());
  const auto today = deadlines::london_date(ctx.clock.now());
  constexpr int kPerPage = 25;  // PartnerInbox's page
  const auto total = found->total_items;
  const std::int64_t pages = (total + kPerPage - 1) / kPerPage;
  json::array contents;
  for (std::size_t i = 0; i < found->items.size(); ++i) {
    const auto& item = found->items[i];
    auto o = referral_summary(item.referral, today);
    o["reference"] = item.reference;
    o["offence_category"] = item.offence_category;
    o["service_name"] = found->service_names[i];
    contents.emplace_back(std::move(o));
  }
  json::object body{{"total_items", total},
                    {"total_pages", pages},
                    {"page_number", page},
                    {"size", static_cast<std::int64_t>(contents.size())},
                    {"first_page", page == 1},
                    {"last_page", page >= pages},
                    {"empty", contents.empty()},
                    {"contents", std::move(contents)}};
  return no_store(json_response(200, json::serialize(body)));
}

Response show_referral(AppContext& ctx, Request& request) {
  auto actor = caller(request, ctx);
  if (!actor) return std::move(actor.error());
  auto view = ctx.casework.inbox.open(*actor, request.path_param("id"));
  if (!view) return problem_response(view.error());
  auto body = referral_summary(view->referral, deadlines::london_date(ctx.clock.now()));
  body["reference"] = view->reference;
  body["service_name"] = view->service_name;
  body["shared"] = shared_object(view->shared);
  const std::string etag = api::version_etag(view->referral.version);
  const auto if_none_match = request.header("if-none-match");
  const auto tags = if_none_match ? api::parse_entity_tags(*if_none_match) : std::nullopt;
  Response response = tags && api::matches_weakly(*tags, etag) ? Response{304, "application/json", {}, {}}
                                                                : json_response(200, json::serialize(body));
  response.set_header("ETag", etag);
  return no_store(std::move(response));
}

Response precondition_failed(std::int64_t current) {
  auto response = problem_response(
      Error{"precondition_failed", "The referral changed since you read it",
            {{"If-Match", "stale", "Read the referral again, check what changed, then answer with its ETag"}}},
      412);
  response.set_header("ETag", api::version_etag(current));
  return no_store(std::move(response));
}

Response answer_referral(AppContext& ctx, Request& request) {
  auto actor = caller(request, ctx);
  if (!actor) return std::move(actor.error());
  const std::string id = request.path_param("id");
  if (!request.header("content-type").value_or("").starts_with("application/json")) {
    return problem_response(415, "Send the answer as JSON", "The Content-Type must be application/json.");
  }
  auto answer = api::read_partner_answer(request.body);
  if (!answer) return std::move(answer.error());
  app::PartnerAnswer& a = *answer;

  // The version the client read: required, so an answer is never made from a copy it never saw.
  const auto if_match = request.header("if-match");
  if (!if_match || if_match->empty()) {
    return no_store(problem_response(
        Error{"precondition_required", "Say which version you are answering",
              {{"If-Match", "required", "Send If-Match with the ETag from GET /api/v1/onward-referrals/{id}"}}},
        428));
  }
  const auto tags = api::parse_entity_tags(*if_match);
  if (!tags) {
    return no_store(problem_response(
        validation_failed({{"If-Match", "malformed", "must be an entity tag such as \"3\", or a list of them"}},
                          "The If-Match header is not valid")
            .error(),
        400));
  }
  // The version to answer: the one named, when it is the current one. Read without the lock;
  // the use case checks it again inside its transaction, so a change in between is still a 412.
  auto current = ctx.casework.inbox.current_version(*actor, id);
  if (!current) return no_store(problem_response(current.error()));
  if (!api::matches_strongly(*tags, api::version_etag(*current))) return precondition_failed(*current);
  auto done = ctx.casework.inbox.answer(*actor, id, *current, a);
  if (!done) {
    const auto& e = done.error();
    if (e.code == "conflict" && !e.fields.empty() && e.fields[0].field == "version") {
      auto now = ctx.casework.inbox.current_version(*actor, id);
      if (!now) return no_store(problem_response(now.error()));
      return precondition_failed(*now);
    }
    if (e.code == "validation_failed") return no_store(problem_response(e, 422));
    return no_store(problem_response(e));
  }
  Response response = json_response(200, json::serialize(referral_summary(*done, deadlines::london_date(ctx.clock.now()))));
  response.set_header("ETag", api::version_etag(done->version));
  return no_store(std::move(response));
}

}  // namespace

void add_onward_referral_api_routes(Router& router, AppContext& ctx) {
  AppContext* c = &ctx;
  router.add("GET", "/api/v1/onward-referrals", Guard::api_key(), [c](Request& r) { return list_referrals(*c, r); });
  router.add("GET", "/api/v1/onward-referrals/{id}", Guard::api_key(),
             [c](Request& r) { return show_referral(*c, r); });
  router.add("POST", "/api/v1/onward-referrals/{id}/answer", Guard::api_key(),
             [c](Request& r) { return answer_referral(*c, r); });
}

}  // namespace vg::http
