// The case's messages section: "Send an introduction" (their named contact, after allocation or
// a hand-over) and "Remind them of an appointment", by text, email or letter, with the channels
// the safe-contact profile forbids shown disabled with the reason, and the messages queued so far. Handlers parse, call one casework use
// case and render; which channel is safe is the use case's answer, never this page's.
#include <boost/json.hpp>

#include <map>
#include <string>

#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"
#include "domain/text/rfc3339.h"
#include "http/pages/break_glass_pages.h"
#include "http/pages/case_page_parts.h"
#include "http/pages/page_data.h"
#include "http/routes.h"

namespace vg::http {
namespace {

namespace json = boost::json;
using pages::FormFields;
using pages::form_value;
using namespace case_pages;

std::string detail_field(const casework::CaseEvent& e, const char* name) {
  boost::system::error_code ec;
  auto v = json::parse(e.detail, ec);
  const auto* f = !ec && v.is_object() ? v.as_object().if_contains(name) : nullptr;
  return f && f->is_string() ? std::string(f->as_string()) : std::string();
}

Response render_section(AppContext& ctx, const app::CurrentUser& user, const app::MessagesSection& section,
                        int status, const std::vector<FieldError>& errors, const FormFields& form) {
  const auto& c = section.record;
  auto page = pages::staff_page("Messages – Case " + c.reference, "Cases", user);
  set_case_navigation(page, c.id, "/cases/" + c.id + "/messages");
  if (!errors.empty()) {
    pages::add_field_errors(page, errors,
                            {{"channel", "channel"},
                             {"version", "channel"},
                             {"appointment", "appointment-day"},
                             {"reminder_version", "appointment-day"}});
  }
  page.set("id", c.id);
  page.set("reference", c.reference);
  page.set("case_version", std::to_string(c.version));
  page.set("caseworker", section.caseworker_name);
  page.set("allocated", !c.allocated_to.empty());
  const bool open = c.status != casework::CaseStatus::kClosed;
  page.set("may_send", section.may_work && open && !c.allocated_to.empty());
  if (section.due) {
    page.set("due", true);
    page.set("handover", *section.due == casework::MessageTemplate::kNamedContactHandover);
  }
  mustache::data options{mustache::data::type::list};
  bool any_allowed = false;
  bool first = true;
  for (const auto& o : section.options) {
    mustache::data item;
    const std::string code(casework::to_code(o.channel));
    item.set("value", code);
    item.set("label", std::string(casework::to_label(o.channel)));
    // The first radio carries the question's id, so the error summary's link lands on it.
    item.set("input_id", first ? std::string("channel") : "channel-" + code);
    item.set("disabled", !o.refusal.empty());
    item.set("refusal", o.refusal);
    item.set("checked", o.refusal.empty() && form_value(form, "channel") == code);
    any_allowed = any_allowed || o.refusal.empty();
    options.push_back(item);
    first = false;
  }
  page.set("channels", options);
  // The reminder form offers the same channels under its own names, so both forms can share a page.
  mustache::data reminder_channels{mustache::data::type::list};
  first = true;
  for (const auto& o : section.options) {
    mustache::data item;
    const std::string code(casework::to_code(o.channel));
    item.set("value", code);
    item.set("label", std::string(casework::to_label(o.channel)));
    item.set("input_id", first ? std::string("reminder_channel") : "reminder_channel-" + code);
    item.set("disabled", !o.refusal.empty());
    item.set("refusal", o.refusal);
    item.set("checked", o.refusal.empty() && form_value(form, "reminder_channel") == code);
    reminder_channels.push_back(item);
    first = false;
  }
  page.set("reminder_channels", reminder_channels);
  page.set("appointment_input", date_input(form, "appointment", "Date of the appointment",
                                           "For example, 27 3 2027", errors));
  page.set("appointment_time", form_value(form, "appointment_time"));
  mustache::data kinds{mustache::data::type::list};
  first = true;
  for (auto kind : casework::kAppointmentKinds) {
    mustache::data item;
    const std::string code(casework::to_code(kind));
    item.set("value", code);
    item.set("label", std::string(casework::to_label(kind)));
    item.set("input_id", first ? std::string("appointment_kind") : "appointment_kind-" + code);
    item.set("checked", form_value(form, "appointment_kind") == code);
    kinds.push_back(item);
    first = false;
  }
  page.set("appointment_kinds", kinds);
  page.set("none_safe", !any_allowed);
  page.set("none_checked", form_value(form, "channel") == "none");

  mustache::data queued{mustache::data::type::list};
  for (const auto& e : section.queued) {
    mustache::data row;
    auto t = casework::message_template_from_code(detail_field(e, "template"));
    auto ch = casework::contact_channel_from_code(detail_field(e, "channel"));
    std::string what(t ? casework::to_label(*t) : "Message");
    if (const auto appointment = detail_field(e, "appointment_date"); !appointment.empty()) {
      what += " for " + pages::long_date(appointment);
      if (auto goes = from_rfc3339(detail_field(e, "send_after"))) {
        what += " (goes " + pages::long_date(text::iso_date(deadlines::london_date(*goes))) + ")";
      }
    }
    row.set("what", what);
    row.set("channel", std::string(ch ? casework::to_label(*ch) : "Message"));
    row.set("at", pages::long_date(text::iso_date(deadlines::london_date(e.at))));
    queued.push_back(row);
  }
  page.set("queued", queued);
  page.set("has_queued", !section.queued.empty());
  return pages::page_response(ctx, status, "case_messages", std::move(page));
}

Response show_section(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto& [user, actor] = *person;
  auto section = ctx.casework.messages.open(actor, request.path_param("id"));
  if (!section) return case_read_refused(request, ctx, *person, section.error());
  return render_section(ctx, user, *section, 200, {}, {});
}

Response send_introduction(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  RefusalPage refused = [&ctx, id](const Person& person, const std::vector<FieldError>& errors, int status,
                                   const FormFields& form) {
    auto section = ctx.casework.messages.open(person.actor, id);
    if (!section) return pages::not_found_page(ctx, person.user);
    return render_section(ctx, person.user, *section, status, errors, form);
  };
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version, const FormFields& form) {
        return ctx.casework.messages.send_introduction(actor, case_id, version, form_value(form, "channel"));
      },
      refused, "/cases/" + id + "/messages");
}

