#include "http/api/response_cache.h"

#include <mutex>

namespace vg::http::api {

ResponseCache::Hit ResponseCache::get(const std::string& key, std::uint64_t generation,
                                      Clock::time_point now) {
  {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation) return {};
    if (now - it->second.stored_at <= ttl_ || it->second.refreshing) return {it->second.body, false};
  }
  std::unique_lock lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) return {};
  if (it->second.refreshing || now - it->second.stored_at <= ttl_) return {it->second.body, false};
  it->second.refreshing = true;
  return {it->second.body, true};
}

void ResponseCache::put(const std::string& key, std::string body, std::uint64_t generation,
                        Clock::time_point now) {
  std::unique_lock lock(mutex_);
  // Bounded memory: when full, start again. Searches repeat, so the hot ones come straight back.
  if (entries_.size() >= max_entries_ && !entries_.contains(key)) entries_.clear();
  entries_[key] = Entry{std::make_shared<const std::string>(std::move(body)), generation, now};
}

std::size_t ResponseCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace vg::http::api
