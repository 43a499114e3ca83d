#include "app/jobs/job_runner.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "app/security/random_token.h"

namespace vg::app {

std::chrono::seconds retry_delay(int attempts, const JobRunnerOptions& options) {
  auto delay = std::max(options.first_retry, std::chrono::seconds(1));
  // Doubling stops at the cap, so a large attempt count never overflows.
  for (int i = 1; i < attempts && delay < options.longest_retry; ++i) delay *= 2;
  return std::min(delay, std::max(options.longest_retry, std::chrono::seconds(1)));
}

std::string_view to_code(JobEvent::Kind kind) {
  switch (kind) {
    case JobEvent::Kind::kDone: return "done";
    case JobEvent::Kind::kRetried: return "retried";
    case JobEvent::Kind::kDead: return "dead";
    case JobEvent::Kind::kLost: return "lost";
  }
  std::unreachable();
}

JobRunner::JobRunner(store::Store& store, const Clock& clock, JobRunnerOptions options)
    : store_(store), clock_(clock), options_(options) {}

void JobRunner::handle(std::string kind, JobHandler handler) {
  handlers_[std::move(kind)] = std::move(handler);
}

Result<JobRunSummary> JobRunner::run_due(int max) {
  JobRunSummary summary;
  summary.reclaimed = static_cast<int>(VG_TRY(store_.jobs().reclaim_expired(clock_.now())));
  const auto now = clock_.now();
  // A fresh token per claim: only this claim's holder can record these jobs' outcomes.
  const auto claimed =
      VG_TRY(store_.jobs().claim(max, now, now + options_.lease, random_hex(16)));
  summary.claimed = static_cast<int>(claimed.size());
  for (const auto& job : claimed) {
    const JobOutcome outcome = run_one(job);
    auto went = record(job, outcome);
    JobEvent event{JobEvent::Kind::kLost, job.kind, job.id, job.attempts, outcome.error};
    if (!went) {
      ++summary.lost;
    } else if (*went == store::JobStatus::kDone) {
      event.kind = JobEvent::Kind::kDone;
      ++summary.done;
    } else if (*went == store::JobStatus::kDead) {
      event.kind = JobEvent::Kind::kDead;
      ++summary.dead;
    } else {
      event.kind = JobEvent::Kind::kRetried;
      ++summary.retried;
    }
    if (!went) event.error = went.error().code;
    if (observer_) observer_(event);
  }
  return summary;
}

JobOutcome JobRunner::run_one(const store::ClaimedJob& job) {
  auto handler = handlers_.find(job.kind);
  if (handler == handlers_.end()) return JobOutcome::dead("no_handler");
  // A handler that throws has a bug; the job waits for a retry rather than taking the runner down.
  try {
    return handler->second(job);
  } catch (const std::exception&) {
    return JobOutcome::retry("handler_threw");
  }
}

Result<store::JobStatus> JobRunner::record(const store::ClaimedJob& job,
                                           const JobOutcome& outcome) {
  const auto at = clock_.now();
  store::JobStatus went = store::JobStatus::kDone;
  VG_CHECK(store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    // The job's row first: if this runner lost its lease, nothing of the outcome lands.
    if (outcome.kind == JobOutcome::Kind::kDone) {
      VG_CHECK(unit.jobs().complete(job, at));
      went = store::JobStatus::kDone;
    } else {
      store::JobFailure failure;
      failure.error = outcome.error.empty() ? "failed" : outcome.error;
      failure.retry_at = at + retry_delay(job.attempts, options_);
      failure.permanent = outcome.kind == JobOutcome::Kind::kDead;
      went = VG_TRY(unit.jobs().fail(job, failure, at));
    }
    if (outcome.record) VG_CHECK(outcome.record(unit, went));
    return {};
  }));
  return went;
}

}  // namespace vg::app
