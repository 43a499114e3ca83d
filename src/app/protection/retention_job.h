// The retention job: a recurring background job that erases the personal data of closed cases
// whose retention period has run out (domain/protection/retention.h decides which and when), one
// case per transaction, each with an audit entry naming the job, the rule and the record ids,
// never the erased data. Keeps insight's de-identified referral facts, skips held cases, and
// erases the MARAC history it kept once the repeat rule no longer needs it. Never logs a case.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <string_view>

#include "app/clock.h"
#include "app/jobs/job_runner.h"
#include "domain/protection/retention.h"
#include "domain/result.h"
#include "store/retention_repository.h"
#include "store/store.h"

namespace vg::app {

// The facts the retention rules read about a case, from the store's row (its London dates).
protection::RetentionFacts retention_facts(const store::RetentionCandidate& candidate);
// What an erasure removed, kind by kind, for its audit entry (counts, never contents).
boost::json::object erased_counts(const store::ErasedRows& rows);

// What one run did.
struct RetentionRun {
  int erased = 0;            // cases whose personal data went
  int held = 0;              // due, but a legal hold is in force
  int marac_histories = 0;   // kept MARAC histories that went
};

class RetentionJob {
 public:
  static constexpr std::string_view kJob = "protection.retention";
  static constexpr std::string_view kActor = "system:retention";

  // `retention` works on `store`'s database.
  RetentionJob(store::Store& store, store::RetentionRepository& retention, const Clock& clock,
               protection::RetentionPeriods periods,
               std::chrono::minutes every = std::chrono::minutes(60))
      : store_(store), retention_(retention), clock_(clock), periods_(periods), every_(every) {}

  void register_jobs(JobRunner& runner);
  // Queues the run of the present interval unless it was queued already (each process may call
  // this at start; the dedupe key lets one through). Each run queues the next.
  Result<void> schedule();
  // Erases every case due now, in batches; a case a hold or another run reached first is skipped.
  Result<RetentionRun> erase_due();
  // The job's run: exposed for tests.
  JobOutcome run(const store::ClaimedJob& job);

 private:
  store::Store& store_;
  store::RetentionRepository& retention_;
  const Clock& clock_;
  protection::RetentionPeriods periods_;
  std::chrono::minutes every_;
};

}  // namespace vg::app
