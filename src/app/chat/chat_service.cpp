#include "app/chat/chat_service.h"

#include <sodium.h>

#include <algorithm>

#include <boost/json.hpp>

#include <future>

#include "app/audit/audit_entry.h"
#include "app/casework/case_support_read.h"
#include "app/casework/case_tasks.h"
#include "app/intake/self_referral_journey.h"
#include "app/security/random_token.h"
#include "domain/chat/chat_message.h"
#include "domain/chat/chat_state.h"
#include "domain/deadlines/working_days.h"

namespace vg::app {
namespace {

// Tokens are ours (64 hex characters); anything else is refused before touching the store.
bool plausible_token(std::string_view token) {
  return token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

bool plausible_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && id.find_first_not_of("0123456789abcdef-") == std::string_view::npos;
}

std::string token_hash(std::string_view token) { return sha256_hex(token); }

bool area_covered(std::string_view area) {
  const auto& areas = self_referral::areas();
  return std::any_of(areas.begin(), areas.end(), [&](const auto& a) { return a.id == area; });
}

// Who may act on a chat, for the access table: its area, and once taken, the taker and their
// organisation.
access::Subject chat_subject(const chat::Chat& c) {
  access::Subject s;
  s.area = c.area;
  if (!c.holder_organisation_id.empty()) s.organisations.push_back(c.holder_organisation_id);
  s.allocated_to = c.taken_by;
  return s;
}

const auto kChatNotFound = [] { return not_found("The chat"); };

}  // namespace

ChatService::ChatService(store::Store& store, const Clock& clock, NotesCipher cipher, ChatLimits limits,
                         ReferralIntake* intake, store::ChatNotifier* notifier,
                         store::ChatConcernRepository* concerns)
    : store_(store),
      clock_(clock),
      cipher_(std::move(cipher)),
      limits_(std::move(limits)),
      intake_(intake),
      notifier_(notifier),
      concerns_(concerns),
      // One worker: ending a chat is one row and one event. Past 256 waiting exits the chat simply
      // stays open until the advisor ends it.
      cleanup_(std::make_unique<WorkPool>(1, 256)) {
  address_key_.resize(crypto_generichash_KEYBYTES);
  if (limits_.address_key.empty()) {
    randombytes_buf(address_key_.data(), address_key_.size());
  } else {
    constexpr std::string_view kPurpose = "vg-chat-address-key";
    crypto_generichash(reinterpret_cast<unsigned char*>(address_key_.data()), address_key_.size(),
                       reinterpret_cast<const unsigned char*>(limits_.address_key.data()), limits_.address_key.size(),
                       reinterpret_cast<const unsigned char*>(kPurpose.data()), kPurpose.size());
  }
  limits_.address_key.clear();  // only the derived key is kept
}

ChatService::~ChatService() = default;

Result<bool> ChatService::advisors_on(std::string_view area) {
  return store_.chats().anyone_present(std::string(area), clock_.now() - limits_.advisor_presence);
}

bool ChatService::within_hours(std::string_view area) const {
  const auto it = limits_.hours.find(area);
  if (it == limits_.hours.end()) return true;
  const auto now = clock_.now();
  const auto today = deadlines::london_date(now);
  const auto midnight = deadlines::london_time(today, std::chrono::minutes(0));
  return chat::open_at(it->second, std::chrono::weekday(std::chrono::sys_days(today)),
                       std::chrono::floor<std::chrono::minutes>(now - midnight));
}

std::vector<std::string> ChatService::hours_text(std::string_view area) const {
  const auto it = limits_.hours.find(area);
  return it == limits_.hours.end() ? std::vector<std::string>{} : chat::describe(it->second);
}

Result<std::string> ChatService::start(std::string_view area, std::string_view address) {
  if (!area_covered(area)) {
    return validation_failed({{"area", "required", "Select where you live"}}, "The chat was not started");
  }
  if (!within_hours(area)) return fail("unavailable", "The chat is closed now");
  if (!VG_TRY(advisors_on(area))) return fail("unavailable", "No advisor is available to chat now");
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(address.data()), address.size(),
                     reinterpret_cast<const unsigned char*>(address_key_.data()), address_key_.size());
  const auto now = clock_.now();
  std::string token = random_hex(32);
  chat::Chat c;
  c.id = random_uuid();
  c.token_hash = token_hash(token);
  c.address_hash = to_hex(digest, sizeof digest);
  c.area = std::string(area);
  c.started_at = now;
  if (!VG_TRY(store_.chats().start(c, limits_.open_per_address))) {
    return fail("rate_limited", "Too many chats are open from this connection");
  }
  published(c.id, 1);
  return token;
}

