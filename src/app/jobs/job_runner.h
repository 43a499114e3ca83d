// Runs background jobs (the outbox, deadline breach flags, later retention) by kind: claims the
// due ones with a lease, runs each handler, records done, retry with backoff, or dead-letter.
// Never runs a job another runner holds; never reports a payload (ids and codes only).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "app/clock.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// What one run of a handler came to.
struct JobOutcome {
  enum class Kind { kDone, kRetry, kDead };
  Kind kind = Kind::kDone;
  std::string error;  // kRetry, kDead: a code or a short message, never personal data
  // Writes that land in the same transaction as the job's outcome (a message marked sent with
  // its send job done), given where the job went: kDone, kQueued (a retry) or kDead. Unset: none.
  std::function<Result<void>(store::UnitOfWork&, store::JobStatus)> record;

  static JobOutcome done(decltype(record) also = {}) { return {Kind::kDone, {}, std::move(also)}; }
  // Running again later may help (a server down, a timeout).
  static JobOutcome retry(std::string why, decltype(record) also = {}) {
    return {Kind::kRetry, std::move(why), std::move(also)};
  }
  // Running again cannot help (the provider refused the message): dead-letter at once.
  static JobOutcome dead(std::string why, decltype(record) also = {}) {
    return {Kind::kDead, std::move(why), std::move(also)};
  }
};

// Runs one claimed job. Called on the runner's thread; may block (a send); should not throw.
using JobHandler = std::function<JobOutcome(const store::ClaimedJob&)>;

struct JobRunnerOptions {
  // How long a claimed job is held: longer than any handler takes (a send's timeouts included),
  // so a job is only taken from a runner that died or hung.
  std::chrono::seconds lease{300};
  std::chrono::seconds first_retry{30};     // after the first failure
  std::chrono::seconds longest_retry{3600};  // the backoff doubles up to this
};

// The wait before the next try of a job that has failed `attempts` times: first_retry doubled at
// each further failure, never above longest_retry.
std::chrono::seconds retry_delay(int attempts, const JobRunnerOptions& options);

// One run_due's count of what happened.
struct JobRunSummary {
  int reclaimed = 0;  // leases that had run out, put back before claiming
  int claimed = 0;
  int done = 0;
  int retried = 0;
  int dead = 0;
  int lost = 0;  // outcomes not recorded: the lease ran out first, or the store failed
};

// What happened to one job, for metrics and logs: no payload, no personal data.
struct JobEvent {
  enum class Kind { kDone, kRetried, kDead, kLost };
  Kind kind;
  std::string_view job_kind;
  std::string_view job_id;
  int attempts = 0;
  std::string_view error;
};
std::string_view to_code(JobEvent::Kind kind);  // "done" | "retried" | "dead" | "lost"

class JobRunner {
 public:
  // The actor background jobs write audit entries as.
  static constexpr std::string_view kActor = "system:jobs";

  JobRunner(store::Store& store, const Clock& clock, JobRunnerOptions options = {});

  // Registers the handler of `kind`. All handlers before the first run_due; not thread-safe.
  void handle(std::string kind, JobHandler handler);
  // Called for every job run (not thread-safe to change while running).
  void on_event(std::function<void(const JobEvent&)> observer) { observer_ = std::move(observer); }

  // Puts back jobs whose lease ran out, then claims up to `max` due jobs and runs them one by
  // one. A job of a kind with no handler is dead-lettered ("no_handler"). Fails only when the
  // store cannot claim; a job's own failure is its outcome.
  Result<JobRunSummary> run_due(int max);

 private:
  JobOutcome run_one(const store::ClaimedJob& job);
  // Records `outcome` with its writes, in one transaction; where the job went, or the error.
  Result<store::JobStatus> record(const store::ClaimedJob& job, const JobOutcome& outcome);

  store::Store& store_;
  const Clock& clock_;
  JobRunnerOptions options_;
  std::map<std::string, JobHandler, std::less<>> handlers_;
  std::function<void(const JobEvent&)> observer_;
};

}  // namespace vg::app
