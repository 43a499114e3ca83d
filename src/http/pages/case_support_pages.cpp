// A case's support pages: the needs assessment (a long form kept as a server-side draft on "Save
// and come back later"), the support plan, notes, the Victims' Code rights (complaints and
// restorative justice) and closing with a check-answers step. Handlers parse, call one casework
// use case and render; what a person may see and do is the use case's answer. Never logs a note.
#include <algorithm>
#include <map>
#include <string>

#include "domain/casework/case_closing.h"
#include "domain/casework/code_rights.h"
#include "domain/casework/needs.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"
#include "domain/text/rfc3339.h"
#include "http/pages/break_glass_pages.h"
#include "http/pages/case_page_parts.h"
#include "http/pages/page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

using pages::form_value;
using pages::FormFields;
using namespace case_pages;

constexpr std::string_view kSection = "Cases";

mustache::data case_page(const std::string& title, const app::CurrentUser& user,
                         const app::CaseSupportHeader& h, const std::string& current,
                         const std::vector<FieldError>& errors,
                         const std::map<std::string, std::string>& anchors = {}) {
  auto page = pages::staff_page(title + " – " + h.record.reference, std::string(kSection), user);
  if (!errors.empty()) pages::add_field_errors(page, errors, anchors);
  set_case_navigation(page, h.record.id, "/cases/" + h.record.id + current);
  page.set("id", h.record.id);
  page.set("reference", h.record.reference);
  page.set("case_version", std::to_string(h.record.version));
  page.set("closed", h.record.status == casework::CaseStatus::kClosed);
  page.set("may_work", h.may_work);
  return page;
}

std::string error_of(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return e.message;
  }
  return {};
}

mustache::data choices(const casework::CodeLabels& list, const std::string& name,
                       const std::string& chosen) {
  mustache::data items{mustache::data::type::list};
  bool first = true;
  for (const auto& [code, label] : list) {
    mustache::data item;
    item.set("name", name);
    // The first radio carries the field's own id: the error summary links to it.
    item.set("input_id", first ? name : name + "-" + std::string(code));
    item.set("value", std::string(code));
    item.set("label", std::string(label));
    item.set("checked", chosen == code);
    items.push_back(item);
    first = false;
  }
  return items;
}

std::string long_date(casework::Date d) { return pages::long_date(text::iso_date(d)); }

// --- the needs assessment ----------------------------------------------------------------------

app::NeedsAnswers needs_answers(const FormFields& form,
                                const std::vector<casework::NeedDomain>& domains) {
  app::NeedsAnswers a;
  for (const auto& d : domains) {
    auto rating = form_value(form, casework::rating_field(d.code));
    if (!rating.empty()) a.ratings[d.code] = rating;
    auto note = form_value(form, casework::note_field(d.code));
    if (!note.empty()) a.notes[d.code] = note;
  }
  return a;
}

