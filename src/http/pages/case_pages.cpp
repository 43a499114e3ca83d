// Casework pages: the team's queue (MoJ filter a list), one case (summary, clocks, allocation,
// contact attempts, consent, timeline) and the forms that change it. Handlers parse, call one
// casework use case and render; what a person may see and do is the use case's answer. Every
// change carries the version the person saw, so a second edit made meanwhile is shown, not lost.
#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <string>

#include "app/deadlines/bank_holiday_calendar.h"
#include "app/directory/local_authorities.h"
#include "app/intake/referral_json.h"
#include "domain/casework/allocation.h"
#include "domain/casework/case_clock.h"
#include "domain/casework/case_consent.h"
#include "domain/casework/contact_attempt.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"
#include "http/pages/break_glass_pages.h"
#include "http/pages/case_page_parts.h"
#include "http/pages/page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

namespace json = boost::json;
using pages::FormFields;
using pages::form_value;
using namespace case_pages;

constexpr std::string_view kSection = "Cases";

// --- the queue -------------------------------------------------------------------------------

Response case_queue(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto& [user, actor] = *person;
  auto q = [&](std::string_view name) { return request.query_param(name).value_or(""); };

  casework::CaseQuery query;
  if (!q("area").empty()) query.areas = {q("area")};
  query.local_authority = q("local_authority");
  if (q("risk") == "high") query.risk_rank = 2;
  if (q("risk") == "medium") query.risk_rank = 1;
  if (q("risk") == "standard") query.risk_rank = 0;
  query.channel = q("channel");
  if (q("enhanced") == "yes") query.enhanced = true;
  query.awaiting_consent = q("awaiting_consent") == "yes";
  query.unallocated = q("unallocated") == "yes";
  query.possible_duplicate = q("possible_duplicate") == "yes";
  const bool mine = q("mine") == "yes";
  if (mine) query.allocated_to = user.user.id;
  query.page = static_cast<int>(whole_number(q("page")).value_or(1));

  auto found = ctx.casework.queue.list(actor, query);
  if (!found) {
    return found.error().code == "forbidden" ? pages::forbidden_page(ctx, user) : pages::server_error_page(ctx);
  }
  auto page = pages::staff_page(mine ? "My cases" : "Case queue", std::string(kSection), user);
  set_queue_navigation(page, mine ? "/cases?mine=yes" : "/cases");
  page.set("heading", std::string(mine ? "My cases" : "Case queue"));

  std::vector<std::string> allocated;
  for (const auto& c : found->items) allocated.push_back(c.allocated_to);
  const auto names = names_of(ctx, allocated);
  mustache::data rows{mustache::data::type::list};
  for (const auto& c : found->items) {
    mustache::data row;
    row.set("id", c.id);
    row.set("reference", c.reference);
    row.set("offence", offence_name(ctx, c.area, c.offence_category));
    row.set("local_authority", local_authority_name(c.local_authority));
    row.set("risk", risk_label(c.risk_rank));
    row.set("high_risk", c.risk_rank == 2);
    row.set("enhanced", c.enhanced);
    row.set("channel", c.channel);
    row.set("consent", std::string(casework::consent_state_label(c.consent_state)));
    row.set("awaiting_consent", c.consent_state == "awaiting_consent");
    row.set("possible_duplicate", c.possible_duplicate);
    row.set("unable_to_contact", c.status == casework::CaseStatus::kUnableToContact);
    row.set("allocated_to", c.allocated_to.empty() ? std::string("Unallocated") : names.at(c.allocated_to));
    if (c.next_due) row.set("clock", clock_data(*c.next_due, ctx));
    rows.push_back(row);
  }
  page.set("cases", rows);
  page.set("has_cases", !found->items.empty());
  page.set("total", found->more_than_counted ? "More than " + std::to_string(casework::kCountedCases)
                                              : std::to_string(found->total_items));
  page.set("more_than_counted", found->more_than_counted);

  // The filters as the MoJ pattern shows them: each selected one can be removed on its own.
  const std::vector<std::pair<std::string, std::string>> flags = {
      {"unallocated", "Unallocated"}, {"awaiting_consent", "Awaiting consent"},
      {"enhanced", "Enhanced rights"}, {"possible_duplicate", "Possible duplicate"}};
  mustache::data flag_items{mustache::data::type::list};
  for (const auto& [name, label] : flags) {
    mustache::data f;
    f.set("name", name);
    f.set("label", label);
    f.set("checked", q(name) == "yes");
    flag_items.push_back(f);
  }
  page.set("flags", flag_items);
  mustache::data risks{mustache::data::type::list};
  for (const auto& [value, label] : std::vector<std::pair<std::string, std::string>>{
           {"", "Any"}, {"high", "High"}, {"medium", "Medium"}, {"standard", "Standard"}}) {
    mustache::data r;
    r.set("value", value);
    r.set("label", label);
    r.set("selected", q("risk") == value);
    risks.push_back(r);
  }
  page.set("risks", risks);
  mustache::data channels{mustache::data::type::list};
  for (const auto& [value, label] : std::vector<std::pair<std::string, std::string>>{
           {"", "Any"}, {"police", "Police"}, {"self", "Self-referral"}, {"partner", "Partner agency"},
           {"phone", "Phone"}, {"chat", "Live chat"}}) {
    mustache::data r;
    r.set("value", value);
    r.set("label", label);
    r.set("selected", q("channel") == value);
    channels.push_back(r);
  }
  page.set("channels", channels);
  mustache::data las{mustache::data::type::list};
  {
    mustache::data any;
    any.set("value", std::string());
    any.set("label", std::string("Any"));
    any.set("selected", query.local_authority.empty());
    las.push_back(any);
  }
  for (const auto& la : app::local_authorities()) {
    const auto area = app::area_id(la.police_force_area);
    if (std::find(actor.areas.begin(), actor.areas.end(), area) == actor.areas.end()) continue;
    mustache::data r;
    r.set("value", la.code);
    r.set("label", la.name);
    r.set("selected", la.code == query.local_authority);
    las.push_back(r);
  }
  page.set("local_authorities", las);
  page.set("mine", mine);

  // Paging: previous and next, keeping every filter.
  const int per_page = 25;
  const std::int64_t pages_total = std::max<std::int64_t>(1, (found->total_items + per_page - 1) / per_page);
  const bool more_pages = found->more_than_counted;
  auto link_to = [&](int to) {
    std::string href = "/cases?page=" + std::to_string(to);
    for (const char* name : {"area", "local_authority", "risk", "channel", "enhanced", "awaiting_consent",
                             "unallocated", "possible_duplicate", "mine"}) {
      if (!q(name).empty()) href += std::string("&") + name + "=" + pages::url_encode(q(name));
    }
    return href;
  };
  const int current = std::max(1, query.page);
  if (current > 1) page.set("previous_href", link_to(current - 1));
  if (current < pages_total) page.set("next_href", link_to(current + 1));
  page.set("page_text", "Page " + std::to_string(current) + " of " + std::to_string(pages_total) +
                            (more_pages ? ": filter to see the rest" : ""));
  return pages::page_response(ctx, 200, "case_queue", std::move(page));
}

