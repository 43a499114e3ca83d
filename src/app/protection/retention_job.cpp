#include "app/protection/retention_job.h"

#include <algorithm>
#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/jobs/recurring_job.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

constexpr int kBatch = 100;

// No rule erases sooner than this after the close: cases closed since are not read at all.
// Months and years at their shortest (28 and 365 days), less two days: a case is due from the
// start of a London day, so one closed later in the day than now is due today too. A lower
// bound only; the decision itself is exact.
std::chrono::days shortest_period(const protection::RetentionPeriods& p) {
  return std::min({std::chrono::days(7 * p.no_service_weeks), std::chrono::days(28 * p.unable_to_contact_months),
                   std::chrono::days(365 * p.supported_years)}) -
         std::chrono::days(2);
}

}  // namespace

protection::RetentionFacts retention_facts(const store::RetentionCandidate& c) {
  protection::RetentionFacts f;
  if (!c.close_reason.empty()) {  // empty: an open case (RetentionRepository::case_facts)
    f.close_reason = c.close_reason;
    f.closed_on = deadlines::london_date(c.closed_at);
  }
  f.last_contact_on = deadlines::london_date(c.last_activity_at);
  if (c.last_marac_at) f.last_marac_referral = deadlines::london_date(*c.last_marac_at);
  if (auto given = text::parse_iso_date(c.last_marac_given)) {
    if (!f.last_marac_referral || std::chrono::sys_days(*given) > std::chrono::sys_days(*f.last_marac_referral)) {
      f.last_marac_referral = given;
    }
  }
  f.held = c.held;
  return f;
}

json::object erased_counts(const store::ErasedRows& r) {
  return json::object{{"referral_documents", r.referral_documents},
                      {"notes", r.notes},
                      {"needs_assessments", r.needs_assessments},
                      {"plan_actions", r.plan_actions},
                      {"drafts", r.drafts},
                      {"events", r.events},
                      {"tasks", r.tasks},
                      {"risk_assessments", r.risk_assessments},
                      {"person_keys", r.person_keys},
                      {"idempotency_records", r.idempotency_records},
                      {"messages", r.messages},
                      {"break_glass_notes", r.break_glass_notes},
                      {"chat_events", r.chat_events}};
}

void RetentionJob::register_jobs(JobRunner& runner) {
  runner.handle(std::string(kJob), [this](const store::ClaimedJob& job) { return run(job); });
}

Result<void> RetentionJob::schedule() {
  return schedule_recurring(store_, kJob, clock_.now(), every_);
}

Result<RetentionRun> RetentionJob::erase_due() {
  RetentionRun run;
  const auto now = clock_.now();
  const auto today = deadlines::london_date(now);
  const std::string actor(kActor);
  std::string after;
  for (;;) {
    const auto batch = VG_TRY(retention_.candidates(now - shortest_period(periods_), after, kBatch));
    for (const auto& candidate : batch) {
      const auto decision = protection::decide_retention(retention_facts(candidate), periods_, today);
      if (!decision.rule || !decision.erase_on) continue;
      if (!decision.due) {
        if (candidate.held && std::chrono::sys_days(*decision.erase_on) <= std::chrono::sys_days(today)) ++run.held;
        continue;
      }
      store::CaseErasure erasure;
      erasure.case_id = candidate.case_id;
      erasure.rule = std::string(protection::to_code(*decision.rule));
      erasure.erased_at = now;
      if (decision.keep_marac_until) erasure.marac_kept_until = text::iso_date(*decision.keep_marac_until);
      auto erased = VG_TRY(retention_.erase_case(erasure, [&](const store::ErasedRows& rows) {
        json::object detail{{"rule", erasure.rule}, {"referral_id", candidate.case_id}, {"erased", erased_counts(rows)}};
        if (!erasure.marac_kept_until.empty()) detail["marac_kept_until"] = erasure.marac_kept_until;
        return audit_entry(now, actor, "case.personal_data_erased", "case", candidate.case_id, json::serialize(detail));
      }));
      if (erased) {
        ++run.erased;
      } else {
        ++run.held;  // a hold placed meanwhile, or another run erased it first
      }
    }
    if (static_cast<int>(batch.size()) < kBatch) break;
    after = batch.back().case_id;
  }
  for (;;) {
    const auto due = VG_TRY(retention_.marac_history_due(text::iso_date(today), kBatch));
    int erased = 0;
    for (const auto& case_id : due) {
      const auto entry = audit_entry(now, actor, "case.marac_history_erased", "case", case_id,
                                     json::serialize(json::object{{"referral_id", case_id}}));
      if (VG_TRY(retention_.erase_marac_history(case_id, now, entry))) ++erased;
    }
    run.marac_histories += erased;
    if (static_cast<int>(due.size()) < kBatch || erased == 0) break;
  }
  return run;
}

JobOutcome RetentionJob::run(const store::ClaimedJob&) {
  auto done = erase_due();
  if (!done) return JobOutcome::retry("store_" + done.error().code);
  return done_and_queue_next(kJob, clock_.now(), every_);
}

}  // namespace vg::app
