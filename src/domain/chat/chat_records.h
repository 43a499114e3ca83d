// A live chat between a victim (no account: a random token in their cookie) and a gateway
// advisor, and the numbered events it is made of. Every event carries the chat's next sequence
// number, so a client (the plain page now, a WebSocket later) catches up from the last it saw.
// Values only: no I/O, no clock, never a message's words outside a sealed body.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/casework/support_records.h"

namespace vg::chat {

using Instant = std::chrono::system_clock::time_point;

// waiting (in the area's queue) → active (an advisor took it) → ended. Nothing leaves ended.
enum class ChatState { kWaiting, kActive, kEnded };

// Who an event is from.
enum class ChatParty { kVictim, kAdvisor };

enum class ChatEventKind {
  kStarted,  // the victim started the chat
  kMessage,  // a message: its body is sealed
  kTaken,    // an advisor took the chat from the queue
  kEnded,    // the chat ended (see EndReason)
  kReferred,  // with the victim's consent, the advisor made the chat into a referral
};

enum class EndReason {
  kVictimLeft,    // the victim chose to end the chat
  kVictimExited,  // the victim used Exit this page
  kAdvisorEnded,  // the advisor ended it
};

struct Chat {
  std::string id;          // random UUID: what staff pages' addresses carry
  std::string token_hash;  // the victim's cookie token, hashed: the only way to the chat without an account
  std::string address_hash;  // the caller's address, keyed hash: counts open chats per address
  std::string area;          // area pack id: whose queue it joins
  ChatState state = ChatState::kWaiting;
  Instant started_at{};
  std::optional<Instant> taken_at;
  std::string taken_by;                // advisor's user id
  std::string holder_organisation_id;  // the taking advisor's organisation
  std::optional<Instant> ended_at;
  std::optional<EndReason> end_reason;
  std::int64_t last_seq = 0;  // the number of the chat's latest event
  // The referral the chat became (its case has the same id), and the reference the victim is
  // told; empty while it has become none.
  std::string referral_id;
  std::string referral_reference;
  // When its events were deleted for retention: only the facts above (no words, no token, no
  // address) are left.
  std::optional<Instant> transcript_deleted_at;
  // The latest event number each side's client said it displayed (migration 0042): what the
  // other side is shown as read.
  std::int64_t victim_read_seq = 0;
  std::int64_t advisor_read_seq = 0;
};

struct ChatEvent {
  std::string chat_id;
  std::int64_t seq = 0;  // 1, 2, 3 ... per chat, assigned by the store
  ChatEventKind kind = ChatEventKind::kMessage;
  ChatParty party = ChatParty::kVictim;
  std::string user_id;               // the advisor, for their events; empty for the victim's
  casework::SealedText body;         // messages only: the words, sealed (app/security/notes_cipher)
  Instant at{};
};

std::string_view to_code(ChatState state);      // "waiting" | "active" | "ended"
std::string_view to_code(ChatParty party);      // "victim" | "advisor"
std::string_view to_code(ChatEventKind kind);   // "started" | "message" | "taken" | "ended" | "referred"
std::string_view to_code(EndReason reason);     // "victim_left" | "victim_exited" | "advisor_ended"
std::optional<ChatState> chat_state_from_code(std::string_view code);
std::optional<ChatParty> chat_party_from_code(std::string_view code);
std::optional<ChatEventKind> chat_event_kind_from_code(std::string_view code);
std::optional<EndReason> end_reason_from_code(std::string_view code);

}  // namespace vg::chat