// --- one case --------------------------------------------------------------------------------

Response render_case(AppContext& ctx, const app::CurrentUser& user, const access::Actor& actor,
                     const app::CaseView& view,
                     int status, const std::vector<FieldError>& errors, const FormFields& form) {
  const auto& c = view.record;
  auto page = pages::staff_page("Case " + c.reference, std::string(kSection), user);
  if (!errors.empty()) pages::add_field_errors(page, errors);
  set_case_navigation(page, c.id, "/cases/" + c.id);
  page.set("id", c.id);
  page.set("reference", c.reference);
  page.set("case_version", std::to_string(c.version));
  page.set("risk", risk_label(c.risk_rank));
  page.set("high_risk", c.risk_rank == 2);
  page.set("enhanced", c.enhanced);
  page.set("consent", std::string(casework::consent_state_label(c.consent_state)));
  page.set("awaiting_consent", c.consent_state == "awaiting_consent");
  page.set("may_share", casework::may_share(c.consent_state));
  page.set("status_unable", c.status == casework::CaseStatus::kUnableToContact);
  page.set("status_closed", c.status == casework::CaseStatus::kClosed);
  page.set("possible_duplicate", c.possible_duplicate);
  page.set("handovers", std::to_string(c.handovers));
  if (view.may_work) {
    if (auto due = app::introduction_due(c, view.events)) {
      page.set("introduction_due", true);
      page.set("introduction_handover", *due == casework::MessageTemplate::kNamedContactHandover);
    }
  }

  // Merges: the banner on a merged case, and beside a surviving case's timeline the timelines of
  // the cases merged into it (each under its own reference, never mixed in).
  const auto merges = ctx.casework.merging.state(actor, c);
  if (!merges) return pages::server_error_page(ctx);
  std::vector<const casework::CaseEvent*> all_events;
  for (const auto& e : view.events) all_events.push_back(&e);
  for (const auto& a : merges->absorbed) {
    for (const auto& e : a.events) all_events.push_back(&e);
  }
  std::vector<std::string> ids{c.allocated_to};
  for (const auto* ep : all_events) {
    const auto& e = *ep;
    ids.push_back(e.actor);
    boost::system::error_code ec;
    auto v = json::parse(e.detail, ec);
    if (!ec && v.is_object()) {
      for (const char* k : {"from", "to", "owner"}) {
        if (const auto* f = v.as_object().if_contains(k); f && f->is_string()) ids.emplace_back(f->as_string());
      }
    }
  }
  const auto names = names_of(ctx, ids);
  page.set("allocated_to", c.allocated_to.empty() ? std::string("Unallocated") : names.at(c.allocated_to));

  // Tell it once: what the referral says, so nobody asks the victim again.
  mustache::data about{mustache::data::type::list};
  mustache::data safe{mustache::data::type::list};
  auto referral = app::parse_referral_json(view.referral.document);
  if (referral) {
    const auto& r = *referral;
    if (r.victim_type == intake::VictimType::kBusiness) {
      add_row(about, "Business", r.business.name);
      add_row(about, "Contact", r.business.contact_name);
      add_row(about, "Phone", r.business.contact_phone);
      add_row(about, "Email", r.business.contact_email);
    } else {
      add_row(about, "Name", r.person.name);
      if (r.person.date_of_birth) add_row(about, "Date of birth", pages::long_date(text::iso_date(*r.person.date_of_birth)));
      add_row(about, "Phone", r.person.phone);
      add_row(about, "Email", r.person.email);
      add_row(about, "Address", r.person.address);
      if (r.person.language != "en") add_row(about, "Language", r.person.language);
      if (r.person.interpreter_needed) add_row(about, "Interpreter", "Needed");
    }
    add_row(about, "Offence", offence_name(ctx, c.area, c.offence_category));
    add_row(about, "Where", local_authority_name(c.local_authority));
    if (r.incident_date) add_row(about, "When", pages::long_date(text::iso_date(*r.incident_date)));
    add_row(about, "Crime reference", r.crime_reference);
    add_row(about, "What happened", r.account);
    safe = safe_contact_rows(r.safe_contact,
                             "None recorded: call only the number on the referral, leave no voicemail "
                             "and do not say who you are");
  }
  page.set("about", about);
  page.set("from_chat", c.channel == "chat");
  page.set("safe_contact", safe);

  mustache::data clocks{mustache::data::type::list};
  for (const auto& d : view.deadlines) {
    mustache::data row = clock_data(d.due_date, ctx);
    row.set("label", std::string(d.code == "first_contact" ? "First contact attempt" : "Needs assessment"));
    row.set("met", d.met_at.has_value());
    clocks.push_back(row);
  }
  page.set("clocks", clocks);

  mustache::data timeline{mustache::data::type::list};
  {
    mustache::data opened;
    opened.set("text", "Referral received (" + c.channel + ")");
    opened.set("at", to_rfc3339(c.opened_at));
    opened.set("by", std::string("Victim Gateway"));
    timeline.push_back(opened);
  }
  auto timeline_item = [&](const casework::CaseEvent& e) {
    mustache::data item;
    item.set("text", event_text(e, names));
    item.set("at", to_rfc3339(e.at));
    item.set("by", event_by(e.actor, names));
    return item;
  };
  for (const auto& e : view.events) timeline.push_back(timeline_item(e));
  page.set("timeline", timeline);
  mustache::data absorbed{mustache::data::type::list};
  for (const auto& a : merges->absorbed) {
    mustache::data section;
    section.set("id", a.record.id);
    section.set("reference", a.record.reference);
    section.set("merged_on", pages::long_date(text::iso_date(deadlines::london_date(a.merge.merged_at))));
    mustache::data items{mustache::data::type::list};
    mustache::data opened;
    opened.set("text", "Referral received (" + a.record.channel + ")");
    opened.set("at", to_rfc3339(a.record.opened_at));
    opened.set("by", std::string("Victim Gateway"));
    items.push_back(opened);
    for (const auto& e : a.events) items.push_back(timeline_item(e));
    section.set("timeline", items);
    absorbed.push_back(section);
  }
  page.set("absorbed", absorbed);
  const bool merged = c.status == casework::CaseStatus::kMerged;
  page.set("status_merged", merged);
  if (merged && merges->merged) {
    page.set("merged_on", pages::long_date(text::iso_date(deadlines::london_date(merges->merged->merged_at))));
    if (merges->surviving) {
      page.set("surviving_id", merges->surviving->id);
      page.set("surviving_reference", merges->surviving->reference);
      page.set("surviving_version", std::to_string(merges->surviving->version));
    }
    page.set("may_undo", merges->may_undo);
  }

  // A merged case takes no more work (change_case refuses it): its forms are not shown.
  page.set("may_work", view.may_work && !merged);
  page.set("may_allocate", view.may_allocate && !merged);
  page.set("may_hold", access::role_may(actor.role, access::Action::kHoldCase));
  if (view.may_allocate && !merged && !c.team_id.empty()) {
    mustache::data people{mustache::data::type::list};
    auto loads = ctx.casework.allocation.team_loads(actor, c.team_id);
    if (loads) {
      for (const auto& l : *loads) {
        mustache::data p;
        p.set("user_id", l.member.user_id);
        p.set("label", l.display_name + " (" + std::to_string(l.open_cases) + " of " +
                           std::to_string(l.member.capacity) + " cases)");
        p.set("selected", l.member.user_id == form_value(form, "user_id"));
        people.push_back(p);
      }
    }
    page.set("caseworkers", people);
  }
  mustache::data channels{mustache::data::type::list};
  for (auto ch : {intake::ContactChannel::kCall, intake::ContactChannel::kText, intake::ContactChannel::kEmail,
                  intake::ContactChannel::kLetter, intake::ContactChannel::kVisit}) {
    mustache::data o;
    o.set("value", std::string(casework::to_code(ch)));
    o.set("label", std::string(casework::to_label(ch)));
    o.set("checked", form_value(form, "channel") == casework::to_code(ch));
    channels.push_back(o);
  }
  page.set("contact_channels", channels);
  mustache::data outcomes{mustache::data::type::list};
  for (auto o : {casework::ContactOutcome::kReached, casework::ContactOutcome::kNoAnswer,
                 casework::ContactOutcome::kVoicemailLeft, casework::ContactOutcome::kWrongNumber,
                 casework::ContactOutcome::kDeclined, casework::ContactOutcome::kSent}) {
    mustache::data item;
    item.set("value", std::string(casework::to_code(o)));
    item.set("label", std::string(casework::to_label(o)));
    item.set("checked", form_value(form, "outcome") == casework::to_code(o));
    outcomes.push_back(item);
  }
  page.set("contact_outcomes", outcomes);
  page.set("contact_to", form_value(form, "to"));
  // The consent form as it was posted, when it is shown again with a refusal.
  auto choices = [&](const char* field, std::vector<std::pair<std::string, std::string>> items, bool radios) {
    mustache::data list{mustache::data::type::list};
    bool first = true;
    for (auto& [value, label] : items) {
      mustache::data o;
      o.set("id", first ? std::string(field) : std::string(field) + "-" + value);
      o.set("value", value);
      o.set("label", label);
      o.set(radios ? "checked" : "selected", form_value(form, field) == value);
      list.push_back(o);
      first = false;
    }
    return list;
  };
  page.set("consent_changes", choices("change", {{"give", "They agree to be referred for support"},
                                                 {"refuse", "They do not agree"},
                                                 {"withdraw", "They withdraw the consent they gave"}},
                                      true));
  page.set("consent_given_by", choices("given_by", {{"victim", "The victim"},
                                                    {"parent_or_guardian", "A parent or guardian"},
                                                    {"representative", "Their representative"}},
                                       false));
  page.set("consent_method", choices("method", {{"phone", "By phone"}, {"in_person", "In person"},
                                                {"letter", "By letter"}, {"email", "By email"},
                                                {"web_form", "On the web form"}},
                                     false));
  page.set("consent_scope", choices("scope", {{"referral_to_support", "Referral to support"},
                                              {"named_services", "Sharing with the services named to them"},
                                              {"all_support", "Sharing with any support service"}},
                                    false));
  page.set("said_who_we_are_checked", form_value(form, "said_who_we_are") == "yes");
  return pages::page_response(ctx, status, "case", std::move(page));
}