Response render_needs(AppContext& ctx, const app::CurrentUser& user, const app::NeedsView& view,
                      int status, const std::vector<FieldError>& errors,
                      const std::optional<app::NeedsAnswers>& posted, bool saved) {
  auto page = case_page("Needs assessment", user, view.header, "/needs", errors);
  // What the form shows: what was just posted, else the person's draft, else the assessment.
  const app::NeedsAnswers shown = posted       ? *posted
                                  : view.draft ? *view.draft
                                               : view.assessed.value_or(app::NeedsAnswers{});
  page.set("saved", saved);
  page.set("from_draft", !posted && view.draft.has_value());
  page.set("assessed", view.assessed.has_value());
  if (view.assessed_at)
    page.set("assessed_on", long_date(deadlines::london_date(*view.assessed_at)));
  page.set("may_edit",
           view.header.may_work && view.header.record.status != casework::CaseStatus::kClosed);
  mustache::data domains{mustache::data::type::list};
  mustache::data outcomes{mustache::data::type::list};
  for (const auto& d : view.domains) {
    mustache::data item;
    item.set("code", d.code);
    item.set("label", d.label);
    item.set("note_name", casework::note_field(d.code));
    auto note = shown.notes.find(d.code);
    item.set("note", note == shown.notes.end() ? std::string() : note->second);
    const std::string field = casework::rating_field(d.code);
    item.set("rating_name", field);
    item.set("error", error_of(errors, field));
    item.set("note_error", error_of(errors, casework::note_field(d.code)));
    auto chosen = shown.ratings.find(d.code);
    std::vector<std::pair<std::string_view, std::string_view>> scale;
    for (auto r : {casework::NeedRating::kNone, casework::NeedRating::kLow,
                   casework::NeedRating::kMedium, casework::NeedRating::kHigh}) {
      scale.emplace_back(casework::to_code(r), casework::to_label(r));
    }
    item.set("ratings",
             choices(scale, field, chosen == shown.ratings.end() ? std::string() : chosen->second));
    domains.push_back(item);
    if (auto o = view.outcomes.find(d.code); o != view.outcomes.end()) {
      mustache::data row;
      row.set("label", d.label);
      row.set("outcome", std::string(casework::to_label(o->second)));
      outcomes.push_back(row);
    }
  }
  page.set("domains", domains);
  page.set("outcomes", outcomes);
  page.set("has_outcomes", !view.outcomes.empty());
  return pages::page_response(ctx, status, "case_needs", std::move(page));
}

Response show_needs(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto view = ctx.casework.needs.open(person->actor, request.path_param("id"));
  if (!view) return case_read_refused(request, ctx, *person, view.error());
  return render_needs(ctx, person->user, *view, 200, {}, std::nullopt,
                      request.query_param("saved") == "yes");
}

Response post_needs(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  auto refused = [&ctx, id](const Person& p, const std::vector<FieldError>& errors, int status,
                            const FormFields& form) {
    auto view = ctx.casework.needs.open(p.actor, id);
    if (!view) return read_refused(ctx, p.user, view.error());
    return render_needs(ctx, p.user, *view, status, errors, needs_answers(form, view->domains),
                        false);
  };
  // Saving a draft changes no case (its version stays): role, CSRF, then the draft.
  {
    const FormFields peek = parse_form(request.body);
    if (form_value(peek, "action") == "save") {
      auto person = person_asking(request, ctx);
      if (!person) return std::move(person.error());
      if (!access::role_may(person->actor.role, access::Action::kWorkCase)) {
        return pages::forbidden_page(ctx, person->user);
      }
      if (!csrf_valid(request, peek, person->user, ctx))
        return pages::forbidden_page(ctx, person->user);
      auto saved = ctx.casework.needs.save_draft(person->actor, id,
                                                 needs_answers(peek, ctx.casework.needs.domains()));
      if (saved) return redirect("/cases/" + id + "/needs?saved=yes");
      const auto& e = saved.error();
      if (e.code == "validation_failed" || e.code == "conflict") {
        return refused(*person, e.fields, e.code == "conflict" ? 409 : 422, peek);
      }
      return read_refused(ctx, person->user, e);
    }
  }
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version,
          const FormFields& form) {
        return ctx.casework.needs.complete(actor, case_id, version,
                                           needs_answers(form, ctx.casework.needs.domains()));
      },
      refused, "/cases/" + id + "/needs");
}

// --- the support plan --------------------------------------------------------------------------

