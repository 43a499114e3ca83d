#include "app/chat/transcript_retention.h"

#include "app/audit/audit_entry.h"
#include "app/jobs/recurring_job.h"
#include "store/unit_of_work.h"

namespace vg::app {
namespace {

// Chats deleted per read of those due: enough to catch up after a long stop, a row at a time.
constexpr int kBatch = 100;

}  // namespace

void TranscriptRetention::register_jobs(JobRunner& runner) {
  runner.handle(std::string(kJob), [this](const store::ClaimedJob& job) { return run(job); });
}

Result<void> TranscriptRetention::schedule() {
  return store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.jobs().enqueue(recurring_run(kJob, interval_start(clock_.now(), every_), clock_.now())));
    return {};
  });
}

Result<int> TranscriptRetention::delete_due() {
  const auto now = clock_.now();
  const auto ended_before = now - keep_;
  int deleted = 0;
  for (bool more = true; more;) {
    // Not VG_TRY: g++ 12 takes the vector moved out of its statement expression for one freed.
    auto due = store_.chats().transcripts_due(ended_before, kBatch);
    if (!due) return std::unexpected(std::move(due.error()));
    more = static_cast<int>(due->size()) == kBatch;
    for (const auto& id : *due) {
      const auto audit = audit_entry(now, std::string(kActor), "chat.transcript_deleted", "chat", id);
      if (VG_TRY(store_.chats().delete_transcript(id, ended_before, now, audit))) ++deleted;
    }
  }
  return deleted;
}

JobOutcome TranscriptRetention::run(const store::ClaimedJob&) {
  auto deleted = delete_due();
  if (!deleted) return JobOutcome::retry("store_" + deleted.error().code);
  // The next run lands with this one's completion, so the chain never breaks and never doubles.
  auto job = recurring_run(kJob, interval_start(clock_.now(), every_, 1), clock_.now());
  return JobOutcome::done([job](store::UnitOfWork& unit, store::JobStatus) -> Result<void> {
    VG_CHECK(unit.jobs().enqueue(job));
    return {};
  });
}

}  // namespace vg::app
