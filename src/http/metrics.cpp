#include "http/metrics.h"

#include <cmath>
#include <cstdio>
#include <mutex>

namespace vg::http {
namespace {

constexpr std::string_view kRequestsTotal = "vg_http_requests_total";
constexpr std::string_view kDuration = "vg_http_request_duration_seconds";

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string format_double(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// Only [a-zA-Z0-9_:] is a legal metric or label name; anything else becomes '_'.
std::string sanitize_name(std::string_view name) {
  std::string out(name);
  for (auto& c : out) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == ':';
    if (!ok) c = '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(out.begin(), '_');
  return out;
}

}  // namespace

struct Metrics::Counter {
  std::atomic<std::uint64_t> value{0};
};

struct Metrics::Histogram {
  std::array<std::atomic<std::uint64_t>, kDurationBuckets.size() + 1> buckets{};  // last = +Inf
  std::atomic<std::uint64_t> count{0};
  std::atomic<std::uint64_t> sum_ns{0};
};

std::string render_labels(const MetricLabels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) out += ',';
    first = false;
    out += sanitize_name(k);
    out += "=\"";
    out += escape_label_value(v);
    out += '"';
  }
  out += '}';
  return out;
}

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

Metrics::Counter& Metrics::counter(std::string_view name, const MetricLabels& labels) {
  const std::string label_text = render_labels(labels);
  {
    std::shared_lock lock(mutex_);
    auto family = counters_.find(name);
    if (family != counters_.end()) {
      auto series = family->second.find(label_text);
      if (series != family->second.end()) return *series->second;
    }
  }
  std::unique_lock lock(mutex_);
  auto& slot = counters_[sanitize_name(name)][label_text];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Metrics::Histogram& Metrics::histogram(std::string_view route) {
  {
    std::shared_lock lock(mutex_);
    auto it = histograms_.find(route);
    if (it != histograms_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto& slot = histograms_[std::string(route)];
  if (!slot) slot = std::make_unique<Histogram>();
  return *slot;
}

void Metrics::observe_request(std::string_view route, std::string_view method, int status,
                              std::chrono::nanoseconds duration) {
  counter(kRequestsTotal, {{"route", std::string(route)},
                           {"method", std::string(method)},
                           {"status", std::to_string(status)}})
      .value.fetch_add(1, std::memory_order_relaxed);
  auto& h = histogram(route);
  const double seconds = std::chrono::duration<double>(duration).count();
  std::size_t i = 0;
  while (i < kDurationBuckets.size() && seconds > kDurationBuckets[i]) ++i;
  h.buckets[i].fetch_add(1, std::memory_order_relaxed);
  h.count.fetch_add(1, std::memory_order_relaxed);
  h.sum_ns.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(0, duration.count())),
                     std::memory_order_relaxed);
}

void Metrics::increment(std::string_view name, const MetricLabels& labels, std::uint64_t by) {
  counter(name, labels).value.fetch_add(by, std::memory_order_relaxed);
}

void Metrics::add_to_gauge(std::string_view name, std::int64_t delta) {
  {
    std::shared_lock lock(mutex_);
    if (auto it = gauges_.find(name); it != gauges_.end()) {
      it->second->fetch_add(delta, std::memory_order_relaxed);
      return;
    }
  }
  std::unique_lock lock(mutex_);
  auto& slot = gauges_[sanitize_name(name)];
  if (!slot) slot = std::make_unique<std::atomic<std::int64_t>>(0);
  slot->fetch_add(delta, std::memory_order_relaxed);
}

std::string Metrics::render(const app::DatabasePoolStats& pool) const {
  std::string out;
  out.reserve(4096);
  std::shared_lock lock(mutex_);
  for (const auto& [name, series] : counters_) {
    out += "# TYPE " + name + " counter\n";
    for (const auto& [labels, c] : series) {
      out += name + labels + ' ' + std::to_string(c->value.load(std::memory_order_relaxed)) + '\n';
    }
  }
  if (!histograms_.empty()) {
    out +=
        "# HELP vg_http_request_duration_seconds Time from request received to response ready.\n";
    out += "# TYPE vg_http_request_duration_seconds histogram\n";
  }
  for (const auto& [route, h] : histograms_) {
    const std::string route_label = "route=\"" + escape_label_value(route) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= kDurationBuckets.size(); ++i) {
      cumulative += h->buckets[i].load(std::memory_order_relaxed);
      const std::string le =
          i < kDurationBuckets.size() ? format_double(kDurationBuckets[i]) : std::string("+Inf");
      out += std::string(kDuration) + "_bucket{" + route_label + ",le=\"" + le + "\"} " +
             std::to_string(cumulative) + '\n';
    }
    out += std::string(kDuration) + "_sum{" + route_label + "} " +
           format_double(static_cast<double>(h->sum_ns.load(std::memory_order_relaxed)) / 1e9) +
           '\n';
    // _count equals the +Inf bucket; read it from there so the two always agree in one scrape.
    out +=
        std::string(kDuration) + "_count{" + route_label + "} " + std::to_string(cumulative) + '\n';
  }
  for (const auto& [name, value] : gauges_) {
    out += "# TYPE " + name + " gauge\n";
    out += name + ' ' + std::to_string(value->load(std::memory_order_relaxed)) + '\n';
  }
  lock.unlock();
  out += "# TYPE vg_db_pool_connections_open gauge\n";
  out += "vg_db_pool_connections_open " + std::to_string(pool.connections_open) + '\n';
  out += "# TYPE vg_db_pool_connections_in_use gauge\n";
  out += "vg_db_pool_connections_in_use " + std::to_string(pool.connections_in_use) + '\n';
  out += "# TYPE vg_db_pool_waits_total counter\n";
  out += "vg_db_pool_waits_total " + std::to_string(pool.waits_total) + '\n';
  return out;
}

}  // namespace vg::http
