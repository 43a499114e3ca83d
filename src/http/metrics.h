// Prometheus metrics for the process: request counts and latency by route pattern, database
// pool gauges, and named domain counters. Labels must never hold raw paths, ids or personal data.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/system/system_status.h"

namespace vg::http {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// Thread-safe. A series is created once under a lock; every later update is a shared-lock lookup
// and relaxed atomic adds, so request threads never serialise on a counter.
class Metrics {
 public:
  // Upper bounds in seconds of vg_http_request_duration_seconds (plus +Inf).
  static constexpr std::array<double, 13> kDurationBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0};

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One finished request: vg_http_requests_total and vg_http_request_duration_seconds.
  // `route` is the router's pattern (or "unmatched"), never the raw path.
  void observe_request(std::string_view route, std::string_view method, int status,
                       std::chrono::nanoseconds duration);

  // A named counter, e.g. increment("vg_referrals_received_total", {{"channel", "police"}}).
  void increment(std::string_view name, const MetricLabels& labels = {}, std::uint64_t by = 1);

  // A named gauge moved by `delta`, e.g. add_to_gauge("vg_chat_sockets_open", 1) as one opens.
  void add_to_gauge(std::string_view name, std::int64_t delta);

  // Prometheus text exposition format 0.0.4, with the pool gauges read at call time.
  std::string render(const app::DatabasePoolStats& pool) const;

  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

 private:
  struct Counter;
  struct Histogram;

  Counter& counter(std::string_view name, const MetricLabels& labels);
  Histogram& histogram(std::string_view route);

  mutable std::shared_mutex mutex_;
  // Keyed by name then rendered label set, so render() walks families in a stable order.
  std::map<std::string, std::map<std::string, std::unique_ptr<Counter>, std::less<>>, std::less<>>
      counters_;
  std::map<std::string, std::unique_ptr<Histogram>, std::less<>> histograms_;
  std::map<std::string, std::unique_ptr<std::atomic<std::int64_t>>, std::less<>> gauges_;
};

// `{a="x",b="y"}` with Prometheus escaping; empty for no labels.
std::string render_labels(const MetricLabels& labels);

}  // namespace vg::http
