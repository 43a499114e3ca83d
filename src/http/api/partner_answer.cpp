#include "http/api/partner_answer.h"

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "http/problem.h"

namespace vg::http::api {

std::expected<app::PartnerAnswer, Response> read_partner_answer(std::string_view body) {
  namespace json = boost::json;
  using casework::OnwardChange;
  boost::system::error_code ec;
  auto parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) {
    return std::unexpected(problem_response(
        validation_failed({{"", "malformed", "must be a JSON object"}}, "The body is not a JSON object")
            .error(),
        400));
  }
  const auto& o = parsed.as_object();
  auto text = [&](const char* name) -> std::string {
    const auto* v = o.if_contains(name);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  std::vector<FieldError> errors;
  for (const auto& member : o) {
    const std::string name(member.key());
    if (name != "answer" && name != "reason" && name != "outcome") {
      errors.push_back({name, "unknown", "is not a field of an answer"});
    } else if (!member.value().is_string()) {
      errors.push_back({name, "invalid", "must be a string"});
    }
  }
  const std::string answer = text("answer");
  app::PartnerAnswer a;
  if (answer == "accept") a.change = OnwardChange::kAccept;
  else if (answer == "decline") a.change = OnwardChange::kDecline;
  else if (answer == "complete") a.change = OnwardChange::kComplete;
  else if (errors.empty()) errors.push_back({"answer", answer.empty() ? "required" : "invalid", "must be accept, decline or complete"});
  if (!errors.empty()) {
    Response refused = problem_response(validation_failed(std::move(errors)).error(), 422);
    refused.set_header("Cache-Control", "no-store");
    return std::unexpected(std::move(refused));
  }
  a.reason = text("reason");
  a.outcome = text("outcome");
  return a;
}

}  // namespace vg::http::api
