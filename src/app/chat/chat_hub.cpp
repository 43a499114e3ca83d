#include "app/chat/chat_hub.h"

#include <algorithm>

namespace vg::app {
namespace {

chat::ChatParty other(chat::ChatParty party) {
  return party == chat::ChatParty::kVictim ? chat::ChatParty::kAdvisor : chat::ChatParty::kVictim;
}

}  // namespace

ChatHub::ChatHub(ChatService& chats, store::ChatNotifier& notifier) : chats_(chats), notifier_(notifier) {
  notifier_.listen([this](const store::ChatSignal& signal) { on_signal(signal); }, [this] { on_resync(); });
}

ChatHub::~ChatHub() { notifier_.stop(); }

ChatHub::Subscription::~Subscription() { hub_.unsubscribe(chat_id_, id_); }

std::shared_ptr<ChatHub::Room> ChatHub::room(const std::string& chat_id) {
  std::lock_guard lock(mutex_);
  const auto it = rooms_.find(chat_id);
  return it == rooms_.end() ? nullptr : it->second;
}

Result<std::unique_ptr<ChatHub::Subscription>> ChatHub::subscribe(const chat::Chat& chat, chat::ChatParty viewer,
                                                                  std::int64_t after_seq, LiveSink sink) {
  std::shared_ptr<Room> r;
  std::uint64_t id = 0;
  {
    // Joined under the hub's lock, so a room is never left out of the map with a subscriber in it.
    std::lock_guard lock(mutex_);
    auto& slot = rooms_[chat.id];
    if (!slot) slot = std::make_shared<Room>();
    r = slot;
    std::lock_guard room_lock(r->mutex);
    if (static_cast<int>(r->subscribers.size()) >= kMaxSocketsPerChat) {
      return fail("rate_limited", "This chat is open in too many windows");
    }
    id = next_id_++;
    // A number past the chat's last (a confused client) starts from the last.
    r->subscribers.push_back({id, viewer, std::clamp<std::int64_t>(after_seq, 0, chat.last_seq), std::move(sink)});
  }
  std::unique_ptr<Subscription> subscription(new Subscription(*this, chat.id, id));
  std::lock_guard lock(r->mutex);
  // Caught up under the room's lock: a signal arriving meanwhile waits, then finds nothing new.
  VG_CHECK(catch_up(*r, chat.id));
  const auto me = std::find_if(r->subscribers.begin(), r->subscribers.end(), [id](const Subscriber& s) { return s.id == id; });
  if (me == r->subscribers.end()) return fail("internal", "The chat's connection was lost");
  if (auto now = VG_TRY(chats_.current(chat.id))) {
    const auto read = viewer == chat::ChatParty::kVictim ? now->advisor_read_seq : now->victim_read_seq;
    if (read > 0) me->sink({LiveUpdate::Kind::kRead, {}, other(viewer), read});
  }
  me->sink({LiveUpdate::Kind::kReady, {}, viewer, me->last_seq});
  return subscription;
}

void ChatHub::unsubscribe(const std::string& chat_id, std::uint64_t id) {
  std::lock_guard lock(mutex_);
  const auto it = rooms_.find(chat_id);
  if (it == rooms_.end()) return;
  {
    std::lock_guard room_lock(it->second->mutex);
    auto& subs = it->second->subscribers;
    std::erase_if(subs, [id](const Subscriber& s) { return s.id == id; });
    if (!subs.empty()) return;
  }
  rooms_.erase(it);
}

Result<void> ChatHub::catch_up(Room& r, const std::string& chat_id) {
  if (r.subscribers.empty()) return {};
  // From the least any subscriber has, page by page, each subscriber given only what is new to it.
  std::int64_t from = r.subscribers.front().last_seq;
  for (const auto& s : r.subscribers) from = std::min(from, s.last_seq);
  for (;;) {
    const auto lines = VG_TRY(chats_.lines_after(chat_id, from));
    if (lines.empty()) return {};
    for (auto& s : r.subscribers) {
      for (const auto& line : lines) {
        if (line.seq != s.last_seq + 1) continue;  // already given, or (never) a gap
        s.sink({LiveUpdate::Kind::kLine, line, line.party, line.seq});
        s.last_seq = line.seq;
      }
    }
    from = lines.back().seq;
  }
}

void ChatHub::on_signal(const store::ChatSignal& signal) {
  auto r = room(signal.chat_id);
  if (!r) return;  // no socket here for that chat
  std::lock_guard lock(r->mutex);
  switch (signal.kind) {
    case store::ChatSignal::Kind::kEvent: {
      const bool behind = std::any_of(r->subscribers.begin(), r->subscribers.end(),
                                      [&](const Subscriber& s) { return s.last_seq < signal.seq; });
      // A failed read is caught up at the next signal, or when the client reconnects.
      if (behind) (void)catch_up(*r, signal.chat_id);
      return;
    }
    case store::ChatSignal::Kind::kTyping:
    case store::ChatSignal::Kind::kRead:
      for (auto& s : r->subscribers) {
        if (s.viewer == signal.party) continue;  // told to the other side only
        s.sink({signal.kind == store::ChatSignal::Kind::kTyping ? LiveUpdate::Kind::kTyping : LiveUpdate::Kind::kRead,
                {}, signal.party, signal.seq});
      }
      return;
  }
}

void ChatHub::on_resync() {
  std::vector<std::pair<std::string, std::shared_ptr<Room>>> all;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, r] : rooms_) all.emplace_back(id, r);
  }
  for (auto& [id, r] : all) {
    std::lock_guard lock(r->mutex);
    (void)catch_up(*r, id);
  }
}

}  // namespace vg::app
