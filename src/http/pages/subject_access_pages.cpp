// Subject access requests and erasure on request, for staff whose role the access table allows
// (export_subject_access, erase_on_request):
//   GET  /subject-access          find a person: a reference, or a full name and date of birth
//   POST /subject-access          the cases found (the search is posted, so no name or date of
//                                 birth enters an address, a log or the browser's history)
//   POST /subject-access/export   the download: format=html (a printable document, GOV.UK styled,
//                                 self-contained) or format=json; no-store, as an attachment
//   GET  /cases/{id}/erasure      whether the case's personal data may be erased now, and why not
//   POST /cases/{id}/erasure      erase it
// Handlers parse, call app::SubjectAccess or app::ErasureRequests (which decide access) and
// render; a case the person may not reach is "not found". Works without JavaScript.
#include <boost/json.hpp>

#include <cctype>
#include <string>
#include <vector>

#include "domain/deadlines/working_days.h"
#include "domain/protection/erasure_request.h"
#include "domain/text/iso_date.h"
#include "http/pages/case_page_parts.h"
#include "http/pages/page_data.h"
#include "http/pages/page_renderer.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

namespace json = boost::json;
using namespace case_pages;
using pages::form_value;
using pages::FormFields;

constexpr std::string_view kSection = "Subject access";

// ---- the search and its results ----

// "referral_as_received.victim.date_of_birth" → "Referral as received: victim: date of birth"
std::string label_of(const std::string& path) {
  std::string out;
  for (char c : path) out += c == '_' ? ' ' : c == '.' ? ':' : c;
  std::string spaced;
  for (std::size_t i = 0; i < out.size(); ++i) {
    spaced += out[i];
    if (out[i] == ':' && i + 1 < out.size()) spaced += ' ';
  }
  if (!spaced.empty()) spaced[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(spaced[0])));
  return spaced;
}


Response render_search(AppContext& ctx, const Person& person, int status, const std::vector<FieldError>& errors,
                       const FormFields& form) {
  auto page = pages::staff_page("Find a person's records", std::string(kSection), person.user);
  if (!errors.empty()) pages::add_field_errors(page, errors, {{"date_of_birth", "date_of_birth-day"}});
  page.set("reference", form_value(form, "reference"));
  page.set("name", form_value(form, "name"));
  page.set("date_of_birth_input", date_input(form, "date_of_birth", "Date of birth", "For example, 27 3 1980", errors));
  return pages::page_response(ctx, status, "subject_access_search", std::move(page));
}

Response show_search(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  if (!access::role_may(person->actor.role, access::Action::kExportSubjectAccess)) {
    return pages::forbidden_page(ctx, person->user);
  }
  return render_search(ctx, *person, 200, {}, {});
}

// The person, once their role and the CSRF token of the posted form hold; otherwise the response.
std::expected<Person, Response> poster(Request& request, AppContext& ctx, const FormFields& form, access::Action action) {
  auto person = person_asking(request, ctx);
  if (!person) return person;
  if (!access::role_may(person->actor.role, action)) return std::unexpected(pages::forbidden_page(ctx, person->user));
  if (!csrf_valid(request, form, person->user, ctx)) return std::unexpected(pages::forbidden_page(ctx, person->user));
  return person;
}

std::string day_of(accounts::Instant at) { return pages::long_date(text::iso_date(deadlines::london_date(at))); }

Response post_search(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  auto person = poster(request, ctx, form, access::Action::kExportSubjectAccess);
  if (!person) return std::move(person.error());
  auto found = ctx.subject_access->find(person->actor, form_value(form, "reference"), form_value(form, "name"),
                                        posted_date(form, "date_of_birth"));
  if (!found) {
    if (found.error().code == "validation_failed") return render_search(ctx, *person, 422, found.error().fields, form);
    return read_refused(ctx, person->user, found.error());
  }
  auto page = pages::staff_page("Records found", std::string(kSection), person->user);
  mustache::data cases{mustache::data::type::list};
  for (const auto& f : *found) {
    mustache::data item;
    item.set("id", f.record.id);
    item.set("reference", f.record.reference);
    item.set("received", day_of(f.record.opened_at));
    item.set("came_by", channel_label(f.record.channel));
    item.set("offence", offence_name(ctx, f.record.area, f.record.offence_category));
    item.set("status", label_of(std::string(casework::to_code(f.record.status))));
    item.set("merged_into", f.merged_into);
    item.set("erased", f.erased);
    cases.push_back(item);
  }
  page.set("cases", cases);
  page.set("found", !found->empty());
  page.set("count", std::to_string(found->size()));
  page.set("may_erase", access::role_may(person->actor.role, access::Action::kEraseOnRequest));
  return pages::page_response(ctx, 200, "subject_access_results", std::move(page));
}

