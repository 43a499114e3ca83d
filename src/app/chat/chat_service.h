// Live chat's use cases (issue 16, first slice: pages that work without JavaScript). A victim
// starts a chat without an account: the random token in their cookie is its only key (the store
// keeps its hash). It waits in the area's queue, which gateway advisors see with wait times, until
// one takes it; then the two write to each other, every event numbered per chat. When nobody is
// at work on the area's chats, no chat starts: the pages offer the self-referral and 999 instead.
// Messages are sealed at rest with the notes key; nothing here logs a word of them. With the
// victim's consent the advisor makes the chat a referral through the intake every channel uses;
// its transcript then belongs to the case, read by whoever may read the case, each read audited.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/clock.h"
#include "app/intake/referral_intake.h"
#include "app/security/notes_cipher.h"
#include "app/work_pool.h"
#include "domain/access/access_table.h"
#include "domain/chat/chat_concern.h"
#include "domain/chat/chat_records.h"
#include "domain/chat/opening_hours.h"
#include "domain/result.h"
#include "store/chat_concern_repository.h"
#include "store/chat_notifier.h"
#include "store/store.h"

namespace vg::app {

struct ChatLimits {
  int open_per_address = 3;  // chats not ended from one caller address: a refuge may have a few
  // An advisor counts as on for this long after they last had the queue or a chat open.
  std::chrono::minutes advisor_presence{10};
  int queue_length = 50;      // waiting chats one queue page lists
  int events_per_read = 500;  // events one read returns (a page shows the latest this many)
  // Each area's chat opening hours (London time); an area without any: whenever an advisor is on.
  std::map<std::string, chat::OpeningHours, std::less<>> hours;
  // The secret callers' addresses are hashed with (as SelfReferralLimits::address_key). Empty: a
  // random key in this process's memory.
  std::string address_key;
};

// One event as a page shows it: a message's words opened, or what happened.
struct ChatLine {
  std::int64_t seq = 0;
  chat::ChatEventKind kind = chat::ChatEventKind::kMessage;
  chat::ChatParty party = chat::ChatParty::kVictim;
  std::string text;  // the message; empty for other events
  chat::Instant at{};
};

// A safeguarding concern as staff pages show it: the note opened (empty once erased).
struct ConcernLine {
  chat::ChatConcern concern;
  std::string note;
};

struct ChatTranscript {
  chat::Chat chat;
  std::vector<ChatLine> lines;  // in order, the latest events_per_read
  // Staff's transcripts only (the advisor's, the case's); never the victim's.
  std::vector<ConcernLine> concerns;
};

// What making a chat into a referral came to.
struct ChatReferral {
  std::string referral_id;  // also its case's id
  std::string reference;    // what the victim is told
  bool made_now = false;    // false: the chat had become this referral before
};

struct QueuedChat {
  std::string id;
  std::string area;
  std::chrono::minutes waited{0};
};

struct ChatQueue {
  std::vector<QueuedChat> waiting;  // longest waiting first
  std::vector<chat::Chat> mine;     // chats the person took that have not ended
};

class ChatService {
 public:
  // `intake`: where a chat becomes a referral (none: refer() is `unavailable`). `notifier`: told
  // of every event this service stores, for live chat (none: only pages see them).
  // `concerns`: where safeguarding concerns are kept (none: record_concern is `unavailable`).
  ChatService(store::Store& store, const Clock& clock, NotesCipher cipher, ChatLimits limits = {},
              ReferralIntake* intake = nullptr, store::ChatNotifier* notifier = nullptr,
              store::ChatConcernRepository* concerns = nullptr);
  ~ChatService();

  // --- the victim's side (no account: the token) ---------------------------------------------
  // Whether anyone is at work on `area`'s chats now.
  Result<bool> advisors_on(std::string_view area);
  // Whether `area`'s chat is within its opening hours now (an area without hours: always).
  bool within_hours(std::string_view area) const;
  // `area`'s opening hours in words, a line per day open; empty for an area without hours.
  std::vector<std::string> hours_text(std::string_view area) const;
  // A new chat in `area` ("merseyside"): the token for the victim's cookie. `validation_failed`
  // (field "area") for an area the gateways do not cover, `unavailable` when outside the area's
  // hours or no advisor is on,
  // `rate_limited` when the address has too many chats open.
  Result<std::string> start(std::string_view area, std::string_view address);
  // The chat the token opens, or nullopt (none, not this server's token, or one the victim left).
  Result<std::optional<ChatTranscript>> victim_transcript(std::string_view token);
  // The message's number. `validation_failed` (field "message", domain/chat/chat_message.h),
  // `not_found` without a chat, `conflict` when it has ended.
  Result<std::int64_t> victim_message(std::string_view token, std::string_view typed);
  // Ends the chat (an ended one stays ended). `not_found` without a chat.
  Result<void> victim_end(std::string_view token, chat::EndReason reason);
  // The same for Exit this page, done soon on the service's own worker so the person's way out
  // never waits on the database.
  void end_soon(std::string_view token);

