#include "http/chat_sockets.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <mutex>
#include <utility>

#include <boost/json.hpp>

#include "app/accounts/actor.h"
#include "domain/chat/chat_message.h"
#include "domain/text/rfc3339.h"
#include "http/chat_session_watch.h"
#include "http/chat_socket_frame.h"
#include "http/cookies.h"
#include "http/cross_site.h"
#include "http/metrics.h"
#include "http/pages/chat_cookie.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

using Steady = std::chrono::steady_clock;

// Frames of any kind (typing and read included): beyond this the connection is closed.
constexpr double kFrameBurst = 60;
constexpr double kFramesPerSecond = 20;
constexpr std::string_view kSocketsOpen = "vg_chat_sockets_open";
constexpr std::string_view kHandshakes = "vg_chat_socket_handshakes_total";
constexpr std::string_view kVictimRoute = "/chat/live";
constexpr std::string_view kAdvisorRoute = "/staff/chats/{id}/live";

// The other side is told someone is typing at most this often.
constexpr std::chrono::seconds kTypingEvery{2};
// How often the advisors' sessions are checked: signing out closes their sockets within this.
constexpr std::chrono::seconds kSessionCheckEvery{2};

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
  std::string session_id;  // the advisor's session cookie: the socket lives while it is signed in
};

class ChatSocket final : public SocketHandler {
 public:
  ChatSocket(AppContext& ctx, app::ChatHub& hub, std::shared_ptr<ChatSessionWatch> sessions, chat::Chat chat,
             Caller caller, std::int64_t after, const ChatSocketRates& rates)
      : ctx_(ctx), hub_(hub), sessions_(std::move(sessions)), chat_(std::move(chat)), caller_(std::move(caller)),
        after_(after), messages_(rates.message_burst, rates.messages_per_minute / 60.0) {}

  void on_open(std::shared_ptr<SocketChannel> channel) override {
    channel_ = channel;
    opened_ = true;
    ctx_.metrics.add_to_gauge(kSocketsOpen, 1);
    if (caller_.side == chat::ChatParty::kAdvisor) {
      if (auto sessions = sessions_.lock()) session_watch_ = sessions->watch(caller_.session_id, channel);
    }
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

  void on_close() override {
    subscription_.reset();
    session_watch_.reset();
    if (std::exchange(opened_, false)) ctx_.metrics.add_to_gauge(kSocketsOpen, -1);
  }

 private:
  void send_message(SocketChannel& channel, const std::string& text, Steady::time_point now) {
    if (!messages_.take(now)) {
      return channel.send(error_json("rate_limited", "message", "You are sending messages too quickly. Wait a moment"));
    }
    // The advisor's message is their activity, as a page load is (it keeps the session alive);
    // a session that ended meanwhile sends nothing more.
    if (caller_.side == chat::ChatParty::kAdvisor) {
      auto user = ctx_.accounts.current_user(caller_.session_id);
      if (user && !*user) return channel.close(ChatSessionWatch::kSignedOutCode, ChatSessionWatch::kSignedOutReason);
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
  std::weak_ptr<ChatSessionWatch> sessions_;
  chat::Chat chat_;
  Caller caller_;
  std::int64_t after_;
  std::weak_ptr<SocketChannel> channel_;
  std::unique_ptr<app::ChatHub::Subscription> subscription_;
  std::unique_ptr<ChatSessionWatch::Registration> session_watch_;
  RateBucket messages_;
  bool opened_ = false;
  RateBucket frames_{kFrameBurst, kFramesPerSecond};
  Steady::time_point last_typing_{};
  std::int64_t read_up_to_ = 0;
};

// What a handshake came to, for the metric: no ids, no addresses.
std::string_view outcome_of(int status) {
  switch (status) {
    case 0: return "accepted";
    case 400: return "bad_request";
    case 403: return "cross_site";
    case 404: return "not_found";
    default: return "unavailable";
  }
}

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

UpgradeHandler chat_socket_upgrades(AppContext& ctx, app::ChatHub& hub, std::string public_origin,
                                    ChatSocketRates rates) {
  auto sessions = std::make_shared<ChatSessionWatch>(
      [&ctx](const std::string& session_id) {
        auto signed_in = ctx.accounts.still_signed_in(session_id);
        return !signed_in || *signed_in;
      },
      kSessionCheckEvery);
  return [&ctx, &hub, sessions, rates, public_origin = std::move(public_origin)](
             Request& request) -> std::optional<UpgradeDecision> {
    const bool victim = request.path == kVictimRoute;
    const std::string chat_id = victim ? std::string() : advisor_chat_id(request.path);
    if (!victim && chat_id.empty()) return std::nullopt;
    // Every answer named by the path's template and counted by its outcome.
    auto decided = [&](UpgradeDecision decision) {
      decision.route = std::string(victim ? kVictimRoute : kAdvisorRoute);
      ctx.metrics.increment(kHandshakes, {{"side", victim ? "victim" : "advisor"},
                                          {"outcome", std::string(outcome_of(decision.handler ? 0 : decision.status))}});
      return std::optional<UpgradeDecision>(std::move(decision));
    };
    auto refuse = [&](int status, std::string detail) { return decided({nullptr, status, std::move(detail), {}}); };
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
      caller.session_id = read_cookie(request, kSessionCookie, ctx.settings).value_or("");
      chat = ctx.chat.advisor_live(caller.actor, chat_id);
    }
    // Another's chat, one that never was, a role without the line: all the same answer.
    if (!chat) {
      const auto& code = chat.error().code;
      if (code == "not_found" || code == "forbidden") return refuse(404, std::string(kNoChat));
      return refuse(503, "The chat cannot be opened now. Try again");
    }
    return decided({std::make_shared<ChatSocket>(ctx, hub, sessions, std::move(*chat), std::move(caller), *after, rates),
                    0, {}, {}});
  };
}

}  // namespace vg::http
