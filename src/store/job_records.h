// The job queue's records: a job to queue, a job a runner claimed, and a stored job as the
// dead-letter list shows it. Plain values; payloads and errors never hold personal data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/accounts/account_records.h"

namespace vg::store {

// A job to queue. The caller picks the id (a random UUID) and every instant.
struct JobRequest {
  std::string id;
  std::string kind;     // the handler's name, e.g. "outbox.send"
  std::string payload;  // what the handler needs: ids and codes, never a victim's details
  accounts::Instant run_after{};
  int max_attempts = 5;
  // Empty: none. Otherwise a job with this key is queued at most once, ever (while its row is
  // kept): "deadline-breach:<case>:<deadline>".
  std::string dedupe_key;
  accounts::Instant created_at{};
};

// What enqueue did: a job with the same dedupe key already existed, so nothing was queued.
enum class Enqueued { kQueued, kAlreadyQueued };

enum class JobStatus { kQueued, kRunning, kDone, kDead };
std::string_view to_code(JobStatus status);  // "queued" | "running" | "done" | "dead"

// A job one runner holds until `lease_until`: nobody else claims it before then. Completing or
// failing it needs the lease token, so a runner whose lease ran out (and whose job went to
// another) cannot record an outcome over the other's.
struct ClaimedJob {
  std::string id;
  std::string kind;
  std::string payload;
  int attempts = 0;  // this run counted
  int max_attempts = 1;
  std::string lease_token;
  accounts::Instant lease_until{};
};

// How a run failed. `error` is a code or a short message without personal data.
struct JobFailure {
  std::string error;
  accounts::Instant retry_at{};  // when it may run again, unless it is dead
  bool permanent = false;        // dead at once: running it again cannot help
};

// A stored job, for the dead-letter list and for checks.
struct JobRecord {
  std::string id;
  std::string kind;
  std::string payload;
  std::string dedupe_key;
  JobStatus status = JobStatus::kQueued;
  int attempts = 0;
  int max_attempts = 1;
  accounts::Instant run_after{};
  std::string last_error;
  accounts::Instant created_at{};
  accounts::Instant updated_at{};  // a dead job's: when it died
};

}  // namespace vg::store