  // --- the advisor's side (access::Action::kTakeChat, kAnswerChat) -----------------------------
  // The waiting chats in the actor's areas, and their own; marks them on for those areas.
  Result<ChatQueue> queue(const access::Actor& actor);
  // `conflict` when another advisor took it first or it ended; `not_found` for a chat outside
  // the actor's areas (as for one that does not exist); `forbidden` for a role with no line.
  Result<chat::Chat> take(const access::Actor& actor, std::string_view chat_id);
  // A chat the actor took; any other is `not_found`.
  Result<ChatTranscript> advisor_transcript(const access::Actor& actor, std::string_view chat_id);
  Result<std::int64_t> advisor_message(const access::Actor& actor, std::string_view chat_id, std::string_view typed);
  Result<void> advisor_end(const access::Actor& actor, std::string_view chat_id);

  // --- into a referral ------------------------------------------------------------------------
  // The chat the actor took, as advisor_transcript finds it (for the referral form).
  Result<chat::Chat> advisor_chat(const access::Actor& actor, std::string_view chat_id);
  // With the victim's explicit consent recorded in `referral_json` (docs/formats/referral.md,
  // channel "chat", the chat's own area), the chat becomes a referral through the intake, as
  // every channel's does, and names it; the victim's page then shows its reference. Once per
  // chat: a chat that became a referral answers with that one (made_now false), whatever the
  // JSON. `validation_failed` with JSON paths ($.consent, $.channel, $.area and the intake's
  // own), and nothing stored; `conflict` when the chat's transcript was deleted; `forbidden` /
  // `not_found` as advisor_transcript.
  Result<ChatReferral> refer(const access::Actor& actor, std::string_view chat_id, std::string_view referral_json);
  // The transcript of the chat that became case `case_id`, for a person who may read the case
  // (app/casework/case_read_right: the access table), with a "case.chat_read" audit entry; nullopt
  // when the case came from no chat. `forbidden` / `not_found` / `reason_required` as a case read.
  Result<std::optional<ChatTranscript>> case_transcript(const access::Actor& actor, const std::string& case_id);

  // --- safeguarding concerns (whoever may answer the chat: the access table's kAnswerChat) ------
  // Records a concern beside the chat, its note sealed, audited "chat.concern" (ids and the kind,
  // never the note); on a chat that became a case it is carried onto the case at once.
  // `validation_failed` (fields "kind", "note"), `conflict` once the transcript was deleted,
  // `forbidden` / `not_found` as advisor_transcript.
  Result<chat::ChatConcern> record_concern(const access::Actor& actor, std::string_view chat_id,
                                           std::string_view kind_code, std::string_view note);

  // --- live chat (http's WebSocket; app/chat/chat_hub.h fans out) ---------------------------------
  // The chat the victim's token opens for a live connection, as victim_transcript shows it;
  // `not_found` otherwise (no chat, or one the victim left).
  Result<chat::Chat> victim_live(std::string_view token);
  // The chat the actor took, as advisor_transcript finds it (the access table decides).
  Result<chat::Chat> advisor_live(const access::Actor& actor, std::string_view chat_id);
  // The chat as stored now, for a connection already let in (its read numbers).
  Result<std::optional<chat::Chat>> current(const std::string& chat_id);
  // The chat's events numbered above `after_seq`, messages opened, at most events_per_read.
  Result<std::vector<ChatLine>> lines_after(const std::string& chat_id, std::int64_t after_seq);
  // `reader`'s client displayed the chat's events up to `seq`: kept (only ever forward) and the
  // other side told.
  Result<void> mark_read(const chat::Chat& chat, chat::ChatParty reader, std::int64_t seq);
  // `party` is typing: the other side is told; nothing is stored.
  void typing(const chat::Chat& chat, chat::ChatParty party);

 private:
  void published(const std::string& chat_id, std::int64_t seq);
  Result<std::optional<chat::Chat>> by_token(std::string_view token);
  Result<chat::Chat> taken_chat(const access::Actor& actor, std::string_view chat_id);
  Result<ChatTranscript> transcript(const chat::Chat& chat);
  Result<std::vector<ConcernLine>> concern_lines(const std::string& chat_id);
  // Each of the chat's concerns not yet on its case becomes a safeguarding task there.
  Result<void> carry_concerns(const std::string& actor, const chat::Chat& chat);
  Result<std::int64_t> write(const chat::Chat& chat, chat::ChatParty party, const std::string& user_id,
                             std::string_view typed);

  store::Store& store_;
  const Clock& clock_;
  NotesCipher cipher_;
  ChatLimits limits_;
  ReferralIntake* intake_;
  store::ChatNotifier* notifier_;
  store::ChatConcernRepository* concerns_;
  std::string address_key_;
  // Last, so it is joined (finishing what it accepted) before the members its jobs use go.
  std::unique_ptr<WorkPool> cleanup_;
};

}  // namespace vg::app
