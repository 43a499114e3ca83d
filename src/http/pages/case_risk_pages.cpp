// Risk and tasks pages of a case: the DASH / S-DASH form with the case's last assessment
// (/cases/{id}/risk), the case's tasks (/cases/{id}/tasks) and the signed-in caseworker's own
// open tasks (/tasks). Handlers parse, call one casework use case and render; every form works
// without JavaScript (the live DASH count is an enhancement of a count the server also shows).
#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "domain/assessment/dash_questions.h"
#include "domain/casework/case_risk_assessment.h"
#include "domain/casework/case_task.h"
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

std::string level_label(intake::RiskLevel level) { return risk_label(casework::risk_rank(level)); }

// --- the risk page ---------------------------------------------------------------------------

// The answers the form shows: what was just posted (after a refusal), else the last assessment.
template <std::size_t N>
std::array<std::string, N> shown_answers(const FormFields& form, std::string_view prefix,
                                         bool posted,
                                         const std::optional<std::array<intake::Answer, N>>& last) {
  std::array<std::string, N> out;
  for (std::size_t i = 0; i < N; ++i) {
    if (posted) {
      out[i] = form_value(form, std::string(prefix) + "_" + std::to_string(i + 1));
    } else if (last) {
      out[i] = std::string(casework::to_code((*last)[i]));
    }
  }
  return out;
}

template <std::size_t N>
mustache::data question_list(const std::array<std::string_view, N>& questions,
                             const std::array<std::string, N>& shown, std::string_view prefix,
                             const std::vector<FieldError>& errors) {
  mustache::data list{mustache::data::type::list};
  for (std::size_t i = 0; i < N; ++i) {
    const std::string name = std::string(prefix) + "_" + std::to_string(i + 1);
    mustache::data q;
    q.set("name", name);
    q.set("number", std::to_string(i + 1));
    q.set("text", std::string(questions[i]));
    mustache::data options{mustache::data::type::list};
    bool first = true;
    for (auto [value, label] : std::array<std::pair<std::string_view, std::string_view>, 3>{
             {{"yes", "Yes"}, {"no", "No"}, {"not_known", "Not known"}}}) {
      mustache::data o;
      // The first radio takes the field's own id, so the error summary's link lands on it.
      o.set("id", first ? name : name + "-" + std::string(value));
      o.set("value", std::string(value));
      o.set("label", std::string(label));
      o.set("checked", shown[i] == value);
      options.push_back(o);
      first = false;
    }
    q.set("options", options);
    for (const auto& e : errors) {
      if (e.field == name) q.set("error", e.message);
    }
    list.push_back(q);
  }
  return list;
}

template <std::size_t N>
std::string yes_count(const std::array<std::string, N>& shown) {
  return std::to_string(std::count(shown.begin(), shown.end(), std::string("yes")));
}