Response show_case(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto& [user, actor] = *person;
  auto view = ctx.casework.files.open(actor, request.path_param("id"));
  if (!view) return case_read_refused(request, ctx, *person, view.error());
  return render_case(ctx, user, actor, *view, 200, {}, {});
}

// A refused change shows the case as it is now with the errors (a stale copy: what changed).
RefusalPage case_page_refusal(AppContext& ctx, const std::string& case_id) {
  return [&ctx, case_id](const Person& person, const std::vector<FieldError>& errors, int status,
                         const FormFields& form) {
    auto view = ctx.casework.files.open(person.actor, case_id);
    if (!view) return pages::not_found_page(ctx, person.user);
    return render_case(ctx, person.user, person.actor, *view, status, errors, form);
  };
}

template <typename Change>
Response post_change(Request& request, AppContext& ctx, access::Action action, Change change) {
  const std::string id = request.path_param("id");
  return post_case_change(request, ctx, action, change, case_page_refusal(ctx, id), "/cases/" + id);
}

Response allocate(Request& request, AppContext& ctx) {
  return post_change(request, ctx, access::Action::kAllocateCase,
                     [&](const access::Actor& actor, const std::string& id, std::int64_t version,
                                       const FormFields& form) {
    if (form_value(form, "how") == "rule") return ctx.casework.allocation.allocate_by_rule(actor, id, version);
    const std::string to = form_value(form, "user_id");
    if (to.empty()) {
      return Result<casework::CaseRecord>(validation_failed({{"user_id", "required", "Select a caseworker"}}));
    }
    return ctx.casework.allocation.allocate(actor, id, version, to);
  });
}

