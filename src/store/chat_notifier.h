// Live chat's fan-out between the processes that share one database (issue 16): a signal says
// only that something happened to a chat (an event numbered `seq` was stored, a side is typing,
// a side has read up to `seq`), never a word of it; whoever holds sockets for that chat then
// reads the events from the store, which stays the one source of truth. Must never carry message
// text, and never block the writer that publishes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/chat/chat_records.h"

namespace vg::store {

struct ChatSignal {
  enum class Kind { kEvent, kTyping, kRead };
  Kind kind = Kind::kEvent;
  std::string chat_id;
  std::int64_t seq = 0;                           // kEvent: the event's number; kRead: read up to
  chat::ChatParty party = chat::ChatParty::kVictim;  // kTyping, kRead: which side
};

// The signal as one short line ("e <chat id> <seq>", "t <chat id> victim", "r <chat id> advisor
// <seq>"), for a PostgreSQL NOTIFY payload; and back, nullopt for anything else.
std::string signal_text(const ChatSignal& signal);
std::optional<ChatSignal> read_signal(std::string_view text);

class ChatNotifier {
 public:
  using OnSignal = std::function<void(const ChatSignal&)>;
  // After the notifier (re)connected: signals may have been missed meanwhile, so every open
  // socket must catch up from the store.
  using OnResync = std::function<void()>;

  virtual ~ChatNotifier() = default;
  // Starts delivering every signal published by any process (this one included) to
  // `on_signal`, on the notifier's own thread or the publisher's. Call once, before publishing.
  virtual void listen(OnSignal on_signal, OnResync on_resync) = 0;
  // Tells every listener; published after the event's transaction committed. Thread-safe.
  virtual void publish(const ChatSignal& signal) = 0;
  // Stops delivering (joins any thread of its own). Idempotent.
  virtual void stop() = 0;
};

// The single-process notifier (SQLite, and tests): publish() delivers at once, on the caller's
// thread.
std::unique_ptr<ChatNotifier> in_process_chat_notifier();

}  // namespace vg::store