Response render_risk(AppContext& ctx, const app::CurrentUser& user, const app::RiskView& view,
                     int status, const std::vector<FieldError>& errors, const FormFields& form) {
  const auto& c = view.record;
  auto page = pages::staff_page("Risk – Case " + c.reference, std::string(kSection), user);
  if (!errors.empty()) pages::add_field_errors(page, errors);
  set_case_navigation(page, c.id, "/cases/" + c.id + "/risk");
  page.set("id", c.id);
  page.set("reference", c.reference);
  page.set("case_version", std::to_string(c.version));
  page.set("risk", risk_label(c.risk_rank));
  page.set("high_risk", c.risk_rank == 2);
  page.set("may_work", view.may_work);
  page.set("dash_count", std::to_string(assessment::kDashQuestionCount));
  page.set("sdash_count", std::to_string(assessment::kSdashQuestionCount));

  const casework::CaseRiskAssessment* last =
      view.assessments.empty() ? nullptr : &view.assessments.front();
  if (last) {
    const auto& r = last->result;
    mustache::data l;
    l.set("assessed_by", names_of(ctx, {last->assessed_by}).at(last->assessed_by));
    l.set("assessed_at", to_rfc3339(last->assessed_at));
    l.set("assessed_on",
          pages::long_date(text::iso_date(deadlines::london_date(last->assessed_at))));
    l.set("dash_score",
          r.dash_score ? std::to_string(*r.dash_score) + " of 24" : std::string("Not completed"));
    l.set("sdash_score",
          r.sdash_score ? std::to_string(*r.sdash_score) + " of 11" : std::string("Not completed"));
    l.set("score_level", level_label(r.score_level));
    l.set("level", level_label(r.level));
    l.set("high", r.level == intake::RiskLevel::kHigh);
    l.set("raised", r.judgement_raised);
    l.set("judgement_reason", last->answers.judgement_reason);
    l.set("has_judgement", last->answers.judgement.has_value());
    mustache::data reasons{mustache::data::type::list};
    for (const auto& t : r.marac_reason_texts) reasons.push_back(mustache::data(t));
    l.set("marac_reasons", reasons);
    l.set("marac", r.marac_required);
    page.set("last", l);
    page.set("earlier", std::to_string(view.assessments.size() - 1));
  }
  page.set("has_last", last != nullptr);

  const bool posted = !form.empty();
  const auto dash = shown_answers<assessment::kDashQuestionCount>(
      form, "dash", posted, last ? last->answers.dash : std::nullopt);
  const auto sdash = shown_answers<assessment::kSdashQuestionCount>(
      form, "sdash", posted, last ? last->answers.sdash : std::nullopt);
  page.set("dash_questions", question_list(assessment::dash_questions(), dash, "dash", errors));
  page.set("sdash_questions", question_list(assessment::sdash_questions(), sdash, "sdash", errors));
  page.set("dash_yes", yes_count(dash));
  page.set("sdash_yes", yes_count(sdash));
  page.set("police_callouts",
           posted ? form_value(form, "police_callouts")
                  : std::to_string(last ? last->answers.police_callouts_last_12_months
                                        : view.police_callouts_last_12_months));
  page.set("child_at_risk_checked",
           posted ? form_value(form, "child_at_risk") == "yes"
                  : (last ? last->answers.child_at_risk : view.child_in_household_at_risk));
  const std::string judgement = posted ? form_value(form, "judgement") : std::string();
  page.set("judgement_none", judgement.empty() || judgement == "none");
  page.set("judgement_medium", judgement == "medium");
  page.set("judgement_high", judgement == "high");
  page.set("judgement_reason", posted ? form_value(form, "judgement_reason") : std::string());
  if (view.next_marac) {
    page.set("next_marac", pages::long_date(text::iso_date(view.next_marac->meeting)));
    page.set("next_marac_due", pages::long_date(text::iso_date(view.next_marac->referral_due)));
  }
  return pages::page_response(ctx, status, "case_risk", std::move(page));
}

Response show_risk(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto& [user, actor] = *person;
  auto view = ctx.casework.risk.view(actor, request.path_param("id"));
  if (!view) return case_read_refused(request, ctx, *person, view.error());
  return render_risk(ctx, user, *view, 200, {}, {});
}

// The form's answers, or every error in them at once.
Result<casework::RiskAnswers> risk_answers(const FormFields& form) {
  std::vector<FieldError> errors;
  casework::RiskAnswers answers;
  std::array<std::string, assessment::kDashQuestionCount> dash;
  for (std::size_t i = 0; i < dash.size(); ++i)
    dash[i] = form_value(form, "dash_" + std::to_string(i + 1));
  std::array<std::string, assessment::kSdashQuestionCount> sdash;
  for (std::size_t i = 0; i < sdash.size(); ++i)
    sdash[i] = form_value(form, "sdash_" + std::to_string(i + 1));
  if (auto d = casework::checklist_from_codes(dash, "dash")) {
    answers.dash = *d;
  } else {
    for (auto& e : d.error().fields) errors.push_back(std::move(e));
  }
  if (auto s = casework::checklist_from_codes(sdash, "sdash")) {
    answers.sdash = *s;
  } else {
    for (auto& e : s.error().fields) errors.push_back(std::move(e));
  }
  const std::string callouts = form_value(form, "police_callouts");
  if (!callouts.empty()) {
    auto n = whole_number(callouts);
    if (!n || *n < 0 || *n > casework::kMaxCallouts) {
      errors.push_back({"police_callouts", "invalid",
                        "Enter the number of police call-outs as a whole number from 0 to 365"});
    } else {
      answers.police_callouts_last_12_months = static_cast<int>(*n);
    }
  }
  answers.child_at_risk = form_value(form, "child_at_risk") == "yes";
  const std::string judgement = form_value(form, "judgement");
  if (!judgement.empty() && judgement != "none") {
    answers.judgement = casework::risk_level_from_code(judgement);
    if (!answers.judgement)
      errors.push_back({"judgement", "invalid", "Select a level, or no change"});
  }
  answers.judgement_reason = form_value(form, "judgement_reason");
  if (!errors.empty()) return validation_failed(std::move(errors));
  return answers;
}

