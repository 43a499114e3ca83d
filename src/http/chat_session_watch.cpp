#include "http/chat_session_watch.h"

#include <utility>
#include <vector>

namespace vg::http {

ChatSessionWatch::ChatSessionWatch(StillSignedIn still_signed_in, std::chrono::milliseconds every)
    : still_signed_in_(std::move(still_signed_in)), every_(every) {
  thread_ = std::jthread([this](std::stop_token stop) {
    std::mutex sleep_mutex;
    std::unique_lock lock(sleep_mutex);
    while (!stop.stop_requested()) {
      wake_.wait_for(lock, stop, every_, [] { return false; });
      if (!stop.stop_requested()) check_now();
    }
  });
}

ChatSessionWatch::~ChatSessionWatch() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

ChatSessionWatch::Registration::~Registration() {
  if (auto watch = watch_.lock()) watch->forget(id_);
}

std::unique_ptr<ChatSessionWatch::Registration> ChatSessionWatch::watch(std::string session_id,
                                                                        std::weak_ptr<SocketChannel> channel) {
  std::lock_guard lock(mutex_);
  const auto id = ++next_id_;
  watched_.emplace(id, Watched{std::move(session_id), std::move(channel)});
  return std::make_unique<Registration>(weak_from_this(), id);
}

void ChatSessionWatch::forget(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  watched_.erase(id);
}

void ChatSessionWatch::check_now() {
  std::map<std::string, std::vector<std::weak_ptr<SocketChannel>>> by_session;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, w] : watched_) by_session[w.session_id].push_back(w.channel);
  }
  // Asked without the lock (a store round trip each), once per session however many sockets.
  for (const auto& [session_id, channels] : by_session) {
    if (still_signed_in_(session_id)) continue;
    for (const auto& weak : channels) {
      if (auto channel = weak.lock()) channel->close(kSignedOutCode, kSignedOutReason);
    }
  }
}

}  // namespace vg::http
