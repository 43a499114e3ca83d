// Answers read from the store, trusted for a short while before they are read again: a busy
// sender then costs the database one read a second instead of one per request, and a change made
// by another process reaches this one within that while. Thread-safe; bounded (a flood of new
// keys empties it and it starts over, since the live ones are few).
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace vg::app {

template <typename Value>
class TrustedFor {
 public:
  using Instant = std::chrono::system_clock::time_point;

  TrustedFor(std::chrono::nanoseconds trust_for, std::size_t max_entries)
      : trust_for_(trust_for), max_entries_(max_entries) {}

  // The value kept for `key`, unless it is older than the trust period at `now` (or from a time
  // after `now`: a clock set back trusts nothing).
  std::optional<Value> find(const std::string& key, Instant now) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || now < it->second.read_at || now - it->second.read_at >= trust_for_) {
      return std::nullopt;
    }
    return it->second.value;
  }

  void keep(const std::string& key, Value value, Instant read_at) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_entries_ && !entries_.contains(key)) entries_.clear();
    entries_.insert_or_assign(key, Entry{std::move(value), read_at});
  }

  // Forgets every value `stale(value)` holds for: a change this process made is seen at once.
  template <typename Predicate>
  void forget_if(Predicate stale) {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [&](const auto& entry) { return stale(entry.second.value); });
  }

 private:
  struct Entry {
    Value value;
    Instant read_at;
  };
  const std::chrono::nanoseconds trust_for_;
  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace vg::app