Result<std::optional<chat::Chat>> ChatService::by_token(std::string_view token) {
  if (!plausible_token(token)) return std::optional<chat::Chat>{};
  return store_.chats().find_by_token(token_hash(token));
}

Result<ChatTranscript> ChatService::transcript(const chat::Chat& c) {
  // The latest events_per_read: from that far below the last number.
  const std::int64_t from = std::max<std::int64_t>(0, c.last_seq - limits_.events_per_read);
  return ChatTranscript{c, VG_TRY(lines_after(c.id, from)), {}};
}

Result<std::optional<ChatTranscript>> ChatService::victim_transcript(std::string_view token) {
  auto c = VG_TRY(by_token(token));
  // A chat the victim left (or exited) is gone for them: the token, should anyone else hold on to
  // it, shows nothing. One the advisor ended still shows, so they can read how it ended.
  if (!c || (c->state == chat::ChatState::kEnded && c->end_reason != chat::EndReason::kAdvisorEnded)) {
    return std::optional<ChatTranscript>{};
  }
  return std::optional<ChatTranscript>(VG_TRY(transcript(*c)));
}

Result<std::int64_t> ChatService::write(const chat::Chat& read, chat::ChatParty party, const std::string& user_id,
                                        std::string_view typed) {
  const std::string words = VG_TRY(chat::read_chat_message(typed));
  const auto action = party == chat::ChatParty::kVictim ? chat::ChatAction::kVictimMessage : chat::ChatAction::kAdvisorMessage;
  chat::ChatEvent event;
  event.kind = chat::ChatEventKind::kMessage;
  event.party = party;
  event.user_id = user_id;
  event.body = cipher_.seal(words);
  event.at = clock_.now();
  chat::Chat c = read;
  // The chat may move on between the read and the write (taken, ended): then read it again and
  // ask the rule again, once; a second change in that moment is answered as a conflict.
  for (int attempt = 0; attempt < 2; ++attempt) {
    VG_CHECK(chat::after(c.state, action));
    if (auto seq = VG_TRY(store_.chats().post(c.id, event, c.state))) {
      published(c.id, *seq);
      return *seq;
    }
    auto again = VG_TRY(store_.chats().find(c.id));
    if (!again) return kChatNotFound();
    c = std::move(*again);
  }
  return fail("conflict", "The chat changed as the message was sent: send it again");
}

Result<std::int64_t> ChatService::victim_message(std::string_view token, std::string_view typed) {
  auto c = VG_TRY(by_token(token));
  if (!c) return kChatNotFound();
  return write(*c, chat::ChatParty::kVictim, {}, typed);
}

Result<void> ChatService::victim_end(std::string_view token, chat::EndReason reason) {
  auto c = VG_TRY(by_token(token));
  if (!c) return kChatNotFound();
  chat::ChatEvent event;
  event.kind = chat::ChatEventKind::kEnded;
  event.party = chat::ChatParty::kVictim;
  event.at = clock_.now();
  if (auto seq = VG_TRY(store_.chats().end(c->id, event, reason, std::nullopt))) published(c->id, *seq);
  return {};
}

void ChatService::end_soon(std::string_view token) {
  if (!plausible_token(token)) return;
  (void)cleanup_->try_submit(
      [this, token = std::string(token)] { (void)victim_end(token, chat::EndReason::kVictimExited); });
}

Result<ChatQueue> ChatService::queue(const access::Actor& actor) {
  if (!access::role_may(actor.role, access::Action::kTakeChat)) {
    return fail("forbidden", "Your role does not answer chats");
  }
  std::vector<std::string> areas;
  for (const auto& area : actor.areas) {
    if (access::decide(actor, access::Action::kTakeChat, access::Subject{area, {}, {}, {}, {}}).allowed) {
      areas.push_back(area);
    }
  }
  const auto now = clock_.now();
  ChatQueue out;
  if (areas.empty()) return out;
  VG_CHECK(store_.chats().mark_present(actor.user_id, areas, now));
  for (const auto& c : VG_TRY(store_.chats().waiting(areas, limits_.queue_length))) {
    out.waiting.push_back({c.id, c.area, std::chrono::floor<std::chrono::minutes>(now - c.started_at)});
  }
  out.mine = VG_TRY(store_.chats().taken_by(actor.user_id));
  return out;
}