Response render_plan(AppContext& ctx, const app::CurrentUser& user,
                     const app::SupportPlanView& view, int status,
                     const std::vector<FieldError>& errors, const FormFields& form) {
  auto page = case_page("Support plan", user, view.header, "/plan", errors, {{"due", "due-day"}});
  std::vector<std::string> ids = view.team;
  for (const auto& a : view.actions) ids.push_back(a.record.owner);
  const auto names = names_of(ctx, ids);
  mustache::data actions{mustache::data::type::list};
  for (const auto& a : view.actions) {
    mustache::data row;
    row.set("action_id", a.record.id);
    row.set("text", a.text);
    row.set("owner", names.at(a.record.owner));
    row.set("due", long_date(a.record.due));
    row.set("done", a.record.done_at.has_value());
    actions.push_back(row);
  }
  page.set("actions", actions);
  page.set("has_actions", !view.actions.empty());
  mustache::data owners{mustache::data::type::list};
  for (const auto& id : view.team) {
    mustache::data o;
    o.set("user_id", id);
    o.set("name", names.at(id));
    o.set("selected", form_value(form, "owner") == id);
    owners.push_back(o);
  }
  page.set("owners", owners);
  page.set("text", form_value(form, "text"));
  page.set("due_input", date_input(form, "due", "Due by", "For example, 27 3 2027", errors));
  page.set("may_edit",
           view.header.may_work && view.header.record.status != casework::CaseStatus::kClosed);
  return pages::page_response(ctx, status, "case_plan", std::move(page));
}

Response show_plan(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto view = ctx.casework.plan.open(person->actor, request.path_param("id"));
  if (!view) return case_read_refused(request, ctx, *person, view.error());
  return render_plan(ctx, person->user, *view, 200, {}, {});
}

Response post_plan(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version,
          const FormFields& form) {
        if (form_value(form, "step") == "done") {
          return ctx.casework.plan.mark_done(actor, case_id, version,
                                             form_value(form, "action_id"));
        }
        return ctx.casework.plan.add(
            actor, case_id, version,
            {form_value(form, "text"), form_value(form, "owner"), posted_date(form, "due")});
      },
      [&ctx, id](const Person& p, const std::vector<FieldError>& errors, int status,
                 const FormFields& form) {
        auto view = ctx.casework.plan.open(p.actor, id);
        if (!view) return read_refused(ctx, p.user, view.error());
        return render_plan(ctx, p.user, *view, status, errors, form);
      },
      "/cases/" + id + "/plan");
}

// --- notes -------------------------------------------------------------------------------------

Response render_notes(AppContext& ctx, const app::CurrentUser& user, const app::CaseNotesView& view,
                      int status, const std::vector<FieldError>& errors, const FormFields& form) {
  auto page = case_page("Notes", user, view.header, "/notes", errors);
  std::vector<std::string> ids;
  for (const auto& n : view.notes) ids.push_back(n.record.written_by);
  const auto names = names_of(ctx, ids);
  mustache::data notes{mustache::data::type::list};
  for (const auto& n : view.notes) {
    mustache::data row;
    row.set("text", n.text);
    row.set("by", names.at(n.record.written_by));
    row.set("at", to_rfc3339(n.record.written_at));
    notes.push_back(row);
  }
  page.set("notes", notes);
  page.set("has_notes", !view.notes.empty());
  page.set("text", form_value(form, "text"));
  return pages::page_response(ctx, status, "case_notes", std::move(page));
}

Response show_notes(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto view = ctx.casework.notes.open(person->actor, request.path_param("id"));
  if (!view) return case_read_refused(request, ctx, *person, view.error());
  return render_notes(ctx, person->user, *view, 200, {}, {});
}

Response post_note(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version,
          const FormFields& form) {
        return ctx.casework.notes.add(actor, case_id, version, form_value(form, "text"));
      },
      [&ctx, id](const Person& p, const std::vector<FieldError>& errors, int status,
                 const FormFields& form) {
        auto view = ctx.casework.notes.open(p.actor, id);
        if (!view) return read_refused(ctx, p.user, view.error());
        return render_notes(ctx, p.user, *view, status, errors, form);
      },
      "/cases/" + id + "/notes");
}

// --- Victims' Code rights: complaints and restorative justice
// --------------------------------------

