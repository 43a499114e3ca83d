// One run of a recurring background job (deadline breaches, retention, chat transcripts, insight):
// due at the start of its interval and queued at most once per interval however many processes
// schedule it, so each run queuing the next keeps one chain that never breaks and never doubles.
#pragma once

#include <chrono>
#include <string_view>

#include "app/jobs/job_runner.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// The start of the interval of length `every` (counted from the epoch) that holds `now`, moved
// on by `later` intervals.
std::chrono::system_clock::time_point interval_start(std::chrono::system_clock::time_point now,
                                                     std::chrono::minutes every, int later = 0);

// The run of `kind` due at `slot_start` (an interval_start), created at `created_at`: its dedupe
// key is the kind and the slot, so a second request for the same slot queues nothing.
store::JobRequest recurring_run(std::string_view kind, std::chrono::system_clock::time_point slot_start,
                                std::chrono::system_clock::time_point created_at);

// Queues the run of `kind` for the interval holding `now`, unless it is queued already: every
// process may call this at start, and the dedupe key lets one through.
Result<void> schedule_recurring(store::Store& store, std::string_view kind, std::chrono::system_clock::time_point now,
                                std::chrono::minutes every);

// What a run of `kind` that went well comes to: done, with the next interval's run queued in the
// same transaction as its completion, so the chain never breaks and never doubles.
JobOutcome done_and_queue_next(std::string_view kind, std::chrono::system_clock::time_point now,
                               std::chrono::minutes every);

}  // namespace vg::app