Result<chat::Chat> ChatService::take(const access::Actor& actor, std::string_view chat_id) {
  if (!access::role_may(actor.role, access::Action::kTakeChat)) {
    return fail("forbidden", "Your role does not answer chats");
  }
  if (!plausible_id(chat_id)) return kChatNotFound();
  auto c = VG_TRY(store_.chats().find(std::string(chat_id)));
  // Another area's chat is answered as one that does not exist.
  if (!c || !access::decide(actor, access::Action::kTakeChat, access::Subject{c->area, {}, {}, {}, {}}).allowed) {
    return kChatNotFound();
  }
  VG_CHECK(chat::after(c->state, chat::ChatAction::kTake));
  chat::ChatEvent event;
  event.kind = chat::ChatEventKind::kTaken;
  event.party = chat::ChatParty::kAdvisor;
  event.user_id = actor.user_id;
  event.at = clock_.now();
  const auto audit = audit_entry(event.at, actor.user_id, "chat.take", "chat", c->id);
  const auto seq = VG_TRY(store_.chats().take(c->id, event, actor.organisation_id, audit));
  if (!seq) return fail("conflict", "Another advisor has taken this chat");
  published(c->id, *seq);
  VG_CHECK(store_.chats().mark_present(actor.user_id, {c->area}, event.at));
  return VG_TRY(store_.chats().find(c->id)).value_or(*c);
}

Result<chat::Chat> ChatService::taken_chat(const access::Actor& actor, std::string_view chat_id) {
  if (!access::role_may(actor.role, access::Action::kAnswerChat)) {
    return fail("forbidden", "Your role does not answer chats");
  }
  if (!plausible_id(chat_id)) return kChatNotFound();
  auto c = VG_TRY(store_.chats().find(std::string(chat_id)));
  if (!c || !access::decide(actor, access::Action::kAnswerChat, chat_subject(*c)).allowed) return kChatNotFound();
  return *c;
}

Result<ChatTranscript> ChatService::advisor_transcript(const access::Actor& actor, std::string_view chat_id) {
  const auto c = VG_TRY(taken_chat(actor, chat_id));
  if (c.state != chat::ChatState::kEnded) VG_CHECK(store_.chats().mark_present(actor.user_id, {c.area}, clock_.now()));
  auto t = VG_TRY(transcript(c));
  t.concerns = VG_TRY(concern_lines(c.id));
  return t;
}

Result<std::vector<ConcernLine>> ChatService::concern_lines(const std::string& chat_id) {
  std::vector<ConcernLine> out;
  if (concerns_ == nullptr) return out;
  for (auto& c : VG_TRY(concerns_->of_chat(chat_id))) {
    std::string note = c.note.key_id.empty() ? std::string() : VG_TRY(cipher_.open(c.note));
    out.push_back({std::move(c), std::move(note)});
  }
  return out;
}

Result<chat::ChatConcern> ChatService::record_concern(const access::Actor& actor, std::string_view chat_id,
                                                      std::string_view kind_code, std::string_view note) {
  const auto c = VG_TRY(taken_chat(actor, chat_id));
  auto input = VG_TRY(chat::read_concern(kind_code, note));
  if (concerns_ == nullptr) return fail("unavailable", "Concerns cannot be recorded here");
  if (c.transcript_deleted_at) return fail("conflict", "This chat's transcript has been deleted");
  chat::ChatConcern concern;
  concern.recorded_at = clock_.now();
  concern.id = time_ordered_uuid(concern.recorded_at);
  concern.chat_id = c.id;
  concern.kind = input.kind;
  concern.note = cipher_.seal(input.note);
  concern.recorded_by = actor.user_id;
  const auto audit = audit_entry(
      concern.recorded_at, actor.user_id, "chat.concern", "chat", c.id,
      boost::json::serialize(boost::json::object{{"concern", concern.id}, {"kind", chat::to_code(concern.kind)}}));
  VG_CHECK(concerns_->record(concern, audit));
  if (!c.referral_id.empty()) VG_CHECK(carry_concerns(actor.user_id, c));
  return concern;
}

