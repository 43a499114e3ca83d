// Live chat sockets follow their advisor's session (issue 16): a socket is let in on the session
// cookie it was opened with, and stays open only while that session is signed in. Signing out,
// a session revoked (an account disabled, by any process) or one that expired or went idle closes
// the advisor's sockets within one check interval. The check reads the session without touching
// it, so an open socket never keeps an idle session alive (a message the advisor sends does,
// as a page load does: chat_sockets.cpp checks it with current_user).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "http/live_socket.h"

namespace vg::http {

class ChatSessionWatch : public std::enable_shared_from_this<ChatSessionWatch> {
 public:
  // Whether a session id is still signed in; true on doubt (a store error closes nothing).
  using StillSignedIn = std::function<bool(const std::string& session_id)>;
  // Close code and reason a socket whose session ended is given.
  static constexpr int kSignedOutCode = 1008;
  static constexpr const char* kSignedOutReason = "Signed out";

  // Checks every `every` on its own thread until destroyed.
  ChatSessionWatch(StillSignedIn still_signed_in, std::chrono::milliseconds every);
  ~ChatSessionWatch();
  ChatSessionWatch(const ChatSessionWatch&) = delete;
  ChatSessionWatch& operator=(const ChatSessionWatch&) = delete;

  // While held, `channel` is closed once `session_id` is no longer signed in.
  class Registration {
   public:
    Registration(std::weak_ptr<ChatSessionWatch> watch, std::uint64_t id) : watch_(std::move(watch)), id_(id) {}
    ~Registration();
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

   private:
    std::weak_ptr<ChatSessionWatch> watch_;
    std::uint64_t id_;
  };
  std::unique_ptr<Registration> watch(std::string session_id, std::weak_ptr<SocketChannel> channel);

  // One check of every watched session now (the thread's, and tests').
  void check_now();

 private:
  struct Watched {
    std::string session_id;
    std::weak_ptr<SocketChannel> channel;
  };
  void forget(std::uint64_t id);

  StillSignedIn still_signed_in_;
  std::chrono::milliseconds every_;
  std::mutex mutex_;
  std::map<std::uint64_t, Watched> watched_;
  std::uint64_t next_id_ = 0;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: stopped and joined before the members it uses go
};

}  // namespace vg::http
