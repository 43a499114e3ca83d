// serve's clock when a test sets clock_start: it starts where it is told and runs on in real time.
#include "app/started_clock.h"

#include <gtest/gtest.h>

#include <thread>

namespace vg {
namespace {

using namespace std::chrono;

TEST(StartedClock, StartsAtTheInstantGivenAndRunsOnFromThere) {
  const auto start = sys_days{year{2026} / 12 / 7} + 10h + 5min;
  StartedClock clock(start);
  const auto first = clock.now();
  EXPECT_GE(first, start);
  EXPECT_LT(first, start + 1s);
  std::this_thread::sleep_for(20ms);  // the clock's own rate is what is under test
  const auto later = clock.now();
  EXPECT_GE(later - first, 20ms);
  EXPECT_LT(later, start + 1min);
}

}  // namespace
}  // namespace vg
