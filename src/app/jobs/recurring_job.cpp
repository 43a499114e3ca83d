#include "app/jobs/recurring_job.h"

#include <string>

#include "app/security/random_token.h"
#include "store/unit_of_work.h"

namespace vg::app {

std::chrono::system_clock::time_point interval_start(std::chrono::system_clock::time_point now,
                                                     std::chrono::minutes every, int later) {
  const auto slot = std::chrono::floor<std::chrono::minutes>(now);
  return slot - (slot.time_since_epoch() % every) + every * later;
}

store::JobRequest recurring_run(std::string_view kind, std::chrono::system_clock::time_point slot_start,
                                std::chrono::system_clock::time_point created_at) {
  store::JobRequest job;
  job.id = random_uuid();
  job.kind = std::string(kind);
  job.payload = "{}";
  job.run_after = slot_start;
  job.max_attempts = 3;
  // One job per interval, ever: however many processes schedule it, one is queued.
  job.dedupe_key = std::string(kind) + ":" +
                   std::to_string(std::chrono::duration_cast<std::chrono::minutes>(slot_start.time_since_epoch()).count());
  job.created_at = created_at;
  return job;
}

Result<void> schedule_recurring(store::Store& store, std::string_view kind, std::chrono::system_clock::time_point now,
                                std::chrono::minutes every) {
  return store.write([&](store::UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.jobs().enqueue(recurring_run(kind, interval_start(now, every), now)));
    return {};
  });
}

JobOutcome done_and_queue_next(std::string_view kind, std::chrono::system_clock::time_point now,
                               std::chrono::minutes every) {
  auto job = recurring_run(kind, interval_start(now, every, 1), now);
  return JobOutcome::done([job](store::UnitOfWork& unit, store::JobStatus) -> Result<void> {
    VG_CHECK(unit.jobs().enqueue(job));
    return {};
  });
}

}  // namespace vg::app
