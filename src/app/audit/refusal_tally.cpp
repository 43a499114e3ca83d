#include "app/audit/refusal_tally.h"

#include <utility>

#include "app/audit/audit_entry.h"
#include "domain/accounts/refusal_audit.h"

namespace vg::app {

RefusalTally::RefusalTally(const Clock& clock, Write write, Limits limits)
    : clock_(clock), write_(std::move(write)), limits_(limits) {}

RefusalTally::~RefusalTally() { flush(); }

std::int64_t RefusalTally::count(const std::string& bucket, accounts::AuditEntry entry) {
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  const auto minute = std::chrono::floor<std::chrono::minutes>(now);
  if (minute != minute_) {
    flush_locked(now);
    minute_ = minute;
    written_ = 0;
  }
  auto found = buckets_.find(bucket);
  if (found == buckets_.end()) {
    make_room_locked(now);
    found = buckets_.emplace(bucket, Bucket{}).first;
  }
  Bucket& b = found->second;
  if (b.count > 0 && now - b.last >= limits_.forget_after) b.count = 0;
  b.count += 1;
  b.last = now;
  if (!accounts::audits_refusal(b.count)) return b.count;
  if (written_ >= limits_.entries_per_minute) {
    held_back_ += 1;
    return b.count;
  }
  written_ += 1;
  entry.at = now;
  write_(accounts::with_refusal_count(std::move(entry), b.count));
  return b.count;
}

void RefusalTally::flush() {
  std::lock_guard lock(mutex_);
  flush_locked(clock_.now());
}

void RefusalTally::flush_locked(Instant now) {
  if (held_back_ == 0) return;
  write_(accounts::with_refusal_count(
      audit_entry(now, std::string(kActor), "audit.refusals_held_back", "audit", "",
                  "{\"entries_per_minute\":" + std::to_string(limits_.entries_per_minute) + "}"),
      held_back_));
  held_back_ = 0;
}

void RefusalTally::make_room_locked(Instant now) {
  if (buckets_.size() < limits_.buckets_kept) return;
  std::erase_if(buckets_, [&](const auto& kv) { return now - kv.second.last >= limits_.forget_after; });
  // Still full of live buckets (a flood from many addresses): start again. Counts restart at 1,
  // which the minute's budget keeps from flooding the log.
  if (buckets_.size() >= limits_.buckets_kept) buckets_.clear();
}

}  // namespace vg::app