Response record_risk(Request& request, AppContext& ctx) {
  const std::string id = request.path_param("id");
  auto refused = [&ctx, id](const Person& person, const std::vector<FieldError>& errors, int status,
                            const FormFields& form) {
    auto view = ctx.casework.risk.view(person.actor, id);
    if (!view) return pages::not_found_page(ctx, person.user);
    return render_risk(ctx, person.user, *view, status, errors, form);
  };
  return post_case_change(
      request, ctx, access::Action::kWorkCase,
      [&](const access::Actor& actor, const std::string& case_id, std::int64_t version,
          const FormFields& form) -> Result<casework::CaseRecord> {
        auto answers = VG_TRY(risk_answers(form));
        return ctx.casework.risk.record(actor, case_id, version, answers);
      },
      refused, "/cases/" + id + "/risk");
}

// --- tasks -----------------------------------------------------------------------------------

mustache::data task_data(AppContext& ctx, const casework::CaseTask& t,
                         const std::map<std::string, std::string>& names) {
  mustache::data d;
  d.set("id", t.id);
  d.set("case_id", t.case_id);
  d.set("case_reference", t.case_reference);
  d.set("version", std::to_string(t.version));
  d.set("title", t.title);
  d.set("detail", t.detail);
  d.set("kind", std::string(casework::to_label(t.kind)));
  d.set("safeguarding", t.kind == casework::TaskKind::kSafeguardingReferral);
  auto name = [&](const std::string& id) {
    auto it = names.find(id);
    return it == names.end() ? std::string("Victim Gateway") : it->second;
  };
  d.set("assigned_to", name(t.assigned_to));
  d.set("open", casework::is_open(t));
  if (t.due_date) {
    if (casework::is_open(t)) {
      d.set("clock", clock_data(*t.due_date, ctx));
    }
    d.set("due_date", pages::long_date(text::iso_date(*t.due_date)));
  }
  if (t.done_at) d.set("done", "Done by " + name(t.done_by));
  if (t.dismissed_at) {
    d.set("dismissed", "Dismissed by " + name(t.dismissed_by));
    d.set("dismissal_reason", t.dismissal_reason);
  }
  return d;
}

std::map<std::string, std::string> task_names(AppContext& ctx,
                                              const std::vector<casework::CaseTask>& tasks) {
  std::vector<std::string> ids;
  for (const auto& t : tasks) {
    for (const auto* id : {&t.assigned_to, &t.done_by, &t.dismissed_by}) {
      if (!id->empty() && !id->starts_with("system:")) ids.push_back(*id);
    }
  }
  return names_of(ctx, ids);
}

Response render_tasks(AppContext& ctx, const app::CurrentUser& user, const app::CaseTaskList& list,
                      int status, const std::vector<FieldError>& errors,
                      const std::string& failed_task, const FormFields& form) {
  const auto& c = list.record;
  auto page = pages::staff_page("Tasks – Case " + c.reference, std::string(kSection), user);
  if (!errors.empty()) {
    std::map<std::string, std::string> anchors{{"reason", "reason-" + failed_task}};
    pages::add_field_errors(page, errors, anchors);
  }
  set_case_navigation(page, c.id, "/cases/" + c.id + "/tasks");
  page.set("id", c.id);
  page.set("reference", c.reference);
  page.set("risk", risk_label(c.risk_rank));
  page.set("high_risk", c.risk_rank == 2);
  const auto names = task_names(ctx, list.tasks);
  mustache::data open{mustache::data::type::list};
  mustache::data finished{mustache::data::type::list};
  for (const auto& t : list.tasks) {
    auto d = task_data(ctx, t, names);
    d.set("may_work", list.may_work);
    if (t.id == failed_task) {
      for (const auto& e : errors) {
        if (e.field == "reason") d.set("reason_error", e.message);
      }
      d.set("reason", form_value(form, "reason"));
    }
    (casework::is_open(t) ? open : finished).push_back(d);
  }
  page.set("open_tasks", open);
  page.set("finished_tasks", finished);
  page.set("has_open", !open.is_empty_list());
  page.set("has_finished", !finished.is_empty_list());
  return pages::page_response(ctx, status, "case_tasks", std::move(page));
}