// ---- the export ----

std::string scalar_text(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? "Yes" : "No";
  if (v.is_null()) return "";
  return json::serialize(v);
}

// Every scalar under `v` as a summary-list row, its key the path to it.
void flatten(const json::value& v, const std::string& path, mustache::data& rows) {
  if (v.is_object()) {
    for (const auto& member : v.as_object()) {
      const std::string key(member.key());
      flatten(member.value(), path.empty() ? key : path + "." + key, rows);
    }
  } else if (v.is_array()) {
    const auto& items = v.as_array();
    if (items.empty()) return;
    bool scalars = true;
    for (const auto& i : items) scalars = scalars && !i.is_object() && !i.is_array();
    if (scalars) {
      std::string joined;
      for (const auto& i : items) joined += (joined.empty() ? "" : ", ") + scalar_text(i);
      add_row(rows, label_of(path), joined);
      return;
    }
    for (std::size_t n = 0; n < items.size(); ++n) flatten(items[n], path + "." + std::to_string(n + 1), rows);
  } else {
    add_row(rows, label_of(path), scalar_text(v));
  }
}

// The export's sections, in the order a person reads their file.
constexpr std::pair<std::string_view, std::string_view> kSections[] = {
    {"referral_as_received", "The referral as we received it"},
    {"assessment", "How the referral was assessed and routed"},
    {"timeline", "What happened on the case (contacts, allocation, changes)"},
    {"risk_assessments", "Risk assessments"},
    {"needs", "Needs"},
    {"support_plan", "Support plan"},
    {"onward_referrals", "Referrals to other services"},
    {"notes", "Notes"},
    {"complaints", "Complaints"},
    {"chat_transcript", "Live chat"},
};

mustache::data case_document(const json::object& c) {
  mustache::data item;
  item.set("reference", c.contains("reference") ? scalar_text(c.at("reference")) : std::string());
  mustache::data about{mustache::data::type::list};
  for (const auto& member : c) {
    const auto& value = member.value();
    if (!value.is_object() && !value.is_array()) add_row(about, label_of(std::string(member.key())), scalar_text(value));
  }
  if (const auto* closed = c.if_contains("closed")) flatten(*closed, "closed", about);
  item.set("about", about);
  mustache::data sections{mustache::data::type::list};
  for (const auto& [key, title] : kSections) {
    const auto* v = c.if_contains(key);
    mustache::data section;
    section.set("title", std::string(title));
    mustache::data entries{mustache::data::type::list};
    if (v && v->is_array()) {
      for (const auto& e : v->as_array()) {
        mustache::data rows{mustache::data::type::list};
        flatten(e, "", rows);
        mustache::data entry;
        entry.set("rows", rows);
        entries.push_back(entry);
      }
    } else if (v) {
      mustache::data rows{mustache::data::type::list};
      flatten(*v, "", rows);
      mustache::data entry;
      entry.set("rows", rows);
      entries.push_back(entry);
    }
    section.set("entries", entries);
    section.set("none", entries.is_empty_list());
    sections.push_back(section);
  }
  item.set("sections", sections);
  mustache::data accessed{mustache::data::type::list};
  if (const auto* a = c.if_contains("accessed_by"); a && a->is_array()) {
    for (const auto& e : a->as_array()) {
      const auto& o = e.as_object();
      mustache::data row;
      for (const char* field : {"at", "action", "role", "organisation"}) {
        row.set(field, o.contains(field) ? scalar_text(o.at(field)) : std::string());
      }
      accessed.push_back(row);
    }
  }
  item.set("accessed_none", accessed.is_empty_list());
  item.set("accessed", accessed);
  return item;
}

