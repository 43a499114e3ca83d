#include "http/chat_sockets.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <mutex>

#include <boost/json.hpp>

#include "app/accounts/actor.h"
#include "domain/chat/chat_message.h"
#include "domain/text/rfc3339.h"
#include "http/chat_socket_frame.h"
#include "http/cross_site.h"
#include "http/pages/chat_cookie.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

using Steady = std::chrono::steady_clock;

// Messages a person may send: a burst of this many, then one a second.
constexpr double kMessageBurst = 5;
constexpr double kMessagesPerSecond = 1;
// Frames of any kind (typing and read included): beyond this the connection is closed.
constexpr double kFrameBurst = 60;
constexpr double kFramesPerSecond = 20;
// The other side is told someone is typing at most this often.
constexpr std::chrono::seconds kTypingEvery{2};

constexpr int kPolicyViolation = 1008;
constexpr int kNormalClosure = 1000;
constexpr int kInternalError = 1011;

// A bucket of `burst` tokens, refilled at `rate` a second.
class RateBucket {
 public:
  RateBucket(double burst, double rate) : burst_(burst), rate_(rate), tokens_(burst) {}
  bool take(Steady::time_point now) {
    if (last_ != Steady::time_point{}) {
      tokens_ = std::min(burst_, tokens_ + std::chrono::duration<double>(now - last_).count() * rate_);
    }
    last_ = now;
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

 private:
  double burst_;
  double rate_;
  double tokens_;
  Steady::time_point last_{};
};

std::string error_json(std::string_view code, std::string_view field, std::string_view message) {
  return boost::json::serialize(boost::json::object{{"type", "error"}, {"code", code}, {"field", field}, {"message", message}});
}

std::string update_json(const app::LiveUpdate& u) {
  boost::json::object o;
  switch (u.kind) {
    case app::LiveUpdate::Kind::kLine:
      o = {{"type", "event"},
           {"seq", u.line.seq},
           {"kind", chat::to_code(u.line.kind)},
           {"party", chat::to_code(u.line.party)},
           {"at", to_rfc3339(u.line.at)}};
      if (u.line.kind == chat::ChatEventKind::kMessage) o["text"] = u.line.text;
      break;
    case app::LiveUpdate::Kind::kTyping:
      o = {{"type", "typing"}, {"party", chat::to_code(u.party)}};
      break;
    case app::LiveUpdate::Kind::kRead:
      o = {{"type", "read"}, {"party", chat::to_code(u.party)}, {"seq", u.seq}};
      break;
    case app::LiveUpdate::Kind::kReady:
      o = {{"type", "ready"}, {"seq", u.seq}};
      break;
  }
  return boost::json::serialize(o);
}

// Who is at the other end: the victim (their token) or the advisor (who they are).
struct Caller {
  chat::ChatParty side = chat::ChatParty::kVictim;
  std::string token;     // the victim's
  access::Actor actor;   // the advisor's
};

class ChatSocket final : public SocketHandler {
 public:
  ChatSocket(AppContext& ctx, app::ChatHub& hub, chat::Chat chat, Caller caller, std::int64_t after)
      : ctx_(ctx), hub_(hub), chat_(std::move(chat)), caller_(std::move(caller)), after_(after) {}

  void on_open(std::shared_ptr<SocketChannel> channel) override {
    channel_ = channel;
    std::weak_ptr<SocketChannel> weak = channel;
    auto subscribed = hub_.subscribe(chat_, caller_.side, after_, [weak](const app::LiveUpdate& u) {
      auto c = weak.lock();
      if (!c) return;
      c->send(update_json(u));
      if (u.kind == app::LiveUpdate::Kind::kLine && u.line.kind == chat::ChatEventKind::kEnded) {
        c->close(kNormalClosure, "The chat has ended");
      }
    });
    if (!subscribed) {
      const bool crowded = subscribed.error().code == "rate_limited";
      if (crowded) channel->send(error_json("rate_limited", "", subscribed.error().message));
      return channel->close(crowded ? kPolicyViolation : kInternalError, crowded ? "Too many windows" : "Try again");
    }
    subscription_ = std::move(*subscribed);
  }