Result<void> ChatService::carry_concerns(const std::string& actor, const chat::Chat& c) {
  if (c.referral_id.empty() || concerns_ == nullptr) return {};
  const auto now = clock_.now();
  for (const auto& concern : VG_TRY(concerns_->of_chat(c.id))) {
    if (!concern.case_task_id.empty()) continue;
    // A safeguarding task: never dismissed without a reason (domain/casework/case_task.h). Its
    // words are the system's; the advisor's note stays sealed with the case's chat.
    casework::CaseTask task;
    task.id = time_ordered_uuid(now);
    task.case_id = c.referral_id;
    task.kind = casework::TaskKind::kSafeguardingReferral;
    task.reason_code = "chat_concern_" + std::string(chat::to_code(concern.kind));
    task.title = std::string(chat::task_title(concern.kind));
    task.detail = "Recorded beside the live chat this case came from; the note is on the case's chat page";
    task.due_date = deadlines::london_date(now);
    task.assigned_to = concern.recorded_by;
    task.created_by = actor;
    task.created_at = now;
    const casework::CaseEvent event{0, task.case_id, now, actor, "task_created", task_event_detail(task), 0};
    const auto audit = audit_entry(
        now, actor, "chat.concern_carried", "case", task.case_id,
        boost::json::serialize(boost::json::object{{"concern", concern.id}, {"task", task.id}, {"chat", c.id}}));
    (void)VG_TRY(concerns_->carry(concern.id, task, event, audit));
  }
  return {};
}

Result<std::int64_t> ChatService::advisor_message(const access::Actor& actor, std::string_view chat_id,
                                                  std::string_view typed) {
  const auto c = VG_TRY(taken_chat(actor, chat_id));
  return write(c, chat::ChatParty::kAdvisor, actor.user_id, typed);
}

Result<void> ChatService::advisor_end(const access::Actor& actor, std::string_view chat_id) {
  const auto c = VG_TRY(taken_chat(actor, chat_id));
  VG_CHECK(chat::after(c.state, chat::ChatAction::kEnd));
  chat::ChatEvent event;
  event.kind = chat::ChatEventKind::kEnded;
  event.party = chat::ChatParty::kAdvisor;
  event.user_id = actor.user_id;
  event.at = clock_.now();
  const auto audit = audit_entry(event.at, actor.user_id, "chat.end", "chat", c.id);
  if (auto seq = VG_TRY(store_.chats().end(c.id, event, chat::EndReason::kAdvisorEnded, audit))) {
    published(c.id, *seq);
  }
  return {};
}

Result<chat::Chat> ChatService::advisor_chat(const access::Actor& actor, std::string_view chat_id) {
  return taken_chat(actor, chat_id);
}