Response record_contact(Request& request, AppContext& ctx) {
  return post_change(request, ctx, access::Action::kWorkCase, [&](const access::Actor& actor, const std::string& id, std::int64_t version,
                                       const FormFields& form) -> Result<casework::CaseRecord> {
    std::vector<FieldError> errors;
    auto channel = casework::contact_channel_from_code(form_value(form, "channel"));
    auto outcome = casework::contact_outcome_from_code(form_value(form, "outcome"));
    if (!channel) errors.push_back({"channel", "required", "Select how you tried to contact them"});
    if (!outcome) errors.push_back({"outcome", "required", "Select what happened"});
    std::string to = form_value(form, "to");
    if (to.size() > 200) errors.push_back({"to", "too_long", "Enter a number or address of 200 characters or fewer"});
    if (!errors.empty()) return validation_failed(std::move(errors));
    casework::ContactAttempt attempt{*channel, std::move(to), *outcome, form_value(form, "said_who_we_are") == "yes", {}};
    return ctx.casework.contacts.record(actor, id, version, std::move(attempt));
  });
}

Response record_consent(Request& request, AppContext& ctx) {
  return post_change(request, ctx, access::Action::kWorkCase, [&](const access::Actor& actor, const std::string& id, std::int64_t version,
                                       const FormFields& form) -> Result<casework::CaseRecord> {
    auto change = casework::consent_change_from_code(form_value(form, "change"));
    if (!change) return validation_failed({{"change", "required", "Select what they told you"}});
    app::ConsentStatement statement;
    statement.change = *change;
    statement.given_by = form_value(form, "given_by");
    statement.method = form_value(form, "method");
    statement.scope = form_value(form, "scope");
    return ctx.casework.consent.record(actor, id, version, statement);
  });
}

}  // namespace

void add_case_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  const auto readers = Guard::may(access::Action::kReadReferral);
  router.add("GET", "/cases", readers, bind(case_queue));
  router.add("GET", "/cases/{id}", readers, bind(show_case));
  router.add("POST", "/cases/{id}/allocation", Guard::may(access::Action::kAllocateCase), bind(allocate));
  router.add("POST", "/cases/{id}/contact-attempts", Guard::may(access::Action::kWorkCase), bind(record_contact));
  router.add("POST", "/cases/{id}/consent", Guard::may(access::Action::kWorkCase), bind(record_consent));
}

}  // namespace vg::http
