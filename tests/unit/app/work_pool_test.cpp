#include "app/work_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace vg::app {
namespace {

// Not timed: the workers are held busy by jobs that wait for the test to release them.
TEST(WorkPoolTest, RefusesAtOnceBeyondItsWorkersAndQueueThenRunsEveryJobAccepted) {
  WorkPool pool(2, 3);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> ran{0};
  int accepted = 0;
  for (int i = 0; i < 8; ++i) {
    if (pool.try_submit([released, &ran] {
          released.wait();
          ++ran;
        })) {
      ++accepted;
    }
  }
  EXPECT_EQ(accepted, 5);  // two running (or about to), three waiting
  release.set_value();
  pool.drain();
  EXPECT_EQ(ran.load(), 5);
  EXPECT_TRUE(pool.try_submit([&ran] { ++ran; }));  // room again
  pool.drain();
  EXPECT_EQ(ran.load(), 6);
}

TEST(WorkPoolTest, AJobThatThrowsDoesNotStopTheWorker) {
  WorkPool pool(1, 0);
  ASSERT_TRUE(pool.try_submit([] { throw std::runtime_error("a bug"); }));
  pool.drain();
  std::atomic<bool> ran{false};
  ASSERT_TRUE(pool.try_submit([&ran] { ran = true; }));
  pool.drain();
  EXPECT_TRUE(ran.load());
}

}  // namespace
}  // namespace vg::app
