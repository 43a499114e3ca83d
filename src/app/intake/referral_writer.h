// Group commit for referral creates. Callers hand in a referral and are answered once it is
// durable; one thread takes every referral waiting and stores them together with one commit,
// so sixty-four callers at once cost one flush of the write-ahead log, not sixty-four, and no
// caller's thread is held while the disk syncs.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "app/intake/referral_creation.h"

namespace vg::app {

class ReferralWriter {
 public:
  // Called on the writer's thread, once per referral, after its group committed (or failed): keep
  // it short, since the next group waits for it.
  using Done = std::function<void(Result<IntakeOutcome>)>;
  // Stores a group in one transaction, one answer per item in order (ReferralCreation::create_each).
  using StoreGroup = std::function<std::vector<Result<IntakeOutcome>>(const std::vector<NewReferral>&)>;

  // `max_group` bounds one transaction, so one group cannot hold the database for long.
  explicit ReferralWriter(StoreGroup store_group, std::size_t max_group = 256);
  // Stores whatever is still waiting, answers it, then stops.
  ~ReferralWriter();
  ReferralWriter(const ReferralWriter&) = delete;
  ReferralWriter& operator=(const ReferralWriter&) = delete;

  // Thread-safe. `done` is always called, exactly once.
  void submit(NewReferral referral, Done done);
  // Returns once every referral submitted before the call is stored and answered.
  void wait_until_idle();

 private:
  struct Waiting {
    NewReferral referral;
    Done done;
  };
  void run();

  StoreGroup store_group_;
  const std::size_t max_group_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::condition_variable idle_;
  bool writing_ = false;  // a group is being stored and answered
  std::deque<Waiting> waiting_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace vg::app
