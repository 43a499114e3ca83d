// One run of a recurring background job (the deadline-breach job, chat transcript retention):
// due at the start of its interval and queued at most once per interval however many processes
// schedule it, so each run queuing the next keeps one chain that never breaks and never doubles.
// Builds requests only; never writes.
#pragma once

#include <chrono>
#include <string_view>

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

}  // namespace vg::app