Response render_rights(AppContext& ctx, const app::CurrentUser& user,
                       const app::CaseRightsView& view, int status,
                       const std::vector<FieldError>& errors, const FormFields& form) {
  auto page = case_page("Complaints and restorative justice", user, view.header, "/rights", errors,
                        {{"received_on", "received_on-day"},
                         {"closed_on", "closed_on-day"},
                         {"offered_on", "offered_on-day"},
                         {"answered_on", "answered_on-day"}});
  mustache::data complaints{mustache::data::type::list};
  mustache::data existing{mustache::data::type::list};
  for (const auto& c : view.complaints) {
    mustache::data row;
    row.set("received", long_date(c.received_on));
    row.set("subject", std::string(casework::label_of(casework::complaint_subjects(), c.summary)));
    row.set("outcome", std::string(casework::label_of(casework::complaint_outcomes(), c.outcome)));
    row.set("closed", c.closed_on ? long_date(*c.closed_on) : std::string("Not closed"));
    complaints.push_back(row);
    mustache::data option;
    option.set("value", c.id);
    option.set("label", "Complaint received " + long_date(c.received_on));
    option.set("selected", form_value(form, "complaint_id") == c.id);
    existing.push_back(option);
  }
  page.set("complaints", complaints);
  page.set("has_complaints", !view.complaints.empty());
  page.set("existing_complaints", existing);
  page.set("subjects",
           choices(casework::complaint_subjects(), "subject", form_value(form, "subject")));
  page.set("complaint_outcomes",
           choices(casework::complaint_outcomes(), "outcome", form_value(form, "outcome")));
  page.set("received_input",
           date_input(form, "received_on", "Date received", "For example, 27 11 2026", errors));
  page.set("closed_input", date_input(form, "closed_on", "Date closed (once decided)",
                                      "For example, 4 12 2026", errors));
  if (view.restorative_justice) {
    const auto& rj = *view.restorative_justice;
    page.set("rj_offered", long_date(rj.offered_on));
    page.set("rj_answer", std::string(casework::label_of(casework::rj_answers(), rj.answer)));
    page.set("rj_answered", rj.answered_on ? long_date(*rj.answered_on) : std::string("Not yet"));
  }
  page.set("has_rj", view.restorative_justice.has_value());
  page.set("rj_answers", choices(casework::rj_answers(), "answer", form_value(form, "answer")));
  page.set("offered_input",
           date_input(form, "offered_on", "Date offered", "For example, 27 11 2026", errors));
  page.set("answered_input", date_input(form, "answered_on", "Date they answered",
                                        "Leave empty if they have not decided", errors));
  for (const char* f : {"subject", "outcome", "answer", "complaint_id"}) {
    page.set(std::string(f) + "_error", error_of(errors, f));
  }
  return pages::page_response(ctx, status, "case_rights", std::move(page));
}

Response show_rights(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto view = ctx.casework.complaints.open(person->actor, request.path_param("id"));
  if (!view) return case_read_refused(request, ctx, *person, view.error());
  return render_rights(ctx, person->user, *view, 200, {}, {});
}

RefusalPage rights_refusal(AppContext& ctx, const std::string& id) {
  return [&ctx, id](const Person& p, const std::vector<FieldError>& errors, int status,
                    const FormFields& form) {
    auto view = ctx.casework.complaints.open(p.actor, id);
    if (!view) return read_refused(ctx, p.user, view.error());
    return render_rights(ctx, p.user, *view, status, errors, form);
  };
}

Response post_complaint(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version,
          const FormFields& form) {
        return ctx.casework.complaints.record(
            actor, case_id, version, form_value(form, "complaint_id"),
            {posted_date(form, "received_on"), form_value(form, "subject"),
             form_value(form, "outcome"), posted_date(form, "closed_on")});
      },
      rights_refusal(ctx, id), "/cases/" + id + "/rights");
}

Response post_restorative_justice(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version,
          const FormFields& form) {
        return ctx.casework.restorative_justice.record(
            actor, case_id, version,
            {posted_date(form, "offered_on"), form_value(form, "answer"),
             posted_date(form, "answered_on")});
      },
      rights_refusal(ctx, id), "/cases/" + id + "/rights");
}

// --- closing -----------------------------------------------------------------------------------

