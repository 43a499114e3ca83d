#include "app/insight/insight_refresh.h"

#include "app/jobs/recurring_job.h"

namespace vg::app {
namespace {

// Months taken at one run: three areas over eight years, with room to spare. More wait a minute.
constexpr int kMostMonths = 1000;

}  // namespace

void InsightRefresh::register_jobs(JobRunner& runner) {
  runner.handle(std::string(kJob), [this](const store::ClaimedJob& job) { return run(job); });
}

Result<void> InsightRefresh::schedule() {
  return schedule_recurring(store_, kJob, clock_.now(), every_);
}

Result<int> InsightRefresh::refresh_stale() {
  // Not VG_TRY: g++ 12 takes the vector moved out of its statement expression for one freed.
  auto stale = store_.insight().stale_months(kMostMonths);
  if (!stale) return std::unexpected(std::move(stale.error()));
  for (const auto& m : *stale) VG_CHECK(store_.insight().refresh_month(m.area, m.month));
  return static_cast<int>(stale->size());
}

JobOutcome InsightRefresh::run(const store::ClaimedJob&) {
  auto refreshed = refresh_stale();
  if (!refreshed) return JobOutcome::retry("store_" + refreshed.error().code);
  return done_and_queue_next(kJob, clock_.now(), every_);
}

}  // namespace vg::app
