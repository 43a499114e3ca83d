// Live chat's fan-out within one process (issue 16): the sockets this process holds, per chat,
// each with the number of the last event it was given. A connection subscribes with the last
// number its client saw and is first given every event after it, then each new one as the
// notifier (store/chat_notifier.h) says it was stored, by whichever process: read from the store,
// the one source of truth, so a socket never misses an event nor is given one twice. Transport
// free: a subscriber is a function that must not block (the WebSocket queues and sends later).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/chat/chat_service.h"
#include "store/chat_notifier.h"

namespace vg::app {

// What a live connection is given.
struct LiveUpdate {
  enum class Kind {
    kLine,    // a stored event, in order: `line`
    kTyping,  // `party` (the other side) is typing
    kRead,    // `party` (the other side) has displayed the events up to `seq`
    kReady,   // caught up: every event up to `seq` was given; what follows is live
  };
  Kind kind = Kind::kLine;
  ChatLine line;
  chat::ChatParty party = chat::ChatParty::kVictim;
  std::int64_t seq = 0;
};

using LiveSink = std::function<void(const LiveUpdate&)>;

class ChatHub {
 public:
  // Sockets one chat may have open in this process (both sides, several tabs).
  static constexpr int kMaxSocketsPerChat = 8;

  // Listens on `notifier` until destroyed. `chats` and `notifier` must outlive the hub.
  ChatHub(ChatService& chats, store::ChatNotifier& notifier);
  ~ChatHub();
  ChatHub(const ChatHub&) = delete;
  ChatHub& operator=(const ChatHub&) = delete;

  // While held, its sink is given the chat's updates; letting it go unsubscribes (no update is
  // given after its destructor returns).
  class Subscription {
   public:
    ~Subscription();
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

   private:
    friend class ChatHub;
    Subscription(ChatHub& hub, std::string chat_id, std::uint64_t id) : hub_(hub), chat_id_(std::move(chat_id)), id_(id) {}
    ChatHub& hub_;
    std::string chat_id_;
    std::uint64_t id_;
  };

  // `viewer`'s connection to `chat` (let in already by ChatService::victim_live or advisor_live):
  // `sink` is given every event numbered above `after_seq`, the other side's read number, then
  // kReady, then live updates. `rate_limited` when the chat has kMaxSocketsPerChat here.
  Result<std::unique_ptr<Subscription>> subscribe(const chat::Chat& chat, chat::ChatParty viewer,
                                                  std::int64_t after_seq, LiveSink sink);

 private:
  struct Subscriber {
    std::uint64_t id;
    chat::ChatParty viewer;
    std::int64_t last_seq;
    LiveSink sink;
  };
  struct Room {
    std::mutex mutex;  // held while reading and giving, so each sink's updates stay in order
    std::vector<Subscriber> subscribers;
  };

  std::shared_ptr<Room> room(const std::string& chat_id);
  void unsubscribe(const std::string& chat_id, std::uint64_t id);
  void on_signal(const store::ChatSignal& signal);
  void on_resync();
  // Gives every subscriber of the room the events after its last (room locked).
  Result<void> catch_up(Room& room, const std::string& chat_id);

  ChatService& chats_;
  store::ChatNotifier& notifier_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Room>, std::less<>> rooms_;
  std::uint64_t next_id_ = 1;
};

}  // namespace vg::app