// The reminder form's answers, under the names its inputs have on this page (the introduction
// form above it owns "channel").
const std::map<std::string, std::string> kReminderFields{{"date", "appointment"},
                                                         {"time", "appointment_time"},
                                                         {"kind", "appointment_kind"},
                                                         {"channel", "reminder_channel"},
                                                         {"version", "reminder_version"}};

Response book_reminder(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  RefusalPage refused = [&ctx, id](const Person& person, const std::vector<FieldError>& errors, int status,
                                   const FormFields& form) {
    auto section = ctx.casework.messages.open(person.actor, id);
    if (!section) return pages::not_found_page(ctx, person.user);
    std::vector<FieldError> named = errors;
    for (auto& e : named) {
      if (auto f = kReminderFields.find(e.field); f != kReminderFields.end()) e.field = f->second;
    }
    return render_section(ctx, person.user, *section, status, named, form);
  };
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version, const FormFields& form) {
        return ctx.casework.messages.book_reminder(
            actor, case_id, version,
            {posted_date(form, "appointment"), form_value(form, "appointment_time"),
             form_value(form, "appointment_kind"), form_value(form, "reminder_channel")});
      },
      refused, "/cases/" + id + "/messages");
}

}  // namespace

void add_case_message_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  router.add("GET", "/cases/{id}/messages", Guard::may(access::Action::kReadReferral), bind(show_section));
  router.add("POST", "/cases/{id}/messages", Guard::may(access::Action::kWorkCase), bind(send_introduction));
  router.add("POST", "/cases/{id}/messages/reminder", Guard::may(access::Action::kWorkCase), bind(book_reminder));
}

}  // namespace vg::http
