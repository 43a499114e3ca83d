#include "store/postgres/pg_chat_notifier.h"

#include <libpq-fe.h>
#include <poll.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace vg::store::postgres {
namespace {

constexpr const char* kChannel = "vg_chat";
constexpr int kPollMilliseconds = 250;  // how soon stop() is noticed
constexpr std::chrono::milliseconds kRetryAfter{500};

void ignore_notice(void*, const char*) {}

PGconn* connect(const std::string& url) {
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname", "client_encoding", nullptr};
  const char* values[] = {"2", "victim-gateway-chat", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn != nullptr && PQstatus(conn) != CONNECTION_OK) {
    PQfinish(conn);
    return nullptr;
  }
  if (conn != nullptr) PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  return conn;
}

bool command_ok(PGresult* result) {
  const bool ok = result != nullptr && (PQresultStatus(result) == PGRES_COMMAND_OK ||
                                        PQresultStatus(result) == PGRES_TUPLES_OK);
  PQclear(result);
  return ok;
}

class PgChatNotifier final : public ChatNotifier {
 public:
  explicit PgChatNotifier(std::string url) : url_(std::move(url)) {}
  ~PgChatNotifier() override {
    stop();
    if (sender_ != nullptr) PQfinish(sender_);
  }

  void listen(OnSignal on_signal, OnResync on_resync) override {
    on_signal_ = std::move(on_signal);
    on_resync_ = std::move(on_resync);
    listener_ = std::thread([this] { run(); });
  }

  void publish(const ChatSignal& signal) override {
    const std::string payload = signal_text(signal);
    const char* values[] = {kChannel, payload.c_str()};
    std::lock_guard lock(send_mutex_);
    // A dropped connection (the database restarted) is replaced once; a second failure leaves the
    // signal undelivered, and the other side catches up at its next event or reconnection.
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (sender_ == nullptr || PQstatus(sender_) != CONNECTION_OK) {
        if (sender_ != nullptr) PQfinish(sender_);
        sender_ = connect(url_);
        if (sender_ == nullptr) return;
      }
      if (command_ok(PQexecParams(sender_, "SELECT pg_notify($1, $2)", 2, nullptr, values, nullptr, nullptr, 0))) return;
    }
  }

  void stop() override {
    {
      std::lock_guard lock(stop_mutex_);
      stopping_ = true;
    }
    stopped_.notify_all();
    if (listener_.joinable()) listener_.join();
  }

 private:
  // Until stop(): connect, LISTEN, catch everyone up, then hand on each notification; on any
  // failure, wait a moment and start again.
  void run() {
    while (!stop_requested()) {
      PGconn* conn = connect(url_);
      if (conn != nullptr && command_ok(PQexec(conn, (std::string("LISTEN ") + kChannel).c_str()))) {
        if (on_resync_) on_resync_();
        listen_on(conn);
      }
      if (conn != nullptr) PQfinish(conn);
      std::unique_lock lock(stop_mutex_);
      stopped_.wait_for(lock, kRetryAfter, [this] { return stopping_; });
    }
  }

  void listen_on(PGconn* conn) {
    pollfd fd{PQsocket(conn), POLLIN, 0};
    while (!stop_requested()) {
      fd.revents = 0;
      const int ready = ::poll(&fd, 1, kPollMilliseconds);
      if (ready < 0) return;
      if (ready == 0) continue;
      if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK) return;
      while (PGnotify* note = PQnotifies(conn)) {
        if (auto signal = read_signal(note->extra); signal && on_signal_) on_signal_(*signal);
        PQfreemem(note);
      }
    }
  }

  bool stop_requested() {
    std::lock_guard lock(stop_mutex_);
    return stopping_;
  }

  std::string url_;
  OnSignal on_signal_;
  OnResync on_resync_;
  std::thread listener_;
  std::mutex stop_mutex_;
  std::condition_variable stopped_;
  bool stopping_ = false;
  std::mutex send_mutex_;
  PGconn* sender_ = nullptr;  // guarded by send_mutex_
};

}  // namespace

std::unique_ptr<ChatNotifier> postgres_chat_notifier(std::string url) {
  return std::make_unique<PgChatNotifier>(std::move(url));
}

}  // namespace vg::store::postgres
