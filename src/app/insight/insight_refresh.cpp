#include "app/insight/insight_refresh.h"

#include "app/jobs/recurring_job.h"
#include "store/unit_of_work.h"

namespace vg::app {
namespace {

// Months taken at one run: three areas over eight years, with room to spare. More wait a minute.
constexpr int kMostMonths = 1000;

}  // namespace

void InsightRefresh::register_jobs(JobRunner& runner) {
  runner.handle(std::string(kJob), [this](const store::ClaimedJob& job) { return run(job); });
}

Result<void> InsightRefresh::schedule() {
  return store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.jobs().enqueue(recurring_run(kJob, interval_start(clock_.now(), every_), clock_.now())));
    return {};
  });
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
  // The next run lands with this one's completion, so the chain never breaks and never doubles.
  auto job = recurring_run(kJob, interval_start(clock_.now(), every_, 1), clock_.now());
  return JobOutcome::done([job](store::UnitOfWork& unit, store::JobStatus) -> Result<void> {
    VG_CHECK(unit.jobs().enqueue(job));
    return {};
  });
}

}  // namespace vg::app
