// The case's onward referrals section: each referral with its state and respond-by clock, and the
// "Refer to a service" form (a service of the case's area, and what of the victim it may see).
// Handlers parse, call one casework use case and render; whether anything may be shared is the
// use case's answer (casework::may_share), never this page's.
#include <algorithm>
#include <string>

#include "domain/casework/case_consent.h"
#include "domain/casework/onward_referral.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"
#include "http/pages/break_glass_pages.h"
#include "http/pages/case_page_parts.h"
#include "http/pages/page_data.h"
#include "http/routes.h"

namespace vg::http {
namespace {

using pages::FormFields;
using pages::form_value;
using namespace case_pages;

Response render_section(AppContext& ctx, const app::CurrentUser& user, const app::OnwardSection& section,
                        int status, const std::vector<FieldError>& errors, const FormFields& form) {
  const auto& c = section.record;
  auto page = pages::staff_page("Onward referrals – Case " + c.reference, "Cases", user);
  set_case_navigation(page, c.id, "/cases/" + c.id + "/onward-referrals");
  page.set("id", c.id);
  page.set("reference", c.reference);
  page.set("case_version", std::to_string(c.version));
  const bool may_share = casework::may_share(c.consent_state);
  page.set("may_share", may_share);
  page.set("consent", std::string(casework::consent_state_label(c.consent_state)));
  page.set("may_work", section.may_work);
  const bool may_send = section.may_work && may_share && c.status != casework::CaseStatus::kClosed;
  page.set("may_send", may_send);
  // With no form to show (consent not in force), the summary links to the warning that says why.
  if (!errors.empty()) {
    pages::add_field_errors(page, errors,
                            {{"shared_fields", "shared_fields-first"},
                             {"service_id", may_send ? "service_id" : "consent-warning"},
                             {"version", may_send ? "service_id" : "onward-referrals"}});
  }

  const auto today = deadlines::london_date(ctx.clock.now());
  mustache::data rows{mustache::data::type::list};
  for (std::size_t i = 0; i < section.referrals.size(); ++i) {
    const auto& r = section.referrals[i];
    mustache::data row;
    row.set("onward_id", r.id);
    row.set("service", section.service_names[i]);
    row.set("sent", pages::long_date(text::iso_date(deadlines::london_date(r.sent_at))));
    row.set("state", std::string(casework::to_label(r.state)));
    row.set("state_class", r.state == casework::OnwardState::kAccepted    ? "govuk-tag--green"
                           : r.state == casework::OnwardState::kCompleted ? "govuk-tag--blue"
                           : r.state == casework::OnwardState::kDeclined  ? "govuk-tag--red"
                           : r.state == casework::OnwardState::kWithdrawn ? "govuk-tag--grey"
                                                                          : "govuk-tag--yellow");
    if (r.state == casework::OnwardState::kSent) row.set("clock", clock_data(r.respond_by, ctx));
    row.set("breached", casework::onward_breached(r, today));
    if (!r.reason.empty()) row.set("detail", std::string(casework::decline_reason_label(r.reason)));
    if (!r.outcome.empty()) row.set("detail", std::string(casework::completion_outcome_label(r.outcome)));
    row.set("may_withdraw", section.may_work && (r.state == casework::OnwardState::kSent ||
                                                 r.state == casework::OnwardState::kAccepted));
    rows.push_back(row);
  }
  page.set("referrals", rows);
  page.set("has_referrals", !section.referrals.empty());

  if (section.may_work) {
    mustache::data services{mustache::data::type::list};
    auto found = ctx.casework.onward.services(c.area);
    if (found) {
      for (const auto& s : *found) {
        mustache::data o;
        o.set("value", s.id);
        o.set("label", s.name);
        o.set("selected", s.id == form_value(form, "service_id"));
        services.push_back(o);
      }
    }
    page.set("services", services);
    mustache::data always{mustache::data::type::list};
    for (const auto& f : casework::always_shared_fields()) {
      mustache::data item;
      item.set("label", std::string(f.label));
      always.push_back(item);
    }
    page.set("always_shared", always);
    const auto chosen = pages::form_values(form, "shared_fields");
    mustache::data optional{mustache::data::type::list};
    bool first = true;
    for (const auto& f : casework::optional_shared_fields()) {
      // Their own words only with consent to share with any service: not even offered otherwise.
      if (f.code == "account" && section.consent_scope != "all_support") continue;
      mustache::data item;
      item.set("value", std::string(f.code));
      item.set("label", std::string(f.label));
      item.set("input_id", first ? std::string("shared_fields-first") : "shared_fields-" + std::string(f.code));
      item.set("checked", std::find(chosen.begin(), chosen.end(), f.code) != chosen.end());
      optional.push_back(item);
      first = false;
    }
    page.set("optional_shared", optional);
  }
  return pages::page_response(ctx, status, "case_onward_referrals", std::move(page));
}

Response show_section(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto& [user, actor] = *person;
  auto section = ctx.casework.onward.open(actor, request.path_param("id"));
  if (!section) return case_read_refused(request, ctx, *person, section.error());
  return render_section(ctx, user, *section, 200, {}, {});
}

RefusalPage section_refusal(AppContext& ctx, const std::string& case_id) {
  return [&ctx, case_id](const Person& person, const std::vector<FieldError>& errors, int status,
                         const FormFields& form) {
    auto section = ctx.casework.onward.open(person.actor, case_id);
    if (!section) return pages::not_found_page(ctx, person.user);
    return render_section(ctx, person.user, *section, status, errors, form);
  };
}

Response send(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version, const FormFields& form) {
        app::OnwardSend send{form_value(form, "service_id"), pages::form_values(form, "shared_fields")};
        return ctx.casework.onward.send(actor, case_id, version, send);
      },
      section_refusal(ctx, id), "/cases/" + id + "/onward-referrals");
}

Response withdraw(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  const std::string onward_id = request.path_param("onward_id");
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version, const FormFields&) {
        return ctx.casework.onward.withdraw(actor, case_id, version, onward_id);
      },
      section_refusal(ctx, id), "/cases/" + id + "/onward-referrals");
}

}  // namespace

void add_onward_referral_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  router.add("GET", "/cases/{id}/onward-referrals", Guard::may(access::Action::kReadReferral), bind(show_section));
  router.add("POST", "/cases/{id}/onward-referrals", Guard::may(access::Action::kWorkCase), bind(send));
  router.add("POST", "/cases/{id}/onward-referrals/{onward_id}/withdrawal", Guard::may(access::Action::kWorkCase),
             bind(withdraw));
}

}  // namespace vg::http
