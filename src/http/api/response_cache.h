// Answers to the public directory API, kept in memory. The directory is read far more than it
// is written, so a repeated search is served from here: an entry is good while the directory's
// generation (bumped by every write this process makes) is unchanged and for at most `ttl`
// (which bounds how long a write by another process, such as `import-directory`, takes to show).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace vg::http::api {

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;

  ResponseCache(std::size_t max_entries, std::chrono::seconds ttl)
      : max_entries_(max_entries), ttl_(ttl) {}

  struct Hit {
    std::shared_ptr<const std::string> body;  // null: not held (or the directory changed)
    bool refresh = false;  // older than ttl: this caller should answer afresh and put() it
  };
  // The cached body, shared so a hit copies nothing under the lock. When an entry has aged past
  // ttl, exactly one caller is told to refresh it while the others keep getting the old body,
  // so a popular search never sends every connection to the database at once.
  Hit get(const std::string& key, std::uint64_t generation, Clock::time_point now);
  void put(const std::string& key, std::string body, std::uint64_t generation,
           Clock::time_point now);
  std::size_t size() const;

 private:
  struct Entry {
    std::shared_ptr<const std::string> body;
    std::uint64_t generation;
    Clock::time_point stored_at;
    bool refreshing = false;
  };
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t max_entries_;
  std::chrono::seconds ttl_;
};

}  // namespace vg::http::api
