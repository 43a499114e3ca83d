// Possible duplicates of a case (the "Duplicates" tab): the cases the intake linked to it that the
// person may read, which details match, "Merge" through a check-answers step, "Not the same
// person" with a reason, and undoing a merge. Handlers parse, call one casework use case
// (app::CaseMerging) and render; what may be seen and done is its answer. Works without JavaScript.
#include <string>
#include <vector>

#include "domain/casework/case_merge.h"
#include "domain/casework/duplicate_likeness.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"
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

std::string received_on(const casework::CaseRecord& c) {
  return pages::long_date(text::iso_date(deadlines::london_date(c.opened_at)));
}

mustache::data summary_rows(AppContext& ctx, const casework::CaseRecord& c,
                            const std::vector<casework::MatchKey>& likeness) {
  mustache::data rows{mustache::data::type::list};
  add_row(rows, "Came by", channel_label(c.channel));
  add_row(rows, "Received", received_on(c));
  add_row(rows, "Offence", offence_name(ctx, c.area, c.offence_category));
  add_row(rows, "What matches", casework::likeness_text(likeness));
  return rows;
}

Response render_duplicates(AppContext& ctx, const app::CurrentUser& user, const app::DuplicatesView& view,
                           int status, const std::vector<FieldError>& errors, const FormFields& form) {
  const auto& c = view.header.record;
  const std::string posted_other = form_value(form, "other");
  std::map<std::string, std::string> anchors;
  if (!posted_other.empty()) anchors["reason"] = "reason-" + posted_other;
  anchors["other"] = posted_other.empty() ? "duplicates" : "candidate-" + posted_other;
  anchors["version"] = "duplicates";
  anchors["merge"] = "duplicates";
  auto page = pages::staff_page("Possible duplicates – " + c.reference, std::string(kSection), user);
  if (!errors.empty()) pages::add_field_errors(page, errors, anchors);
  set_case_navigation(page, c.id, "/cases/" + c.id + "/duplicates");
  page.set("id", c.id);
  page.set("reference", c.reference);
  page.set("case_version", std::to_string(c.version));

  mustache::data candidates{mustache::data::type::list};
  for (const auto& d : view.candidates) {
    mustache::data item;
    item.set("case_id", c.id);
    item.set("other", d.record.id);
    item.set("reference", d.record.reference);
    item.set("other_version", std::to_string(d.record.version));
    item.set("rows", summary_rows(ctx, d.record, d.likeness));
    item.set("may_merge", d.may_merge && view.header.may_work);
    item.set("merge_label", d.survives ? "Merge this case into " + d.record.reference : std::string("Merge into this case"));
    const bool posted_here = posted_other == d.record.id;
    std::string reason_error;
    for (const auto& e : errors) {
      if (posted_here && e.field == "reason") reason_error = e.message;
    }
    item.set("reason_error", reason_error);
    item.set("open", posted_here && !reason_error.empty());
    mustache::data reasons{mustache::data::type::list};
    bool first = true;
    for (auto r : casework::not_same_reasons()) {
      mustache::data o;
      o.set("input_id", first ? "reason-" + d.record.id : "reason-" + d.record.id + "-" + std::string(casework::to_code(r)));
      o.set("value", std::string(casework::to_code(r)));
      o.set("label", std::string(casework::to_label(r)));
      o.set("checked", posted_here && form_value(form, "reason") == casework::to_code(r));
      reasons.push_back(o);
      first = false;
    }
    item.set("reasons", reasons);
    candidates.push_back(item);
  }
  page.set("candidates", candidates);
  page.set("has_candidates", !view.candidates.empty());

  mustache::data not_same{mustache::data::type::list};
  for (const auto& n : view.not_same) {
    mustache::data row;
    row.set("key", n.other.reference);
    auto reason = casework::not_same_reason_from_code(n.decision.reason);
    row.set("value", "Not the same person: " + std::string(reason ? casework::to_label(*reason) : "decided") +
                         " (" + pages::long_date(text::iso_date(deadlines::london_date(n.decision.decided_at))) + ")");
    not_same.push_back(row);
  }
  page.set("not_same", not_same);
  page.set("has_not_same", !view.not_same.empty());

  const auto& s = view.state;
  page.set("merged", s.merged.has_value());
  if (s.merged) {
    page.set("merged_on", pages::long_date(text::iso_date(deadlines::london_date(s.merged->merged_at))));
    if (s.surviving) {
      page.set("surviving_id", s.surviving->id);
      page.set("surviving_reference", s.surviving->reference);
      page.set("surviving_version", std::to_string(s.surviving->version));
    }
    page.set("may_undo", s.may_undo);
  }
  mustache::data absorbed{mustache::data::type::list};
  for (const auto& a : s.absorbed) {
    mustache::data row;
    row.set("id", a.record.id);
    row.set("reference", a.record.reference);
    row.set("merged_on", pages::long_date(text::iso_date(deadlines::london_date(a.merge.merged_at))));
    absorbed.push_back(row);
  }
  page.set("absorbed", absorbed);
  page.set("has_absorbed", !s.absorbed.empty());
  page.set("may_work", view.header.may_work);
  return pages::page_response(ctx, status, "case_duplicates", std::move(page));
}

