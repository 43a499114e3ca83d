// Legal holds on a case (/cases/{id}/holds): the holds in force and lifted, a form to place one
// with its reason, and a button to lift each. Handlers parse, call app::LegalHolds (which decides
// who may, from the access table's hold_case) and render; a case the person may not hold is "not
// found". Works without JavaScript; a refused form shows the GOV.UK error summary, storing nothing.
#include <string>
#include <vector>

#include "app/accounts/actor.h"
#include "domain/deadlines/working_days.h"
#include "domain/protection/legal_hold.h"
#include "domain/text/iso_date.h"
#include "http/pages/case_page_parts.h"
#include "http/pages/page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

using namespace case_pages;
using pages::form_value;
using pages::FormFields;

std::string day_of(accounts::Instant at) {
  return pages::long_date(text::iso_date(deadlines::london_date(at)));
}

Response render_holds(AppContext& ctx, const Person& person, const app::CaseHolds& view, int status,
                      const std::vector<FieldError>& errors, const FormFields& form) {
  const auto& c = view.record;
  auto page = pages::staff_page("Legal holds – " + c.reference, "Cases", person.user);
  if (!errors.empty()) pages::add_field_errors(page, errors, {{"reason", "reason"}});
  set_case_navigation(page, c.id, "");
  page.set("id", c.id);
  page.set("reference", c.reference);
  std::vector<std::string> people;
  for (const auto& h : view.holds) {
    people.push_back(h.placed_by);
    people.push_back(h.lifted_by);
  }
  const auto names = names_of(ctx, people);
  mustache::data rows{mustache::data::type::list};
  bool in_force = false;
  for (const auto& h : view.holds) {
    mustache::data row;
    row.set("hold_id", h.id);
    row.set("reason", std::string(protection::to_label(h.reason)));
    row.set("placed", day_of(h.placed_at) + " by " + names.at(h.placed_by));
    row.set("in_force", h.in_force());
    if (h.lifted_at) row.set("lifted", day_of(*h.lifted_at) + " by " + names.at(h.lifted_by));
    in_force = in_force || h.in_force();
    rows.push_back(row);
  }
  page.set("holds", rows);
  page.set("has_holds", !view.holds.empty());
  page.set("in_force", in_force);
  mustache::data reasons{mustache::data::type::list};
  bool first = true;
  for (auto r : {protection::HoldReason::kProsecution, protection::HoldReason::kComplaint,
                 protection::HoldReason::kSubjectAccessRequest}) {
    mustache::data o;
    // The first radio carries the field's id, so the error summary's link lands on it.
    o.set("input_id", first ? std::string("reason") : "reason-" + std::string(protection::to_code(r)));
    o.set("value", std::string(protection::to_code(r)));
    o.set("label", std::string(protection::to_label(r)));
    o.set("checked", form_value(form, "reason") == protection::to_code(r));
    reasons.push_back(o);
    first = false;
  }
  page.set("reasons", reasons);
  return pages::page_response(ctx, status, "case_holds", std::move(page));
}

Response show_holds(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto view = ctx.holds->case_holds(person->actor, request.path_param("id"));
  if (!view) return read_refused(ctx, person->user, view.error());
  return render_holds(ctx, *person, *view, 200, {}, {});
}

// The person, once their role and the CSRF token of the posted form holds; otherwise the response to send.
std::expected<Person, Response> poster(Request& request, AppContext& ctx, const FormFields& form) {
  auto person = person_asking(request, ctx);
  if (!person) return person;
  if (!access::role_may(person->actor.role, access::Action::kHoldCase)) {
    return std::unexpected(pages::forbidden_page(ctx, person->user));
  }
  if (!csrf_valid(request, form, person->user, ctx)) return std::unexpected(pages::forbidden_page(ctx, person->user));
  return person;
}

Response post_place(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  auto person = poster(request, ctx, form);
  if (!person) return std::move(person.error());
  const std::string id = request.path_param("id");
  auto placed = ctx.holds->place(person->actor, id, form_value(form, "reason"));
  if (!placed) {
    if (placed.error().code != "validation_failed") return read_refused(ctx, person->user, placed.error());
    auto view = ctx.holds->case_holds(person->actor, id);
    if (!view) return read_refused(ctx, person->user, view.error());
    return render_holds(ctx, *person, *view, 422, placed.error().fields, form);
  }
  return redirect("/cases/" + id + "/holds");
}

Response post_lift(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  auto person = poster(request, ctx, form);
  if (!person) return std::move(person.error());
  const std::string id = request.path_param("id");
  auto lifted = ctx.holds->lift(person->actor, id, request.path_param("hold_id"));
  if (!lifted) return read_refused(ctx, person->user, lifted.error());
  return redirect("/cases/" + id + "/holds");
}

}  // namespace

void add_legal_hold_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  const auto holders = Guard::may(access::Action::kHoldCase);
  router.add("GET", "/cases/{id}/holds", holders, bind(show_holds));
  router.add("POST", "/cases/{id}/holds", holders, bind(post_place));
  router.add("POST", "/cases/{id}/holds/{hold_id}/lift", holders, bind(post_lift));
}

}  // namespace vg::http