namespace {

// The one idempotency key of a chat's referral: a second send of the chat replays the first.
std::string referral_key(const chat::Chat& c) { return "chat:" + c.id; }

// What the chat itself requires of its referral, before the intake checks the rest: the
// victim's explicit consent (recorded in the chat), the chat channel and the chat's area.
std::vector<FieldError> chat_referral_errors(std::string_view referral_json, const chat::Chat& c) {
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(referral_json, ec);
  if (ec || !parsed.is_object()) return {};  // the intake says what is wrong with it
  const auto& r = parsed.as_object();
  auto text = [](const boost::json::value* v) {
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  std::vector<FieldError> out;
  const auto* consent = r.if_contains("consent");
  if (consent == nullptr || !consent->is_object() ||
      text(consent->as_object().if_contains("basis")) != "explicit_consent") {
    out.push_back({"$.consent", "required", "needs the victim's agreement, given in the chat, to be referred"});
  }
  if (text(r.if_contains("channel")) != "chat") {
    out.push_back({"$.channel", "invalid", "must be chat for a referral made from a chat"});
  }
  if (const auto area = text(r.if_contains("area")); !area.empty() && area != c.area) {
    out.push_back({"$.area", "invalid", "must be the chat's own area"});
  }
  return out;
}

}  // namespace

Result<ChatReferral> ChatService::refer(const access::Actor& actor, std::string_view chat_id,
                                        std::string_view referral_json) {
  auto c = VG_TRY(taken_chat(actor, chat_id));
  if (!c.referral_id.empty()) {
    VG_CHECK(carry_concerns(actor.user_id, c));  // any a crash left behind
    return ChatReferral{c.referral_id, c.referral_reference, false};
  }
  if (c.transcript_deleted_at) return fail("conflict", "This chat's transcript has been deleted");
  if (intake_ == nullptr) return fail("unavailable", "Referrals cannot be made from chats here");
  if (auto errors = chat_referral_errors(referral_json, c); !errors.empty()) {
    return validation_failed(std::move(errors), "The referral was not sent");
  }
  // The intake every channel uses: its checks, the assessment, routing and the case, stored
  // once per key. A referral stored before the chat named it (a crash between the two, or a
  // colleague's page sent twice) is found again by the key and named now.
  std::promise<Result<IntakeOutcome>> answered;
  auto answer = answered.get_future();
  intake_->submit_async(referral_json, actor, referral_key(c),
                        [&answered](Result<IntakeOutcome> outcome) { answered.set_value(std::move(outcome)); });
  auto outcome = answer.get();
  std::string referral_id;
  std::string reference;
  bool made_now = false;
  if (outcome) {
    referral_id = outcome->referral.id;
    reference = outcome->referral.reference;
    made_now = outcome->created();
  } else if (outcome.error().code == "conflict") {
    auto earlier = VG_TRY(store_.chats().referral_for_key(actor.organisation_id, referral_key(c)));
    if (!earlier) return std::unexpected(std::move(outcome.error()));
    auto stored = VG_TRY(store_.referrals().find(*earlier));
    if (!stored) return std::unexpected(std::move(outcome.error()));
    referral_id = stored->id;
    reference = stored->reference;
  } else {
    return std::unexpected(std::move(outcome.error()));
  }
  chat::ChatEvent event;
  event.kind = chat::ChatEventKind::kReferred;
  event.party = chat::ChatParty::kAdvisor;
  event.user_id = actor.user_id;
  event.at = clock_.now();
  const auto audit = audit_entry(event.at, actor.user_id, "chat.refer", "chat", c.id,
                                 boost::json::serialize(boost::json::object{{"referral_id", referral_id}}));
  const auto referred_seq = VG_TRY(store_.chats().refer(c.id, referral_id, reference, event, audit));
  if (referred_seq) {
    published(c.id, *referred_seq);
    c.referral_id = referral_id;
    VG_CHECK(carry_concerns(actor.user_id, c));
  }
  if (!referred_seq) {
    // Named meanwhile (or its transcript deleted): the chat's own answer stands.
    auto again = VG_TRY(store_.chats().find(c.id));
    if (!again || again->referral_id.empty()) return fail("conflict", "This chat's transcript has been deleted");
    return ChatReferral{again->referral_id, again->referral_reference, false};
  }
  return ChatReferral{std::move(referral_id), std::move(reference), made_now};
}

void ChatService::published(const std::string& chat_id, std::int64_t seq) {
  if (notifier_ != nullptr) notifier_->publish({store::ChatSignal::Kind::kEvent, chat_id, seq, {}});
}

Result<chat::Chat> ChatService::victim_live(std::string_view token) {
  auto c = VG_TRY(by_token(token));
  if (!c || (c->state == chat::ChatState::kEnded && c->end_reason != chat::EndReason::kAdvisorEnded)) {
    return kChatNotFound();
  }
  return *c;
}

Result<chat::Chat> ChatService::advisor_live(const access::Actor& actor, std::string_view chat_id) {
  return taken_chat(actor, chat_id);
}

Result<std::optional<chat::Chat>> ChatService::current(const std::string& chat_id) {
  return store_.chats().find(chat_id);
}

Result<std::vector<ChatLine>> ChatService::lines_after(const std::string& chat_id, std::int64_t after_seq) {
  std::vector<ChatLine> lines;
  for (auto& e : VG_TRY(store_.chats().events_after(chat_id, after_seq, limits_.events_per_read))) {
    ChatLine line{e.seq, e.kind, e.party, {}, e.at};
    if (e.kind == chat::ChatEventKind::kMessage) line.text = VG_TRY(cipher_.open(e.body));
    lines.push_back(std::move(line));
  }
  return lines;
}

Result<void> ChatService::mark_read(const chat::Chat& c, chat::ChatParty reader, std::int64_t seq) {
  if (seq <= 0) return {};
  if (VG_TRY(store_.chats().mark_read(c.id, reader, seq)) && notifier_ != nullptr) {
    notifier_->publish({store::ChatSignal::Kind::kRead, c.id, seq, reader});
  }
  return {};
}

void ChatService::typing(const chat::Chat& c, chat::ChatParty party) {
  if (notifier_ != nullptr) notifier_->publish({store::ChatSignal::Kind::kTyping, c.id, 0, party});
}

Result<std::optional<ChatTranscript>> ChatService::case_transcript(const access::Actor& actor,
                                                                   const std::string& case_id) {
  // The case read first (refused as a case read is, with nothing of it shown), audited as the
  // transcript's read; the chat is looked up only for a person the case is open to.
  VG_CHECK(read_case_support(store_, clock_, actor, case_id, "case.chat_read",
                             [](const casework::CaseRecord&, store::UnitOfWork&) -> Result<void> { return {}; }));
  auto c = VG_TRY(store_.chats().find_by_referral(case_id));
  if (!c) return std::optional<ChatTranscript>{};
  auto t = VG_TRY(transcript(*c));
  t.concerns = VG_TRY(concern_lines(c->id));
  return std::optional<ChatTranscript>(std::move(t));
}

}  // namespace vg::app
