// The deadline-breach job: a recurring background job that flags Victims' Code clocks and onward
// referrals' respond-by dates that ran out, once each (a timeline event, a task for the case
// holder, an audit entry), and queues its own next run. Never messages anyone; never logs a case.
#pragma once

#include <chrono>
#include <string_view>

#include "app/clock.h"
#include "app/jobs/job_runner.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// What one run flagged.
struct BreachesFlagged {
  int case_deadlines = 0;
  int onward_referrals = 0;
};

class DeadlineBreaches {
 public:
  static constexpr std::string_view kJob = "casework.deadline_breaches";
  static constexpr std::string_view kActor = "system:deadline_breaches";

  DeadlineBreaches(store::Store& store, const Clock& clock, std::chrono::minutes every = std::chrono::minutes(60))
      : store_(store), clock_(clock), every_(every) {}

  // Registers the job's handler with `runner`.
  void register_jobs(JobRunner& runner);
  // Queues the run of the present interval (due now) unless it was queued already: every process
  // may call this at start, and the dedupe key lets one job through. Each run queues the next.
  Result<void> schedule();
  // Flags every breach not yet flagged, in batches, each in a unit of work of its own. A breach
  // another run flagged meanwhile is skipped (the flag is set by one statement only).
  Result<BreachesFlagged> flag_due();
  // The job's run: exposed for tests.
  JobOutcome run(const store::ClaimedJob& job);

 private:
  store::JobRequest job_for(accounts::Instant slot_start) const;

  store::Store& store_;
  const Clock& clock_;
  std::chrono::minutes every_;
};

}  // namespace vg::app