Response show_tasks(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto& [user, actor] = *person;
  auto list = ctx.casework.tasks.for_case(actor, request.path_param("id"));
  if (!list) return case_read_refused(request, ctx, *person, list.error());
  return render_tasks(ctx, user, *list, 200, {}, {}, {});
}

// A task's form: role (the guard has checked it), CSRF, the task's version, then the change.
// Success goes back to the case's tasks (303); a refusal shows them with the error.
Response post_task_change(Request& request, AppContext& ctx, bool dismiss) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  const auto& [user, actor] = *person;
  if (!access::role_may(actor.role, access::Action::kWorkCase))
    return pages::forbidden_page(ctx, user);
  const FormFields form = parse_form(request.body);
  if (!csrf_valid(request, form, user, ctx)) return pages::forbidden_page(ctx, user);
  const std::string case_id = request.path_param("id");
  const std::string task_id = request.path_param("task_id");
  const auto version = whole_number(form_value(form, "version"));
  Result<casework::CaseTask> done =
      fail("validation_failed", "The form is out of date",
           {{"version", "required", "Reload the tasks and try again"}});
  if (version) {
    done = dismiss ? ctx.casework.tasks.dismiss(actor, case_id, task_id, *version,
                                                form_value(form, "reason"))
                   : ctx.casework.tasks.complete(actor, case_id, task_id, *version);
  }
  if (done) return redirect("/cases/" + case_id + "/tasks");
  const auto& error = done.error();
  if (error.code == "not_found") return pages::not_found_page(ctx, user);
  if (error.code == "forbidden") return pages::forbidden_page(ctx, user);
  if (error.code != "validation_failed" && error.code != "conflict")
    return pages::server_error_page(ctx);
  auto list = ctx.casework.tasks.for_case(actor, case_id);
  if (!list) return pages::not_found_page(ctx, user);
  auto errors = error.fields;
  if (errors.empty()) errors.push_back({"version", error.code, error.message});
  return render_tasks(ctx, user, *list, error.code == "conflict" ? 409 : 422, errors, task_id,
                      form);
}

Response complete_task(Request& request, AppContext& ctx) {
  return post_task_change(request, ctx, false);
}
Response dismiss_task(Request& request, AppContext& ctx) {
  return post_task_change(request, ctx, true);
}

Response my_tasks(Request& request, AppContext& ctx) {
  auto person = person_asking(request, ctx);
  if (!person) return std::move(person.error());
  auto& [user, actor] = *person;
  auto tasks = ctx.casework.tasks.mine(actor);
  if (!tasks) {
    return tasks.error().code == "forbidden" ? pages::forbidden_page(ctx, user)
                                             : pages::server_error_page(ctx);
  }
  auto page = pages::staff_page("My tasks", std::string(kSection), user);
  set_queue_navigation(page, "/tasks");
  const auto names = task_names(ctx, *tasks);
  const auto today = deadlines::london_date(ctx.clock.now());
  mustache::data rows{mustache::data::type::list};
  int overdue = 0;
  for (const auto& t : *tasks) {
    auto d = task_data(ctx, t, names);
    if (casework::is_overdue(t, today)) ++overdue;
    rows.push_back(d);
  }
  page.set("tasks", rows);
  page.set("has_tasks", !tasks->empty());
  page.set("total", std::to_string(tasks->size()));
  page.set("overdue", std::to_string(overdue));
  page.set("has_overdue", overdue > 0);
  return pages::page_response(ctx, 200, "my_tasks", std::move(page));
}

}  // namespace

void add_case_risk_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  const auto readers = Guard::may(access::Action::kReadReferral);
  const auto workers = Guard::may(access::Action::kWorkCase);
  router.add("GET", "/cases/{id}/risk", readers, bind(show_risk));
  router.add("POST", "/cases/{id}/risk", workers, bind(record_risk));
  router.add("GET", "/cases/{id}/tasks", readers, bind(show_tasks));
  router.add("POST", "/cases/{id}/tasks/{task_id}/done", workers, bind(complete_task));
  router.add("POST", "/cases/{id}/tasks/{task_id}/dismissal", workers, bind(dismiss_task));
  router.add("GET", "/tasks", workers, bind(my_tasks));
}

}  // namespace vg::http