casework::ClosingAnswers closing_answers(const FormFields& form,
                                         const std::vector<casework::NeedDomain>& domains) {
  casework::ClosingAnswers a;
  a.reason = form_value(form, "reason");
  for (const auto& d : domains) {
    auto rating = form_value(form, casework::rating_field(d.code));
    if (!rating.empty()) a.ratings[d.code] = rating;
  }
  return a;
}

mustache::data close_reasons(const std::string& chosen) {
  std::vector<std::pair<std::string_view, std::string_view>> list;
  for (auto r : casework::close_reasons())
    list.emplace_back(casework::to_code(r), casework::to_label(r));
  return choices(list, "reason", chosen);
}

Response render_close(AppContext& ctx, const app::CurrentUser& user,
                      const app::CaseClosureView& view, int status,
                      const std::vector<FieldError>& errors, const FormFields& form) {
  auto page = case_page("Close the case", user, view.header, "/close", errors);
  page.set("reasons", close_reasons(form_value(form, "reason")));
  page.set("reason_error", error_of(errors, "reason"));
  page.set("assessed", view.assessed.has_value());
  page.set("may_close",
           view.header.may_work && view.header.record.status != casework::CaseStatus::kClosed);
  mustache::data domains{mustache::data::type::list};
  mustache::data outcomes{mustache::data::type::list};
  for (const auto& d : view.domains) {
    const std::string field = casework::rating_field(d.code);
    mustache::data item;
    item.set("label", d.label);
    item.set("rating_name", field);
    item.set("error", error_of(errors, field));
    if (view.assessed) {
      auto before = view.assessed->find(d.code);
      item.set("before", before == view.assessed->end()
                             ? std::string("Not rated")
                             : std::string(casework::to_label(before->second)));
    }
    std::vector<std::pair<std::string_view, std::string_view>> scale;
    for (auto r : {casework::NeedRating::kNone, casework::NeedRating::kLow,
                   casework::NeedRating::kMedium, casework::NeedRating::kHigh}) {
      scale.emplace_back(casework::to_code(r), casework::to_label(r));
    }
    item.set("ratings", choices(scale, field, form_value(form, field)));
    domains.push_back(item);
    if (view.closure) {
      auto o = view.closure->outcomes.find(d.code);
      if (o != view.closure->outcomes.end()) {
        auto outcome = casework::need_outcome_from_code(o->second);
        mustache::data row;
        row.set("label", d.label);
        row.set("outcome", std::string(outcome ? casework::to_label(*outcome) : o->second));
        outcomes.push_back(row);
      }
    }
  }
  page.set("domains", domains);
  if (view.closure) {
    auto reason = casework::close_reason_from_code(view.closure->reason);
    page.set("closed_reason",
             std::string(reason ? casework::to_label(*reason) : view.closure->reason));
    page.set("closed_on", long_date(deadlines::london_date(view.closure->closed_at)));
    page.set("outcomes", outcomes);
    page.set("has_outcomes", !view.closure->outcomes.empty());
  }
  page.set("has_closure", view.closure.has_value());
  return pages::page_response(ctx, status, "case_close", std::move(page));
}

Response show_close(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto view = ctx.casework.closure.open(person->actor, request.path_param("id"));
  if (!view) return case_read_refused(request, ctx, *person, view.error());
  return render_close(ctx, person->user, *view, 200, {}, {});
}

