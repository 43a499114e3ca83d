// Keeping insight's stored figures current: a recurring job on the job runner that works out
// again, from the facts, the figures of every month a fact was written in since its last run
// (store InsightRepository::stale_months). Insight counts a stale month from the facts meanwhile,
// so the figures shown never wait for this job; it only keeps the dashboards fast (issue 15, P5).
// Reads and writes counts only, never a referral.
#pragma once

#include <chrono>
#include <string_view>

#include "app/clock.h"
#include "app/jobs/job_runner.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class InsightRefresh {
 public:
  static constexpr std::string_view kJob = "insight.refresh";

  InsightRefresh(store::Store& store, const Clock& clock, std::chrono::minutes every = std::chrono::minutes(1))
      : store_(store), clock_(clock), every_(every) {}

  // Registers the job's handler with `runner`.
  void register_jobs(JobRunner& runner);
  // Queues the run of the present interval unless it is queued already (every process may call
  // this at start: the dedupe key lets one through). Each run queues the next.
  Result<void> schedule();
  // Refreshes the months stale when it starts, each in a transaction of its own; how many. Months
  // marked while it runs wait for the next run, so steady intake cannot keep it going.
  Result<int> refresh_stale();
  // The job's run: exposed for tests.
  JobOutcome run(const store::ClaimedJob& job);

 private:
  store::Store& store_;
  const Clock& clock_;
  std::chrono::minutes every_;
};

}  // namespace vg::app
