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
  return schedule_recurring(store_, kJob, clock_.now(), every_);
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
  return done_and_queue_next(kJob, clock_.now(), every_);
}

}  // namespace vg::app
