// The group-commit writer: every referral answered once, in groups no larger than asked, with
// one store call for all that waited; on a real SQLite store. People here are invented.
#include "app/intake/referral_writer.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "intake_store.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

const std::string kPolice = "7a1c0e52-3d4b-4c1e-9f00-0000000000aa";

// The intake's own group create on a real store, watched: records the size of every group it
// stores, and can hold the first group until the test lets it go (so that others queue up
// behind it).
class WatchedCreation {
 public:
  explicit WatchedCreation(store::Store& store) : creation_(store) {}

  ReferralWriter::StoreGroup store_group() {
    return [this](const std::vector<NewReferral>& items) {
      std::unique_lock lock(mutex_);
      sizes_.push_back(items.size());
      changed_.notify_all();
      changed_.wait(lock, [&] { return !held_; });
      lock.unlock();
      return creation_.create_each(items);
    };
  }

  void hold() {
    std::lock_guard lock(mutex_);
    held_ = true;
  }
  void release() {
    std::lock_guard lock(mutex_);
    held_ = false;
    changed_.notify_all();
  }
  bool wait_for_groups(std::size_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 5s, [&] { return sizes_.size() >= n; });
  }
  std::vector<std::size_t> sizes() {
    std::lock_guard lock(mutex_);
    return sizes_;
  }

 private:
  ReferralCreation creation_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::size_t> sizes_;
  bool held_ = false;
};

class ReferralWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    testing::add_police_organisation(*store_, kPolice);
    watched_ = std::make_unique<WatchedCreation>(*store_);
  }

  static NewReferral referral(int n, std::string prefix = "MY-2026-") {
    NewReferral item;
    auto& r = item.referral;
    r.id = "00000000-0000-4000-8000-" + std::string(12 - std::to_string(n).size(), '0') +
           std::to_string(n);
    r.area = "merseyside";
    r.channel = "police";
    r.source_organisation_id = kPolice;
    r.consent_state = "refer_unless_opted_out";
    r.outcome = "routed";
    r.document = "{}";
    r.assessment = "{}";
    item.reference_prefix = std::move(prefix);
    item.audit.actor = "test";
    item.audit.action = "referral.create";
    item.audit.entity_type = "referral";
    return item;
  }

  // Collects answers from the writer's thread.
  struct Answers {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Result<IntakeOutcome>> got;
    ReferralWriter::Done taker() {
      return [this](Result<IntakeOutcome> a) {
        std::lock_guard lock(mutex);
        got.push_back(std::move(a));
        changed.notify_all();
      };
    }
    bool wait_for(std::size_t n) {
      std::unique_lock lock(mutex);
      return changed.wait_for(lock, 10s, [&] { return got.size() >= n; });
    }
  };

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<WatchedCreation> watched_;
};

TEST_F(ReferralWriterTest, ReferralsThatWaitedAreStoredTogetherInGroupsNoLargerThanAsked) {
  Answers answers;
  ReferralWriter writer(watched_->store_group(), /*max_group=*/4);
  watched_->hold();
  writer.submit(referral(1), answers.taker());
  ASSERT_TRUE(watched_->wait_for_groups(1));  // the first group is being stored...
  for (int n = 2; n <= 11; ++n) writer.submit(referral(n), answers.taker());  // ...these wait
  watched_->release();
  ASSERT_TRUE(answers.wait_for(11));
  EXPECT_EQ(watched_->sizes(), (std::vector<std::size_t>{1, 4, 4, 2}));
  std::set<std::string> references;
  for (const auto& a : answers.got) {
    ASSERT_TRUE(a.has_value()) << a.error().message;
    EXPECT_TRUE(a->created());
    references.insert(a->referral.reference);
  }
  EXPECT_EQ(references.size(), 11u);
  EXPECT_EQ(*references.begin(), "MY-2026-000001");
  EXPECT_EQ(*references.rbegin(), "MY-2026-000011");
  EXPECT_EQ(store_->referrals().count().value(), 11);
}

TEST_F(ReferralWriterTest, ManyThreadsAtOnceAreEachAnsweredOnceWithDistinctReferences) {
  Answers answers;
  ReferralWriter writer(watched_->store_group());
  constexpr int kThreads = 8, kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) writer.submit(referral(1 + t * kEach + i), answers.taker());
    });
  }
  for (auto& th : threads) th.join();
  writer.wait_until_idle();
  ASSERT_EQ(answers.got.size(), static_cast<std::size_t>(kThreads * kEach));
  std::set<std::string> references;
  for (const auto& a : answers.got) {
    ASSERT_TRUE(a.has_value()) << a.error().message;
    references.insert(a->referral.reference);
  }
  EXPECT_EQ(references.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*references.rbegin(), "MY-2026-000200");
  std::size_t stored = 0;
  for (auto size : watched_->sizes()) stored += size;
  EXPECT_EQ(stored, static_cast<std::size_t>(kThreads * kEach));
}

TEST_F(ReferralWriterTest, ARefusedReferralIsAnsweredWithItsErrorAndTheOthersStillLand) {
  Answers answers;
  ReferralWriter writer(watched_->store_group());
  watched_->hold();
  writer.submit(referral(1), answers.taker());
  ASSERT_TRUE(watched_->wait_for_groups(1));
  writer.submit(referral(2), answers.taker());
  writer.submit(referral(3, /*prefix=*/""), answers.taker());
  writer.submit(referral(4), answers.taker());
  watched_->release();
  ASSERT_TRUE(answers.wait_for(4));
  ASSERT_TRUE(answers.got[0].has_value());
  ASSERT_TRUE(answers.got[1].has_value());
  ASSERT_FALSE(answers.got[2].has_value());
  EXPECT_EQ(answers.got[2].error().code, "validation_failed");
  ASSERT_TRUE(answers.got[3].has_value());
  EXPECT_EQ(answers.got[3]->referral.reference, "MY-2026-000003");
}

TEST_F(ReferralWriterTest, ACallbackThatThrowsDoesNotStopTheWriter) {
  Answers answers;
  ReferralWriter writer(watched_->store_group());
  writer.submit(referral(1), [](Result<IntakeOutcome>) { throw std::runtime_error("x"); });
  writer.submit(referral(2), answers.taker());
  ASSERT_TRUE(answers.wait_for(1));
  ASSERT_TRUE(answers.got[0].has_value());
  EXPECT_EQ(answers.got[0]->referral.reference, "MY-2026-000002");
}

TEST_F(ReferralWriterTest, StoppingAnswersEverythingStillWaiting) {
  Answers answers;
  {
    ReferralWriter writer(watched_->store_group());
    watched_->hold();
    writer.submit(referral(1), answers.taker());
    ASSERT_TRUE(watched_->wait_for_groups(1));
    for (int n = 2; n <= 5; ++n) writer.submit(referral(n), answers.taker());
    watched_->release();
  }  // the destructor stores and answers all five before it returns
  EXPECT_EQ(answers.got.size(), 5u);
  EXPECT_EQ(store_->referrals().count().value(), 5);
}

}  // namespace
}  // namespace vg::app
