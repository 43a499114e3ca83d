#include "http/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace vg::http {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.starts_with(line + "\n");
}

TEST(Metrics, CountsRequestsByRouteMethodAndStatus) {
  Metrics m;
  m.observe_request("/api/v1/services/{id}", "GET", 200, microseconds(300));
  m.observe_request("/api/v1/services/{id}", "GET", 200, microseconds(300));
  m.observe_request("/api/v1/services/{id}", "GET", 404, microseconds(300));
  auto text = m.render({});
  EXPECT_TRUE(has_line(text, "# TYPE vg_http_requests_total counter")) << text;
  EXPECT_TRUE(has_line(
      text, R"(vg_http_requests_total{route="/api/v1/services/{id}",method="GET",status="200"} 2)"))
      << text;
  EXPECT_TRUE(has_line(
      text,
      R"(vg_http_requests_total{route="/api/v1/services/{id}",method="GET",status="404"} 1)"));
}

TEST(Metrics, HistogramBucketsAreCumulativeWithSumAndCount) {
  Metrics m;
  m.observe_request("/hello", "GET", 200, microseconds(400));         // <= 0.0005
  m.observe_request("/hello", "GET", 200, milliseconds(3));           // <= 0.005
  m.observe_request("/hello", "GET", 200, std::chrono::seconds(10));  // +Inf only
  auto text = m.render({});
  EXPECT_TRUE(has_line(text, "# TYPE vg_http_request_duration_seconds histogram"));
  EXPECT_TRUE(
      has_line(text, R"(vg_http_request_duration_seconds_bucket{route="/hello",le="0.0005"} 1)"))
      << text;
  EXPECT_TRUE(
      has_line(text, R"(vg_http_request_duration_seconds_bucket{route="/hello",le="0.0025"} 1)"));
  EXPECT_TRUE(
      has_line(text, R"(vg_http_request_duration_seconds_bucket{route="/hello",le="0.005"} 2)"));
  EXPECT_TRUE(
      has_line(text, R"(vg_http_request_duration_seconds_bucket{route="/hello",le="5"} 2)"));
  EXPECT_TRUE(
      has_line(text, R"(vg_http_request_duration_seconds_bucket{route="/hello",le="+Inf"} 3)"));
  EXPECT_TRUE(has_line(text, R"(vg_http_request_duration_seconds_count{route="/hello"} 3)"));
  EXPECT_TRUE(has_line(text, R"(vg_http_request_duration_seconds_sum{route="/hello"} 10.0034)"))
      << text;
}

TEST(Metrics, PoolGaugesComeFromTheDatabasePool) {
  Metrics m;
  app::DatabasePoolStats pool;
  pool.connections_open = 5;
  pool.connections_in_use = 2;
  pool.waits_total = 7;
  auto text = m.render(pool);
  EXPECT_TRUE(has_line(text, "# TYPE vg_db_pool_connections_open gauge"));
  EXPECT_TRUE(has_line(text, "vg_db_pool_connections_open 5"));
  EXPECT_TRUE(has_line(text, "vg_db_pool_connections_in_use 2"));
  EXPECT_TRUE(has_line(text, "# TYPE vg_db_pool_waits_total counter"));
  EXPECT_TRUE(has_line(text, "vg_db_pool_waits_total 7"));
}

TEST(Metrics, DomainCountersWithEscapedLabels) {
  Metrics m;
  m.increment("vg_referrals_received_total", {{"channel", "police"}});
  m.increment("vg_referrals_received_total", {{"channel", "police"}}, 2);
  m.increment("vg_odd_total", {{"v", "a\"b\\c\nd"}});
  auto text = m.render({});
  EXPECT_TRUE(has_line(text, R"(vg_referrals_received_total{channel="police"} 3)")) << text;
  EXPECT_TRUE(has_line(text, R"(vg_odd_total{v="a\"b\\c\nd"} 1)")) << text;
}

TEST(Metrics, EveryLineIsACommentOrASample) {
  Metrics m;
  m.observe_request("/x", "POST", 201, microseconds(10));
  auto text = m.render({});
  ASSERT_TRUE(text.ends_with("\n"));
  size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    auto line = text.substr(start, end - start);
    EXPECT_FALSE(line.empty());
    if (!line.starts_with("#")) {
      EXPECT_TRUE(line.starts_with("vg_")) << line;
      EXPECT_NE(line.rfind(' '), std::string::npos) << line;
    }
    start = end + 1;
  }
}

TEST(Metrics, ConcurrentUpdatesAreAllCounted) {
  Metrics m;
  constexpr int kThreads = 4;
  constexpr int kEach = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&m, t] {
      for (int i = 0; i < kEach; ++i) {
        m.observe_request(t % 2 ? "/a" : "/b", "GET", 200, microseconds(1));
      }
    });
  }
  for (auto& t : threads) t.join();
  auto text = m.render({});
  EXPECT_TRUE(
      has_line(text, R"(vg_http_requests_total{route="/a",method="GET",status="200"} 10000)"));
  EXPECT_TRUE(
      has_line(text, R"(vg_http_requests_total{route="/b",method="GET",status="200"} 10000)"));
}

}  // namespace
}  // namespace vg::http
