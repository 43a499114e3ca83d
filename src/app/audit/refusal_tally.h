// Refused requests counted so that floods are audited without drowning the log: a wrong or
// revoked API key, a sign-in refused while its throttle makes the address wait. Counted in memory
// per bucket (an address and what was refused there), so a flood costs a map lookup rather than
// a database write; a count that accounts::audits_refusal picks (1 to 5, then 10, 20, 50, 100,
// ...) is written with the count so far. Across all buckets at most `entries_per_minute` entries
// a minute are written one by one; the rest are added up into one "audit.refusals_held_back"
// entry written when a later minute begins (or at shutdown), so even a flood from many addresses
// leaves a bounded trail that says how big it was. Each `serve` process counts its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/clock.h"
#include "domain/accounts/account_records.h"

namespace vg::app {

class RefusalTally {
 public:
  struct Limits {
    std::chrono::minutes forget_after{60};  // a bucket quiet this long counts from 1 again
    std::size_t buckets_kept = 10'000;       // past this, quiet buckets go, then all of them
    std::int64_t entries_per_minute = 60;    // entries written one by one, over all buckets
  };
  // `write`: where entries go (the batched audit writer in `serve`).
  using Write = std::function<void(accounts::AuditEntry)>;
  RefusalTally(const Clock& clock, Write write, Limits limits);
  RefusalTally(const Clock& clock, Write write) : RefusalTally(clock, std::move(write), Limits{}) {}
  ~RefusalTally();  // writes what is held back
  RefusalTally(const RefusalTally&) = delete;
  RefusalTally& operator=(const RefusalTally&) = delete;

  // Counts one refusal in `bucket` (never written anywhere, so it may name an address) and
  // writes `entry`, stamped now with "refusals" (the bucket's count) added to its detail, when
  // the count is one to audit and the minute's budget allows. Returns the bucket's count.
  std::int64_t count(const std::string& bucket, accounts::AuditEntry entry);
  // Writes the held-back entry now, if any refusals are held back.
  void flush();

  static constexpr std::string_view kActor = "system:audit";

 private:
  using Instant = std::chrono::system_clock::time_point;
  struct Bucket {
    std::int64_t count = 0;
    Instant last{};
  };
  void flush_locked(Instant now);
  void make_room_locked(Instant now);

  const Clock& clock_;
  Write write_;
  Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Instant minute_{};              // the minute whose budget is being spent
  std::int64_t written_ = 0;      // entries written in that minute
  std::int64_t held_back_ = 0;    // refusals to audit that the budget held back
};

}  // namespace vg::app
