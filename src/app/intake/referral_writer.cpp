#include "app/intake/referral_writer.h"

#include <vector>

namespace vg::app {

ReferralWriter::ReferralWriter(StoreGroup store_group, std::size_t max_group)
    : store_group_(std::move(store_group)), max_group_(max_group == 0 ? 1 : max_group), thread_([this] { run(); }) {}

ReferralWriter::~ReferralWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  arrived_.notify_one();
  thread_.join();
}

void ReferralWriter::submit(NewReferral referral, Done done) {
  {
    std::lock_guard lock(mutex_);
    waiting_.push_back(Waiting{std::move(referral), std::move(done)});
  }
  arrived_.notify_one();
}

void ReferralWriter::wait_until_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return waiting_.empty() && !writing_; });
}

void ReferralWriter::run() {
  std::vector<Waiting> group;
  std::vector<NewReferral> items;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      arrived_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) return;  // stopping, and nothing left to store
      // Everything that arrived while the last group was committing goes in this one.
      while (!waiting_.empty() && group.size() < max_group_) {
        group.push_back(std::move(waiting_.front()));
        waiting_.pop_front();
      }
      writing_ = true;
    }
    items.clear();
    for (auto& w : group) items.push_back(std::move(w.referral));
    auto answers = store_group_(items);
    for (std::size_t i = 0; i < group.size(); ++i) {
      auto answer = i < answers.size()
                        ? std::move(answers[i])
                        : Result<IntakeOutcome>(fail("internal", "The store gave no answer"));
      // A callback that throws (out of memory) must not end the writer, or every later caller
      // would wait forever; its own caller is past helping.
      try {
        group[i].done(std::move(answer));
      } catch (...) {
      }
    }
    group.clear();
    std::lock_guard lock(mutex_);
    writing_ = false;
    if (waiting_.empty()) idle_.notify_all();
  }
}

}  // namespace vg::app
