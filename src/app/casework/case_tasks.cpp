#include "app/casework/case_tasks.h"

#include <array>
#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/casework/case_read_right.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/security/random_token.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// "10 December 2026", for a task's title.
std::string date_words(casework::Date d) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return std::to_string(static_cast<unsigned>(d.day())) + " " +
         std::string(kMonths[static_cast<unsigned>(d.month()) - 1]) + " " +
         std::to_string(static_cast<int>(d.year()));
}

std::string joined(const std::vector<std::string>& items, std::string_view by) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += by;
    out += i;
  }
  return out;
}

casework::CaseTask new_task(const casework::CaseRecord& c, casework::TaskKind kind,
                            const std::string& by, accounts::Instant now) {
  casework::CaseTask t;
  t.id = time_ordered_uuid(now);
  t.case_id = c.id;
  t.kind = kind;
  t.created_by = by;
  t.created_at = now;
  t.case_reference = c.reference;
  return t;
}

std::string task_change_detail(const casework::CaseTask& t) {
  return json::serialize(json::object{{"task", t.id}, {"kind", casework::to_code(t.kind)}});
}

}  // namespace

casework::CaseTask marac_referral_task(const casework::CaseRecord& c, const std::string& assessor,
                                       accounts::Instant now, const assessment::RiskResult& risk,
                                       const std::optional<casework::MaracMeeting>& meeting) {
  auto t = new_task(c, casework::TaskKind::kMaracReferral, assessor, now);
  t.assigned_to = assessor;
  t.reason_code = joined(risk.marac_reasons, ",");
  t.detail = joined(risk.marac_reason_texts, "; ");
  if (meeting) {
    t.title = "Refer to the MARAC meeting on " + date_words(meeting->meeting);
    t.due_date = meeting->referral_due;
  } else {
    t.title = "Refer to the MARAC: ask the coordinator for the next meeting date";
    t.due_date = deadlines::london_date(now);
  }
  return t;
}

casework::CaseTask safeguarding_referral_task(const casework::CaseRecord& c, const std::string& by,
                                              accounts::Instant now,
                                              const assessment::SafeguardingAction& action) {
  auto t = new_task(c, casework::TaskKind::kSafeguardingReferral, by, now);
  t.assigned_to = by;
  t.reason_code = action.code;
  t.title = "Make a referral to children's safeguarding";
  t.detail = action.reason;
  t.due_date = deadlines::london_date(now);
  return t;
}

casework::CaseTask close_unable_to_contact_task(const casework::CaseRecord& c,
                                                const std::string& assignee,
                                                accounts::Instant now) {
  auto t = new_task(c, casework::TaskKind::kCloseUnableToContact, "system:casework", now);
  t.assigned_to = assignee;
  t.reason_code = "unable_to_contact";
  t.title = "Close the case or try once more: the victim could not be contacted";
  t.due_date =
      deadlines::add_working_days(england_and_wales_bank_holidays(), deadlines::london_date(now),
                                  kCloseUnableToContactWorkingDays);
  return t;
}

std::string task_event_detail(const casework::CaseTask& t) {
  json::object d{{"task", t.id}, {"kind", casework::to_code(t.kind)}, {"reason", t.reason_code}};
  if (t.due_date) d["due_date"] = text::iso_date(*t.due_date);
  return json::serialize(d);
}

Result<CaseTaskList> CaseTasks::for_case(const access::Actor& actor, const std::string& case_id) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  auto record = VG_TRY(store_.cases().find(case_id));
  if (!record) return not_found("The case");
  const auto subject = case_subject(*record);
  const auto via = VG_TRY(case_read_right(store_, clock_.now(), actor, *record));
  CaseTaskList list{std::move(*record), VG_TRY(store_.case_risk().tasks(case_id)),
                    access::decide(actor, access::Action::kWorkCase, subject).allowed};
  VG_CHECK(store_.audit().append(
      audit_entry(clock_, actor.user_id, "case.read", "case", case_id, case_read_detail(via, "tasks"))));
  return list;
}

Result<std::vector<casework::CaseTask>> CaseTasks::mine(const access::Actor& actor, int limit) {
  if (!access::role_may(actor.role, access::Action::kWorkCase)) {
    return fail("forbidden", "Your role has no casework tasks");
  }
  std::vector<casework::CaseTask> out;
  if (actor.user_id.empty()) return out;
  // A task stays on the list of the person it was given to; one on a case they may no longer
  // work (moved to another team, say) is hidden until someone reassigns it.
  for (auto& t : VG_TRY(store_.case_risk().open_tasks_of(actor.user_id, limit))) {
    auto c = VG_TRY(store_.cases().find(t.case_id));
    if (!c || !access::decide(actor, access::Action::kWorkCase, case_subject(*c)).allowed) continue;
    out.push_back(std::move(t));
  }
  return out;
}

template <typename Rule>
Result<casework::CaseTask> CaseTasks::change(const access::Actor& actor, const std::string& case_id,
                                             const std::string& task_id,
                                             std::int64_t expected_version, const std::string& what,
                                             Rule rule) {
  if (!access::role_may(actor.role, access::Action::kWorkCase)) {
    return fail("forbidden", "Your role does not allow this");
  }
  casework::CaseTask stored;
  VG_CHECK(store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    auto task = VG_TRY(unit.tasks().find(task_id));
    // A task reached through another case's address is answered as one that does not exist.
    if (!task || task->case_id != case_id) return not_found("The task");
    auto c = VG_TRY(unit.cases().find(task->case_id));
    if (!c || !access::decide(actor, access::Action::kWorkCase, case_subject(*c)).allowed) {
      return not_found("The task");
    }
    if (task->version != expected_version) {
      return fail("conflict", "Someone else changed this task since you opened it",
                  {{"version", "stale", "Someone else changed this task since you opened it"}});
    }
    const auto now = clock_.now();
    casework::CaseTask t = *task;
    VG_CHECK(rule(t, now));
    VG_CHECK(unit.tasks().update(t, expected_version));
    t.version = expected_version + 1;
    const std::string detail = task_change_detail(t);
    VG_CHECK(unit.cases().append_events({{0, c->id, now, actor.user_id, "task_" + what, detail}}));
    VG_CHECK(unit.append_audit(
        {audit_entry(now, actor.user_id, "case.task_" + what, "case", c->id, detail)}));
    stored = std::move(t);
    return {};
  }));
  return stored;
}

Result<casework::CaseTask> CaseTasks::complete(const access::Actor& actor,
                                               const std::string& case_id,
                                               const std::string& task_id,
                                               std::int64_t expected_version) {
  return change(actor, case_id, task_id, expected_version, "done",
                [&](casework::CaseTask& t, accounts::Instant now) {
                  return casework::complete_task(t, actor.user_id, now);
                });
}

Result<casework::CaseTask> CaseTasks::dismiss(const access::Actor& actor,
                                              const std::string& case_id,
                                              const std::string& task_id,
                                              std::int64_t expected_version,
                                              const std::string& reason) {
  return change(actor, case_id, task_id, expected_version, "dismissed",
                [&](casework::CaseTask& t, accounts::Instant now) {
                  return casework::dismiss_task(t, actor.user_id, reason, now);
                });
}

}  // namespace vg::app