  void on_text(std::string text) override {
    auto channel = channel_.lock();
    if (!channel) return;
    const auto now = Steady::now();
    if (!frames_.take(now)) return channel->close(kPolicyViolation, "Too many messages");
    auto frame = read_chat_client_frame(text);
    if (!frame) {
      const auto& f = frame.error().fields.front();
      return channel->send(error_json(f.code, f.field, f.message));
    }
    switch (frame->kind) {
      case ChatClientFrame::Kind::kMessage:
        return send_message(*channel, frame->text, now);
      case ChatClientFrame::Kind::kTyping:
        if (now - last_typing_ < kTypingEvery) return;
        last_typing_ = now;
        return ctx_.chat.typing(chat_, caller_.side);
      case ChatClientFrame::Kind::kRead:
        if (frame->seq <= read_up_to_) return;
        read_up_to_ = frame->seq;
        (void)ctx_.chat.mark_read(chat_, caller_.side, frame->seq);
        return;
    }
  }

  void on_close() override { subscription_.reset(); }

 private:
  void send_message(SocketChannel& channel, const std::string& text, Steady::time_point now) {
    if (!messages_.take(now)) {
      return channel.send(error_json("rate_limited", "message", "You are sending messages too quickly. Wait a moment"));
    }
    auto sent = caller_.side == chat::ChatParty::kVictim ? ctx_.chat.victim_message(caller_.token, text)
                                                         : ctx_.chat.advisor_message(caller_.actor, chat_.id, text);
    if (sent) {
      return channel.send(boost::json::serialize(boost::json::object{{"type", "sent"}, {"seq", *sent}}));
    }
    const auto& e = sent.error();
    if (e.code == "validation_failed" && !e.fields.empty()) {
      return channel.send(error_json(e.fields.front().code, e.fields.front().field, e.fields.front().message));
    }
    if (e.code == "conflict") return channel.send(error_json("conflict", "message", e.message));
    channel.send(error_json("unavailable", "message", "The message was not sent. Try again"));
  }

  AppContext& ctx_;
  app::ChatHub& hub_;
  chat::Chat chat_;
  Caller caller_;
  std::int64_t after_;
  std::weak_ptr<SocketChannel> channel_;
  std::unique_ptr<app::ChatHub::Subscription> subscription_;
  RateBucket messages_{kMessageBurst, kMessagesPerSecond};
  RateBucket frames_{kFrameBurst, kFramesPerSecond};
  Steady::time_point last_typing_{};
  std::int64_t read_up_to_ = 0;
};

UpgradeDecision refuse(int status, std::string detail) { return {nullptr, status, std::move(detail)}; }

// "/staff/chats/{id}/live" → id; empty for any other path.
std::string advisor_chat_id(std::string_view path) {
  constexpr std::string_view kPrefix = "/staff/chats/";
  constexpr std::string_view kSuffix = "/live";
  if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix) || path.size() <= kPrefix.size() + kSuffix.size()) {
    return {};
  }
  const auto id = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
  return id.find('/') == std::string_view::npos ? std::string(id) : std::string();
}

std::optional<std::int64_t> after_param(const Request& request) {
  const auto text = request.query_param("after").value_or("0");
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0) return std::nullopt;
  return n;
}

constexpr std::string_view kNoChat = "There is no chat here";

}  // namespace

UpgradeHandler chat_socket_upgrades(AppContext& ctx, app::ChatHub& hub, std::string public_origin) {
  return [&ctx, &hub, public_origin = std::move(public_origin)](Request& request) -> std::optional<UpgradeDecision> {
    const bool victim = request.path == "/chat/live";
    const std::string chat_id = victim ? std::string() : advisor_chat_id(request.path);
    if (!victim && chat_id.empty()) return std::nullopt;
    if (!is_same_origin_socket(request, public_origin)) return refuse(403, "Chat connections come from this site's own pages");
    const auto after = after_param(request);
    if (!after) return refuse(400, "after must be the number of the last event seen");
    Caller caller;
    Result<chat::Chat> chat = fail("not_found", std::string(kNoChat));
    if (victim) {
      caller.token = pages::chat_token(request, ctx.settings);
      chat = ctx.chat.victim_live(caller.token);
    } else {
      auto user = current_user(request, ctx);
      if (!user) return refuse(404, std::string(kNoChat));
      caller.side = chat::ChatParty::kAdvisor;
      caller.actor = app::actor_of(*user);
      chat = ctx.chat.advisor_live(caller.actor, chat_id);
    }
    // Another's chat, one that never was, a role without the line: all the same answer.
    if (!chat) {
      const auto& code = chat.error().code;
      if (code == "not_found" || code == "forbidden") return refuse(404, std::string(kNoChat));
      return refuse(503, "The chat cannot be opened now. Try again");
    }
    return UpgradeDecision{std::make_shared<ChatSocket>(ctx, hub, std::move(*chat), std::move(caller), *after), 0, {}};
  };
}

}  // namespace vg::http
