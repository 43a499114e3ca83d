#include "store/chat_notifier.h"

#include <charconv>
#include <mutex>

namespace vg::store {
namespace {

bool plausible_chat_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && id.find_first_not_of("0123456789abcdef-") == std::string_view::npos;
}

std::optional<std::int64_t> number(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0) return std::nullopt;
  return n;
}

// Splits on single spaces: at most 4 words.
std::size_t words(std::string_view text, std::string_view (&out)[4]) {
  std::size_t n = 0;
  while (!text.empty()) {
    if (n == 4) return 5;
    const auto space = text.find(' ');
    out[n++] = text.substr(0, space);
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return n;
}

class InProcessChatNotifier final : public ChatNotifier {
 public:
  void listen(OnSignal on_signal, OnResync) override {
    std::lock_guard lock(mutex_);
    on_signal_ = std::move(on_signal);
  }
  void publish(const ChatSignal& signal) override {
    OnSignal deliver;
    {
      std::lock_guard lock(mutex_);
      deliver = on_signal_;
    }
    if (deliver) deliver(signal);
  }
  void stop() override {
    std::lock_guard lock(mutex_);
    on_signal_ = nullptr;
  }

 private:
  std::mutex mutex_;
  OnSignal on_signal_;
};

}  // namespace

std::string signal_text(const ChatSignal& s) {
  switch (s.kind) {
    case ChatSignal::Kind::kEvent:
      return "e " + s.chat_id + " " + std::to_string(s.seq);
    case ChatSignal::Kind::kTyping:
      return "t " + s.chat_id + " " + std::string(chat::to_code(s.party));
    case ChatSignal::Kind::kRead:
      return "r " + s.chat_id + " " + std::string(chat::to_code(s.party)) + " " + std::to_string(s.seq);
  }
  return {};
}

std::optional<ChatSignal> read_signal(std::string_view text) {
  std::string_view w[4];
  const auto n = words(text, w);
  if (n < 3 || n > 4 || !plausible_chat_id(w[1])) return std::nullopt;
  ChatSignal s;
  s.chat_id = std::string(w[1]);
  if (w[0] == "e" && n == 3) {
    const auto seq = number(w[2]);
    if (!seq) return std::nullopt;
    s.kind = ChatSignal::Kind::kEvent;
    s.seq = *seq;
    return s;
  }
  const auto party = chat::chat_party_from_code(w[2]);
  if (!party) return std::nullopt;
  s.party = *party;
  if (w[0] == "t" && n == 3) {
    s.kind = ChatSignal::Kind::kTyping;
    return s;
  }
  if (w[0] == "r" && n == 4) {
    const auto seq = number(w[3]);
    if (!seq) return std::nullopt;
    s.kind = ChatSignal::Kind::kRead;
    s.seq = *seq;
    return s;
  }
  return std::nullopt;
}

std::unique_ptr<ChatNotifier> in_process_chat_notifier() { return std::make_unique<InProcessChatNotifier>(); }

}  // namespace vg::store
