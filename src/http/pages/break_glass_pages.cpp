// Break glass (app::BreakGlass): GET of any case section of another team's case answers with this
// page instead of the section; POST /cases/{id}/break-glass records the reason and goes back to
// the section. Handlers parse, call one use case and render. Works without JavaScript.
#include "http/pages/break_glass_pages.h"

#include <string>
#include <vector>

#include "app/casework/case_read_right.h"
#include "domain/casework/break_glass.h"
#include "http/pages/page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace case_pages {
namespace {

using pages::form_value;
using pages::FormFields;

// Where to go back to after the reason: one of the case's own pages, never anywhere else.
std::string return_path(const std::string& case_id, const std::string& asked) {
  const std::string base = "/cases/" + case_id;
  if (asked == base) return asked;
  if (asked.size() > base.size() + 1 && asked.starts_with(base + "/")) {
    const std::string rest = asked.substr(base.size() + 1);
    const bool plain = rest.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string::npos;
    if (plain && rest != "break-glass") return asked;
  }
  return base;
}

Response render(AppContext& ctx, const Person& person, const app::BreakGlassAsk& ask, const std::string& return_to,
                int status, const std::vector<FieldError>& errors, const FormFields& form) {
  auto page = pages::staff_page("This case is held by another team – " + ask.reference, "Cases", person.user);
  if (!errors.empty()) pages::add_field_errors(page, errors, {{"reason", "reason"}});
  page.set("id", ask.case_id);
  page.set("reference", ask.reference);
  page.set("return_to", return_to);
  page.set("hours", std::to_string(ctx.casework.break_glass.lasting().count() / 60));
  const std::string chosen = form_value(form, "reason");
  mustache::data reasons{mustache::data::type::list};
  bool first = true;
  for (const auto reason : casework::kBreakGlassReasons) {
    mustache::data item;
    const std::string code(casework::to_code(reason));
    // The first radio carries the field's id, so the error summary's link lands on it.
    item.set("input_id", first ? std::string("reason") : "reason-" + code);
    item.set("value", code);
    item.set("label", std::string(casework::break_glass_reason_label(reason)));
    item.set("checked", chosen == code);
    reasons.push_back(item);
    first = false;
  }
  page.set("reasons", reasons);
  page.set("note", form_value(form, "note"));
  return pages::page_response(ctx, status, "case_break_glass", std::move(page));
}

Response record_reason(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  const auto& [user, actor] = *person;
  if (!access::role_may(actor.role, access::Action::kReadReferral)) return pages::forbidden_page(ctx, user);
  const FormFields form = parse_form(request.body);
  if (!csrf_valid(request, form, user, ctx)) return pages::forbidden_page(ctx, user);
  const std::string id = request.path_param("id");
  // Only a case the person reaches by break glass alone has this page; any other is not found.
  auto ask = ctx.casework.break_glass.ask(actor, id);
  if (!ask) {
    if (ask.error().code == "not_found") return pages::not_found_page(ctx, user);
    if (ask.error().code == "forbidden") return pages::forbidden_page(ctx, user);
    return pages::server_error_page(ctx);
  }
  const std::string return_to = return_path(id, form_value(form, "return_to"));
  auto done = ctx.casework.break_glass.record(actor, id, form_value(form, "reason"), form_value(form, "note"));
  if (done) {
    // Reading beyond one's own team is a privilege gained mid-session: the session id changes
    // (session fixation). The grant is the user's, so a failure here loses nothing of it.
    Response response = redirect(return_to);
    app::CurrentUser current = user;
    if (auto rotated = ctx.accounts.rotate_session(current, "break_glass")) {
      set_session_cookie(response, *rotated, ctx.settings);
    } else if (rotated.error().code != "not_found") {
      return pages::server_error_page(ctx);
    }
    return response;
  }
  if (done.error().code == "validation_failed") return render(ctx, *person, *ask, return_to, 422, done.error().fields, form);
  if (done.error().code == "not_found") return pages::not_found_page(ctx, user);
  if (done.error().code == "forbidden") return pages::forbidden_page(ctx, user);
  return pages::server_error_page(ctx);
}

}  // namespace

Response case_read_refused(const Request& request, AppContext& ctx, const Person& person, const Error& error) {
  if (error.code == app::kReasonRequired) {
    const std::string id = request.path_param("id");
    auto ask = ctx.casework.break_glass.ask(person.actor, id);
    if (ask) return render(ctx, person, *ask, return_path(id, request.path), 200, {}, {});
    if (ask.error().code != "not_found") return pages::server_error_page(ctx);
    return pages::not_found_page(ctx, person.user);
  }
  if (error.code == "not_found") return pages::not_found_page(ctx, person.user);
  if (error.code == "forbidden") return pages::forbidden_page(ctx, person.user);
  return pages::server_error_page(ctx);
}

}  // namespace case_pages

void add_break_glass_pages(Router& router, AppContext& ctx) {
  router.add("POST", "/cases/{id}/break-glass", Guard::may(access::Action::kReadReferral),
             with_context(ctx, case_pages::record_reason));
}

}  // namespace vg::http