// Check your answers: the reason and each need's outcome, before anything is stored.
Response render_close_check(AppContext& ctx, const app::CurrentUser& user,
                            const app::CaseClosureView& view, const casework::Closing& closing,
                            const FormFields& form) {
  auto page = case_page("Check the outcomes before closing", user, view.header, "/close", {});
  page.set("reason_code", std::string(casework::to_code(closing.reason)));
  page.set("reason", std::string(casework::to_label(closing.reason)));
  mustache::data rows{mustache::data::type::list};
  mustache::data hidden{mustache::data::type::list};
  for (const auto& d : view.domains) {
    auto after = closing.at_close.find(d.code);
    if (after == closing.at_close.end()) continue;
    mustache::data row;
    row.set("label", d.label);
    auto before =
        view.assessed ? view.assessed->find(d.code) : casework::NeedRatings::const_iterator{};
    row.set("before", view.assessed && before != view.assessed->end()
                          ? std::string(casework::to_label(before->second))
                          : std::string("Not rated"));
    row.set("after", std::string(casework::to_label(after->second)));
    auto o = closing.outcomes.find(d.code);
    row.set("outcome", o == closing.outcomes.end() ? std::string("Not measured")
                                                   : std::string(casework::to_label(o->second)));
    rows.push_back(row);
    mustache::data h;
    h.set("name", casework::rating_field(d.code));
    h.set("value", std::string(casework::to_code(after->second)));
    hidden.push_back(h);
  }
  page.set("needs", rows);
  page.set("has_needs", !closing.at_close.empty());
  page.set("hidden", hidden);
  page.set("case_version", form_value(form, "version"));
  return pages::page_response(ctx, 200, "case_close_check", std::move(page));
}

Response post_close(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  auto refused = [&ctx, id](const Person& p, const std::vector<FieldError>& errors, int status,
                            const FormFields& form) {
    auto view = ctx.casework.closure.open(p.actor, id);
    if (!view) return read_refused(ctx, p.user, view.error());
    return render_close(ctx, p.user, *view, status, errors, form);
  };
  const FormFields peek = parse_form(request.body);
  const std::string step = form_value(peek, "step");
  if (step == "check" || step == "edit") {
    // Nothing is stored yet: role, CSRF, then the use case's check of the answers.
    auto person = person_asking(request, ctx);
    if (!person) return std::move(person.error());
    if (!access::role_may(person->actor.role, access::Action::kWorkCase)) {
      return pages::forbidden_page(ctx, person->user);
    }
    if (!csrf_valid(request, peek, person->user, ctx))
      return pages::forbidden_page(ctx, person->user);
    if (step == "edit") return refused(*person, {}, 200, peek);
    auto closing = ctx.casework.closure.preview(
        person->actor, id, closing_answers(peek, ctx.casework.closure.domains()));
    if (!closing) {
      const auto& e = closing.error();
      if (e.code == "validation_failed" || e.code == "conflict") {
        return refused(*person, e.fields, e.code == "conflict" ? 409 : 422, peek);
      }
      return read_refused(ctx, person->user, e);
    }
    auto view = ctx.casework.closure.open(person->actor, id);
    if (!view) return read_refused(ctx, person->user, view.error());
    return render_close_check(ctx, person->user, *view, *closing, peek);
  }
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version,
          const FormFields& form) {
        return ctx.casework.closure.close(actor, case_id, version,
                                          closing_answers(form, ctx.casework.closure.domains()));
      },
      refused, "/cases/" + id + "/close");
}

}  // namespace

void add_case_support_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  const auto readers = Guard::may(access::Action::kReadReferral);
  const auto workers = Guard::may(access::Action::kWorkCase);
  router.add("GET", "/cases/{id}/needs", readers, bind(show_needs));
  router.add("POST", "/cases/{id}/needs", workers, bind(post_needs));
  router.add("GET", "/cases/{id}/plan", readers, bind(show_plan));
  router.add("POST", "/cases/{id}/plan", workers, bind(post_plan));
  router.add("GET", "/cases/{id}/notes", readers, bind(show_notes));
  router.add("POST", "/cases/{id}/notes", workers, bind(post_note));
  router.add("GET", "/cases/{id}/rights", readers, bind(show_rights));
  router.add("POST", "/cases/{id}/complaints", workers, bind(post_complaint));
  router.add("POST", "/cases/{id}/restorative-justice", workers, bind(post_restorative_justice));
  router.add("GET", "/cases/{id}/close", readers, bind(show_close));
  router.add("POST", "/cases/{id}/close", workers, bind(post_close));
}

}  // namespace vg::http
