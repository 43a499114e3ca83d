#include "app/casework/deadline_breaches.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/casework/case_tasks.h"
#include "app/jobs/recurring_job.h"
#include "app/security/random_token.h"
#include "domain/casework/case_task.h"
#include "domain/casework/deadline_breach.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// Rows read per unit of work: enough to catch up after a long stop without one huge transaction.
constexpr int kBatch = 100;

casework::CaseTask breach_task(const casework::CaseRecord& c, std::string reason, std::string title,
                               casework::Date today, accounts::Instant now) {
  casework::CaseTask t;
  t.id = random_uuid();
  t.case_id = c.id;
  t.kind = casework::TaskKind::kOther;
  t.reason_code = std::move(reason);
  t.title = std::move(title);
  t.due_date = today;  // already late: today
  // The case's caseworker; an unallocated case's task waits on the case for whoever takes it.
  t.assigned_to = c.allocated_to;
  t.created_by = std::string(DeadlineBreaches::kActor);
  t.created_at = now;
  return t;
}

}  // namespace

void DeadlineBreaches::register_jobs(JobRunner& runner) {
  runner.handle(std::string(kJob), [this](const store::ClaimedJob& job) { return run(job); });
}

store::JobRequest DeadlineBreaches::job_for(accounts::Instant slot_start) const {
  return recurring_run(kJob, slot_start, clock_.now());
}

Result<void> DeadlineBreaches::schedule() {
  return store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.jobs().enqueue(job_for(interval_start(clock_.now(), every_))));
    return {};
  });
}

Result<BreachesFlagged> DeadlineBreaches::flag_due() {
  BreachesFlagged flagged;
  const auto now = clock_.now();
  const auto today = deadlines::london_date(now);
  const std::string actor(kActor);
  for (bool more = true; more;) {
    VG_CHECK(store_.write([&](store::UnitOfWork& unit) -> Result<void> {
      const auto clocks = VG_TRY(unit.cases().breaches_to_flag(today, kBatch));
      const auto onward = VG_TRY(unit.onward_referrals().breaches_to_flag(today, kBatch));
      more = static_cast<int>(clocks.size()) == kBatch || static_cast<int>(onward.size()) == kBatch;
      std::vector<casework::CaseEvent> events;
      std::vector<casework::CaseTask> tasks;
      std::vector<accounts::AuditEntry> audit;
      auto flag = [&](const casework::CaseRecord& c, std::string kind, json::object detail, std::string reason,
                      std::string title) {
        auto task = breach_task(c, std::move(reason), std::move(title), today, now);
        events.push_back({0, c.id, now, actor, std::move(kind), json::serialize(detail)});
        events.push_back({0, c.id, now, actor, "task_created", task_event_detail(task)});
        detail["task_id"] = task.id;
        detail.erase("service_name");  // codes and ids only in the audit log
        audit.push_back(audit_entry(now, actor, "case.deadline_breached", "case", c.id, json::serialize(detail)));
        tasks.push_back(std::move(task));
      };
      for (const auto& d : clocks) {
        if (!casework::deadline_breached(d.due_date, today)) continue;
        if (!VG_TRY(unit.cases().flag_breach(d.case_id, d.code, now))) continue;  // flagged meanwhile
        auto c = VG_TRY(unit.cases().find(d.case_id));
        if (!c) continue;
        flag(*c, "deadline_breached",
             json::object{{"deadline", d.code}, {"due_date", text::iso_date(d.due_date)}},
             casework::deadline_breach_reason(d.code), casework::deadline_breach_title(d.code));
        ++flagged.case_deadlines;
      }
      for (const auto& r : onward) {
        if (!casework::deadline_breached(r.respond_by, today)) continue;
        if (!VG_TRY(unit.onward_referrals().flag_breach(r.id, now))) continue;
        auto c = VG_TRY(unit.cases().find(r.case_id));
        if (!c) continue;
        auto service = VG_TRY(store_.directory().find_service(r.service_id));
        const std::string name = service ? service->name : std::string("The service");
        flag(*c, "onward_referral_breached",
             json::object{{"onward_referral_id", r.id},
                          {"service_id", r.service_id},
                          {"service_name", name},
                          {"respond_by", text::iso_date(r.respond_by)}},
             std::string(casework::kOnwardBreachReason),
             name + " has not accepted or declined the referral in time: chase it, or refer elsewhere");
        ++flagged.onward_referrals;
      }
      if (!tasks.empty()) VG_CHECK(unit.tasks().insert(tasks));
      if (!events.empty()) VG_CHECK(unit.cases().append_events(events));
      if (!audit.empty()) VG_CHECK(unit.append_audit(audit));
      return {};
    }));
  }
  return flagged;
}

JobOutcome DeadlineBreaches::run(const store::ClaimedJob&) {
  auto flagged = flag_due();
  if (!flagged) return JobOutcome::retry("store_" + flagged.error().code);
  // The next run, in the same transaction as this one's completion, so the chain never breaks
  // and never doubles.
  auto job = job_for(interval_start(clock_.now(), every_, 1));
  return JobOutcome::done([job](store::UnitOfWork& unit, store::JobStatus) -> Result<void> {
    VG_CHECK(unit.jobs().enqueue(job));
    return {};
  });
}

}  // namespace vg::app