Response post_export(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  auto person = poster(request, ctx, form, access::Action::kExportSubjectAccess);
  if (!person) return std::move(person.error());
  const std::string format = form_value(form, "format") == "json" ? "json" : "html";
  auto exported = ctx.subject_access->export_cases(person->actor, pages::form_values(form, "case_id"), format);
  if (!exported) {
    // No case chosen (a form posted by hand): back to the search, where cases are found.
    if (exported.error().code == "validation_failed") return redirect("/subject-access");
    return read_refused(ctx, person->user, exported.error());
  }
  Response response;
  response.status = 200;
  response.set_header("Cache-Control", "no-store");
  const std::string stamp = text::iso_date(deadlines::london_date(ctx.clock.now()));
  if (format == "json") {
    response.content_type = "application/json";
    response.body = json::serialize(*exported);
    response.set_header("Content-Disposition", "attachment; filename=\"subject-access-" + stamp + ".json\"");
    return response;
  }
  mustache::data doc;
  doc.set("generated", day_of(ctx.clock.now()));
  mustache::data cases{mustache::data::type::list};
  if (const auto* list = exported->if_contains("cases"); list && list->is_array()) {
    for (const auto& c : list->as_array()) cases.push_back(case_document(c.as_object()));
  }
  doc.set("cases", cases);
  response.content_type = "text/html; charset=utf-8";
  response.body = ctx.pages.render_fragment("partials/subject_access_document", std::move(doc));
  response.set_header("Content-Disposition", "attachment; filename=\"subject-access-" + stamp + ".html\"");
  return response;
}

// ---- erasure on request ----

Response render_erasure(AppContext& ctx, const Person& person, const app::ErasureCheck& check, int status,
                        const std::vector<FieldError>& errors) {
  const auto& c = check.record;
  auto page = pages::staff_page("Erase personal data – " + c.reference, "Cases", person.user);
  if (!errors.empty()) pages::add_field_errors(page, errors, {{"case", "erase"}});
  set_case_navigation(page, c.id, "");
  page.set("id", c.id);
  page.set("reference", c.reference);
  const auto& refused = check.decision.refused;
  page.set("erased", refused == protection::ErasureRefusal::kErasedAlready);
  page.set("refused", refused && refused != protection::ErasureRefusal::kErasedAlready);
  page.set("refusal", refused ? std::string(protection::to_message(*refused)) : std::string());
  page.set("may_erase", !refused);
  if (check.decision.keep_marac_until) {
    page.set("marac_until", pages::long_date(text::iso_date(*check.decision.keep_marac_until)));
  }
  return pages::page_response(ctx, status, "case_erasure", std::move(page));
}

Response show_erasure(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto check = ctx.erasures->check(person->actor, request.path_param("id"));
  if (!check) return read_refused(ctx, person->user, check.error());
  return render_erasure(ctx, *person, *check, 200, {});
}

Response post_erasure(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  auto person = poster(request, ctx, form, access::Action::kEraseOnRequest);
  if (!person) return std::move(person.error());
  const std::string id = request.path_param("id");
  auto erased = ctx.erasures->erase(person->actor, id);
  if (!erased) {
    if (erased.error().code != "conflict") return read_refused(ctx, person->user, erased.error());
    auto check = ctx.erasures->check(person->actor, id);
    if (!check) return read_refused(ctx, person->user, check.error());
    return render_erasure(ctx, *person, *check, 409, erased.error().fields);
  }
  return redirect("/cases/" + id + "/erasure");
}

}  // namespace

void add_subject_access_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  const auto exporters = Guard::may(access::Action::kExportSubjectAccess);
  const auto erasers = Guard::may(access::Action::kEraseOnRequest);
  router.add("GET", "/subject-access", exporters, bind(show_search));
  router.add("POST", "/subject-access", exporters, bind(post_search));
  router.add("POST", "/subject-access/export", exporters, bind(post_export));
  router.add("GET", "/cases/{id}/erasure", erasers, bind(show_erasure));
  router.add("POST", "/cases/{id}/erasure", erasers, bind(post_erasure));
}

}  // namespace vg::http
