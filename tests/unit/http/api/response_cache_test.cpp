#include "http/api/response_cache.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace vg::http::api {
namespace {

using namespace std::chrono_literals;

TEST(ResponseCache, HitsUntilTheDirectoryChanges) {
  ResponseCache cache(10, 10s);
  const auto t0 = ResponseCache::Clock::time_point{} + 1h;
  EXPECT_EQ(cache.get("/api/v1/services", 1, t0).body, nullptr);
  cache.put("/api/v1/services", "{\"a\":1}", 1, t0);
  auto hit = cache.get("/api/v1/services", 1, t0 + 1s);
  ASSERT_NE(hit.body, nullptr);
  EXPECT_EQ(*hit.body, "{\"a\":1}");
  EXPECT_FALSE(hit.refresh);
  EXPECT_EQ(cache.get("/api/v1/services", 2, t0 + 1s).body, nullptr);  // a write happened
  EXPECT_EQ(cache.get("/api/v1/services?page=2", 1, t0 + 1s).body, nullptr);
}

TEST(ResponseCache, OnlyOneCallerRefreshesAnOldEntryOthersGetTheOldBody) {
  ResponseCache cache(10, 10s);
  const auto t0 = ResponseCache::Clock::time_point{} + 1h;
  cache.put("k", "old", 1, t0);
  auto first = cache.get("k", 1, t0 + 11s);
  auto second = cache.get("k", 1, t0 + 11s);
  EXPECT_TRUE(first.refresh);
  EXPECT_FALSE(second.refresh);
  ASSERT_NE(second.body, nullptr);
  EXPECT_EQ(*second.body, "old");
  cache.put("k", "new", 1, t0 + 12s);
  auto after = cache.get("k", 1, t0 + 13s);
  EXPECT_FALSE(after.refresh);
  EXPECT_EQ(*after.body, "new");
}

TEST(ResponseCache, NeverHoldsMoreThanItsLimit) {
  ResponseCache cache(3, 10s);
  const auto t0 = ResponseCache::Clock::time_point{} + 1h;
  for (int i = 0; i < 10; ++i) cache.put(fmt::format("k{}", i), "v", 1, t0);  // not "k" + …: GCC bug 105329 at -O3
  EXPECT_LE(cache.size(), 3u);
  EXPECT_NE(cache.get("k9", 1, t0).body, nullptr);  // the newest survives
}

}  // namespace
}  // namespace vg::http::api
