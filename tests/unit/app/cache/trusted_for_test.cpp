// A store read is trusted for its period, then read again; a change made here is seen at once.
#include "app/cache/trusted_for.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

using namespace std::chrono_literals;
const std::chrono::system_clock::time_point kRead{std::chrono::hours(490'000)};

TEST(TrustedFor, AValueIsTrustedForItsPeriodAndNoLonger) {
  TrustedFor<int> cache(1s, 8);
  cache.keep("a", 1, kRead);
  EXPECT_EQ(cache.find("a", kRead), 1);
  EXPECT_EQ(cache.find("a", kRead + 999ms), 1);
  EXPECT_EQ(cache.find("a", kRead + 1s), std::nullopt);
  EXPECT_EQ(cache.find("b", kRead), std::nullopt);
}

TEST(TrustedFor, AClockSetBackTrustsNothing) {
  TrustedFor<int> cache(1s, 8);
  cache.keep("a", 1, kRead);
  EXPECT_EQ(cache.find("a", kRead - 1ms), std::nullopt);
}

TEST(TrustedFor, ForgettingDropsOnlyWhatMatches) {
  TrustedFor<int> cache(1s, 8);
  cache.keep("a", 1, kRead);
  cache.keep("b", 2, kRead);
  cache.forget_if([](int v) { return v == 1; });
  EXPECT_EQ(cache.find("a", kRead), std::nullopt);
  EXPECT_EQ(cache.find("b", kRead), 2);
}

TEST(TrustedFor, AFullCacheStartsOverRatherThanGrow) {
  TrustedFor<int> cache(1s, 2);
  cache.keep("a", 1, kRead);
  cache.keep("b", 2, kRead);
  cache.keep("b", 3, kRead);  // a key already held is replaced, nothing dropped
  EXPECT_EQ(cache.find("a", kRead), 1);
  cache.keep("c", 4, kRead);
  EXPECT_EQ(cache.find("a", kRead), std::nullopt);
  EXPECT_EQ(cache.find("b", kRead), std::nullopt);
  EXPECT_EQ(cache.find("c", kRead), 4);
}

}  // namespace
}  // namespace vg::app
