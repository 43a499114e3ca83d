// Keeping a chat's words no longer than needed: a recurring job on the casework job runner that
// deletes the transcript of every chat that ended more than the configured period ago without
// becoming a referral (the victim did not consent to one), leaving only de-identified facts: the
// area, the times and whether it was answered. Each deletion is audited with the job as actor.
// Never touches a chat that became a referral (its transcript is the case's), nor case data.
#pragma once

#include <chrono>
#include <string_view>

#include "app/clock.h"
#include "app/jobs/job_runner.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class TranscriptRetention {
 public:
  static constexpr std::string_view kJob = "chat.transcript_retention";
  static constexpr std::string_view kActor = "system:chat_transcript_retention";

  // `keep`: how long after it ended a chat's transcript is kept (Config::chat_transcript_days).
  TranscriptRetention(store::Store& store, const Clock& clock, std::chrono::days keep,
                      std::chrono::minutes every = std::chrono::minutes(60))
      : store_(store), clock_(clock), keep_(keep), every_(every) {}

  // Registers the job's handler with `runner`.
  void register_jobs(JobRunner& runner);
  // Queues the run of the present interval unless it is queued already (every process may call
  // this at start: the dedupe key lets one through). Each run queues the next.
  Result<void> schedule();
  // Deletes every transcript due now (ended strictly more than `keep` ago), in batches; how
  // many. A chat made a referral meanwhile is left alone (the store checks again as it deletes).
  Result<int> delete_due();
  // The job's run: exposed for tests.
  JobOutcome run(const store::ClaimedJob& job);

 private:
  store::Store& store_;
  const Clock& clock_;
  std::chrono::days keep_;
  std::chrono::minutes every_;
};

}  // namespace vg::app
