// A partner's inbox: the referrals sent on to its organisation's services (MoJ table, newest
// first, breaches flagged), one referral as the victim agreed to share it, and the answers:
// accept, decline with a reason, complete with an outcome. What the partner may see and do is
// the PartnerInbox use case's answer; a referral it may not see is answered as not found.
#include <algorithm>
#include <string>

#include "domain/casework/onward_referral.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"
#include "http/pages/case_page_parts.h"
#include "http/pages/page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

using pages::FormFields;
using pages::form_value;
using namespace case_pages;

constexpr std::string_view kSection = "Referrals to you";

std::string code_words(const std::string& code) {
  std::string out = code;
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string state_class(casework::OnwardState s) {
  return s == casework::OnwardState::kAccepted ? "govuk-tag--green" : "govuk-tag--yellow";
}

Response inbox(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto& [user, actor] = *person;
  const int page_number = static_cast<int>(whole_number(request.query_param("page").value_or("1")).value_or(1));
  auto found = ctx.casework.inbox.list(actor, page_number);
  if (!found) {
    return found.error().code == "forbidden" ? pages::forbidden_page(ctx, user) : pages::server_error_page(ctx);
  }
  auto page = pages::staff_page("Referrals to your organisation", std::string(kSection), user);
  const auto today = deadlines::london_date(ctx.clock.now());
  mustache::data rows{mustache::data::type::list};
  for (std::size_t i = 0; i < found->items.size(); ++i) {
    const auto& item = found->items[i];
    const auto& r = item.referral;
    mustache::data row;
    row.set("id", r.id);
    row.set("reference", item.reference);
    row.set("service", found->service_names[i]);
    row.set("offence", offence_name(ctx, r.area, item.offence_category));
    row.set("sent", pages::long_date(text::iso_date(deadlines::london_date(r.sent_at))));
    row.set("sent_at", to_rfc3339(r.sent_at));
    row.set("state", std::string(casework::to_label(r.state)));
    row.set("state_class", state_class(r.state));
    if (r.state == casework::OnwardState::kSent) row.set("clock", clock_data(r.respond_by, ctx));
    row.set("breached", casework::onward_breached(r, today));
    rows.push_back(row);
  }
  page.set("referrals", rows);
  page.set("has_referrals", !found->items.empty());
  page.set("linked", found->linked);
  page.set("total", std::to_string(found->total_items));
  page.set("breached_count", std::to_string(found->breached));
  page.set("has_breaches", found->breached > 0);
  const std::int64_t pages_total = std::max<std::int64_t>(1, (found->total_items + 24) / 25);
  const int current = std::max(1, page_number);
  if (current > 1) page.set("previous_href", "/inbox?page=" + std::to_string(current - 1));
  if (current < pages_total) page.set("next_href", "/inbox?page=" + std::to_string(current + 1));
  page.set("page_text", "Page " + std::to_string(current) + " of " + std::to_string(pages_total));
  return pages::page_response(ctx, 200, "partner_inbox", std::move(page));
}

mustache::data choices(const std::vector<casework::CodeLabel>& list, const std::string& chosen, const char* name) {
  mustache::data out{mustache::data::type::list};
  bool first = true;
  for (const auto& c : list) {
    mustache::data o;
    o.set("value", std::string(c.code));
    o.set("label", std::string(c.label));
    o.set("input_id", first ? std::string(name) : std::string(name) + "-" + std::string(c.code));
    o.set("checked", chosen == c.code);
    out.push_back(o);
    first = false;
  }
  return out;
}

Response render_referral(AppContext& ctx, const app::CurrentUser& user, const app::PartnerReferralView& view,
                         int status, const std::vector<FieldError>& errors, const FormFields& form) {
  const auto& r = view.referral;
  auto page = pages::staff_page("Referral " + view.reference, std::string(kSection), user);
  if (!errors.empty()) pages::add_field_errors(page, errors, {{"version", "answers"}, {"change", "answers"}});
  page.set("id", r.id);
  page.set("reference", view.reference);
  page.set("service", view.service_name);
  page.set("version", std::to_string(r.version));
  page.set("state", std::string(casework::to_label(r.state)));
  page.set("state_class", state_class(r.state));
  page.set("sent", pages::long_date(text::iso_date(deadlines::london_date(r.sent_at))));
  if (r.state == casework::OnwardState::kSent) page.set("clock", clock_data(r.respond_by, ctx));
  page.set("breached", casework::onward_breached(r, deadlines::london_date(ctx.clock.now())));

  const auto& v = view.shared;
  mustache::data about{mustache::data::type::list};
  add_row(about, "First name", v.first_name);
  add_row(about, "Full name", v.full_name);
  if (v.date_of_birth) add_row(about, "Date of birth", pages::long_date(text::iso_date(*v.date_of_birth)));
  add_row(about, "Phone", v.phone);
  add_row(about, "Email", v.email);
  add_row(about, "Address", v.address);
  if (!v.language.empty() && v.language != "en") add_row(about, "Language", v.language);
  if (v.interpreter_needed) add_row(about, "Interpreter", "Needed");
  add_row(about, "Type of crime", offence_name(ctx, view.area, v.offence_category));
  std::string needs;
  for (const auto& n : v.needs) needs += (needs.empty() ? "" : ", ") + code_words(n);
  add_row(about, "Needs known so far", needs.empty() ? std::string("None recorded yet") : needs);
  if (v.incident_date) add_row(about, "When", pages::long_date(text::iso_date(*v.incident_date)));
  if (!v.local_authority.empty()) add_row(about, "Where", local_authority_name(v.local_authority));
  add_row(about, "What happened, in their words", v.account);
  page.set("about", about);

  const mustache::data safe = safe_contact_rows(
      v.safe_contact,
      "None recorded: ask the gateway how to contact them safely before you try, leave no voicemail "
      "and do not say who you are");
  page.set("safe_contact", safe);
  page.set("may_answer", r.state == casework::OnwardState::kSent);
  page.set("may_complete", r.state == casework::OnwardState::kAccepted);
  page.set("reasons", choices(casework::decline_reasons(), form_value(form, "reason"), "reason"));
  page.set("outcomes", choices(casework::completion_outcomes(), form_value(form, "outcome"), "outcome"));
  return pages::page_response(ctx, status, "partner_referral", std::move(page));
}

Response show_referral(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto& [user, actor] = *person;
  auto view = ctx.casework.inbox.open(actor, request.path_param("id"));
  if (!view) {
    if (view.error().code == "not_found") return pages::not_found_page(ctx, user);
    if (view.error().code == "forbidden") return pages::forbidden_page(ctx, user);
    return pages::server_error_page(ctx);
  }
  return render_referral(ctx, user, *view, 200, {}, {});
}

// A posted answer: role, CSRF, the version the partner saw, then the use case. 303 back to the
// referral (or the inbox once it has left it); a refusal they can act on is shown on the page.
Response post_answer(Request& request, AppContext& ctx, casework::OnwardChange change) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  const auto& [user, actor] = *person;
  if (!access::role_may(actor.role, access::Action::kAnswerOnwardReferral)) return pages::forbidden_page(ctx, user);
  const FormFields form = parse_form(request.body);
  if (!csrf_valid(request, form, user, ctx)) return pages::forbidden_page(ctx, user);
  const std::string id = request.path_param("id");
  const auto version = whole_number(form_value(form, "version"));
  Result<casework::OnwardReferral> done = fail("validation_failed", "The form is out of date",
                                               {{"version", "required", "Reload the referral and try again"}});
  if (version) done = ctx.casework.inbox.answer(actor, id, *version, {change, form_value(form, "reason"), form_value(form, "outcome")});
  if (done) return redirect(casework::partner_may_see(done->state) ? "/inbox/" + id : std::string("/inbox"));
  const auto& error = done.error();
  if (error.code == "not_found") return pages::not_found_page(ctx, user);
  if (error.code == "forbidden") return pages::forbidden_page(ctx, user);
  if (error.code != "validation_failed" && error.code != "conflict") return pages::server_error_page(ctx);
  auto errors = error.fields;
  if (errors.empty()) errors.push_back({"version", error.code, error.message});
  auto view = ctx.casework.inbox.open(actor, id);
  if (!view) return pages::not_found_page(ctx, user);
  return render_referral(ctx, user, *view, error.code == "conflict" ? 409 : 422, errors, form);
}

Response accept(Request& request, AppContext& ctx) { return post_answer(request, ctx, casework::OnwardChange::kAccept); }
Response decline(Request& request, AppContext& ctx) { return post_answer(request, ctx, casework::OnwardChange::kDecline); }
Response complete(Request& request, AppContext& ctx) { return post_answer(request, ctx, casework::OnwardChange::kComplete); }

}  // namespace

void add_partner_inbox_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  const auto partners = Guard::may(access::Action::kAnswerOnwardReferral);
  router.add("GET", "/inbox", partners, bind(inbox));
  router.add("GET", "/inbox/{id}", partners, bind(show_referral));
  router.add("POST", "/inbox/{id}/acceptance", partners, bind(accept));
  router.add("POST", "/inbox/{id}/decline", partners, bind(decline));
  router.add("POST", "/inbox/{id}/completion", partners, bind(complete));
}

}  // namespace vg::http