Response show_duplicates(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto view = ctx.casework.merging.duplicates(person->actor, request.path_param("id"));
  if (!view) return case_read_refused(request, ctx, *person, view.error());
  return render_duplicates(ctx, person->user, *view, 200, {}, {});
}

// A refused decision shows the duplicates as they are now, with what went wrong.
RefusalPage duplicates_refusal(AppContext& ctx, const std::string& case_id) {
  return [&ctx, case_id](const Person& p, const std::vector<FieldError>& errors, int status, const FormFields& form) {
    auto view = ctx.casework.merging.duplicates(p.actor, case_id);
    if (!view) return read_refused(ctx, p.user, view.error());
    return render_duplicates(ctx, p.user, *view, status, errors, form);
  };
}

std::optional<std::int64_t> other_version(const FormFields& form) {
  return whole_number(form_value(form, "other_version"));
}

const Result<casework::CaseRecord> kOutOfDate =
    fail("validation_failed", "The form is out of date", {{"version", "required", "Reload the case and try again"}});

// Check your answers: which case stays and which is merged into it, before anything is stored.
Response render_merge_check(AppContext& ctx, const app::CurrentUser& user, const std::string& case_id,
                            const app::MergePreview& preview, const FormFields& form) {
  auto page = pages::staff_page("Check before merging – " + preview.surviving.reference, std::string(kSection), user);
  set_case_navigation(page, case_id, "/cases/" + case_id + "/duplicates");
  page.set("id", case_id);
  page.set("surviving_reference", preview.surviving.reference);
  page.set("merged_reference", preview.merged.reference);
  page.set("surviving_rows", summary_rows(ctx, preview.surviving, preview.likeness));
  page.set("merged_rows", summary_rows(ctx, preview.merged, preview.likeness));
  page.set("likeness", casework::likeness_text(preview.likeness));
  page.set("version", form_value(form, "version"));
  page.set("other", form_value(form, "other"));
  page.set("other_version", form_value(form, "other_version"));
  return pages::page_response(ctx, 200, "case_merge_check", std::move(page));
}

Response post_merge(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  const FormFields peek = parse_form(request.body);
  if (form_value(peek, "step") == "check") {
    // Nothing is stored yet: role, CSRF, then the use case's check of the merge.
    auto person = person_asking(request, ctx);
    if (!person) return std::move(person.error());
    if (!access::role_may(person->actor.role, access::Action::kWorkCase)) return pages::forbidden_page(ctx, person->user);
    if (!csrf_valid(request, peek, person->user, ctx)) return pages::forbidden_page(ctx, person->user);
    auto preview = ctx.casework.merging.preview(person->actor, id, form_value(peek, "other"));
    if (!preview) {
      const auto& e = preview.error();
      if (e.code == "validation_failed" || e.code == "conflict") {
        auto errors = e.fields;
        if (errors.empty()) errors.push_back({"other", e.code, e.message});
        return duplicates_refusal(ctx, id)(*person, errors, e.code == "conflict" ? 409 : 422, peek);
      }
      return read_refused(ctx, person->user, e);
    }
    return render_merge_check(ctx, person->user, id, *preview, peek);
  }
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version, const FormFields& form) {
        auto theirs = other_version(form);
        if (!theirs) return kOutOfDate;
        return ctx.casework.merging.merge(actor, case_id, version, form_value(form, "other"), *theirs);
      },
      duplicates_refusal(ctx, id), "/cases/" + id);
}

Response post_not_same(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version, const FormFields& form) {
        auto theirs = other_version(form);
        if (!theirs) return kOutOfDate;
        return ctx.casework.merging.not_same_person(actor, case_id, version, form_value(form, "other"), *theirs,
                                                    form_value(form, "reason"));
      },
      duplicates_refusal(ctx, id), "/cases/" + id + "/duplicates");
}

Response post_undo(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version, const FormFields& form) {
        auto surviving = whole_number(form_value(form, "surviving_version"));
        if (!surviving) return kOutOfDate;
        return ctx.casework.merging.undo(actor, case_id, version, *surviving);
      },
      duplicates_refusal(ctx, id), "/cases/" + id);
}

}  // namespace

void add_case_merge_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  const auto workers = Guard::may(access::Action::kWorkCase);
  router.add("GET", "/cases/{id}/duplicates", Guard::may(access::Action::kReadReferral), bind(show_duplicates));
  router.add("POST", "/cases/{id}/duplicates/merge", workers, bind(post_merge));
  router.add("POST", "/cases/{id}/duplicates/not-same", workers, bind(post_not_same));
  router.add("POST", "/cases/{id}/merge/undo", workers, bind(post_undo));
}

}  // namespace vg::http
