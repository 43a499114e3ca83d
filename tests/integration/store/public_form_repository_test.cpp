// Conformance: drafts of public forms and rate-limit counters, the same on every backend.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

class PublicFormTest : public StoreTest {
 protected:
  PublicFormRepository& forms() { return store_->public_forms(); }
  const Instant now_ = Instant{} + std::chrono::seconds(1'795'000'000);
};

TEST_F(PublicFormTest, ASavedDraftIsFoundUntilItExpires) {
  ASSERT_TRUE(forms().save_draft("h1", "sealed-1", now_ + hours(1)).has_value());
  EXPECT_EQ(forms().find_draft("h1", now_).value(), "sealed-1");
  EXPECT_EQ(forms().find_draft("h1", now_ + hours(1)).value(), "sealed-1");
  EXPECT_EQ(forms().find_draft("h1", now_ + hours(1) + minutes(1)).value(), std::nullopt);
  EXPECT_EQ(forms().find_draft("other", now_).value(), std::nullopt);
}

TEST_F(PublicFormTest, SavingAgainReplacesTheDraftAndItsExpiry) {
  ASSERT_TRUE(forms().save_draft("h1", "first", now_ + minutes(5)).has_value());
  ASSERT_TRUE(forms().save_draft("h1", "second", now_ + hours(2)).has_value());
  EXPECT_EQ(forms().find_draft("h1", now_ + hours(1)).value(), "second");
}

TEST_F(PublicFormTest, ADraftIsReplacedOnlyFromTheStateTheCallerSaw) {
  ASSERT_TRUE(forms().save_draft("h1", "first", now_ + hours(1)).has_value());
  EXPECT_TRUE(forms().replace_draft("h1", "first", "second", now_ + hours(2), now_).value());
  EXPECT_EQ(forms().find_draft("h1", now_ + hours(1) + minutes(30)).value(), "second");
  EXPECT_FALSE(forms().replace_draft("h1", "first", "third", now_ + hours(2), now_).value());
  EXPECT_EQ(forms().find_draft("h1", now_).value(), "second");
  EXPECT_FALSE(forms().replace_draft("missing", "first", "x", now_ + hours(2), now_).value());
}

TEST_F(PublicFormTest, AnExpiredDraftCannotBeReplaced) {
  ASSERT_TRUE(forms().save_draft("h1", "sealed", now_).has_value());
  EXPECT_FALSE(forms().replace_draft("h1", "sealed", "new", now_ + hours(1), now_ + minutes(1)).value());
}

TEST_F(PublicFormTest, OfConcurrentReplacementsFromOneStateExactlyOneWins) {
  ASSERT_TRUE(forms().save_draft("h1", "sealed", now_ + hours(1)).has_value());
  std::atomic<int> won{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto r = forms().replace_draft("h1", "sealed", "by-" + std::to_string(i), now_ + hours(1), now_);
      if (!r) {
        ++failed;
      } else if (*r) {
        ++won;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(forms().find_draft("h1", now_).value()->rfind("by-", 0), 0u);
}

TEST_F(PublicFormTest, DeletingADraftRemovesIt) {
  ASSERT_TRUE(forms().save_draft("h1", "sealed", now_ + hours(1)).has_value());
  ASSERT_TRUE(forms().delete_draft("h1").has_value());
  EXPECT_EQ(forms().find_draft("h1", now_).value(), std::nullopt);
  EXPECT_TRUE(forms().delete_draft("h1").has_value());  // already gone: still fine
}

TEST_F(PublicFormTest, HitsCountPerBucketAndWindow) {
  EXPECT_EQ(forms().add_hit("a", now_).value(), 1);
  EXPECT_EQ(forms().add_hit("a", now_).value(), 2);
  EXPECT_EQ(forms().add_hit("b", now_).value(), 1);
  EXPECT_EQ(forms().add_hit("a", now_ + hours(1)).value(), 1);
  EXPECT_EQ(forms().add_hit("a", now_).value(), 3);
}

TEST_F(PublicFormTest, ConcurrentHitsAreAllCounted) {
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        if (!forms().add_hit("busy", now_)) ++failed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(forms().add_hit("busy", now_).value(), 101);
}

TEST_F(PublicFormTest, PurgeRemovesExpiredDraftsAndOldWindowsOnly) {
  ASSERT_TRUE(forms().save_draft("old", "x", now_ - minutes(1)).has_value());
  ASSERT_TRUE(forms().save_draft("live", "y", now_ + hours(1)).has_value());
  ASSERT_TRUE(forms().add_hit("a", now_ - hours(2)).has_value());
  ASSERT_TRUE(forms().add_hit("a", now_).has_value());
  EXPECT_EQ(forms().purge(now_, now_ - hours(1)).value(), 2);
  EXPECT_EQ(forms().find_draft("live", now_).value(), "y");
  EXPECT_EQ(forms().add_hit("a", now_ - hours(2)).value(), 1);  // its old count went
  EXPECT_EQ(forms().add_hit("a", now_).value(), 2);              // the current one stayed
}

}  // namespace
}  // namespace vg::store::testing
