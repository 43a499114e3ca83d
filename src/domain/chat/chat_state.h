// The chat's state machine: what may happen to a chat in each state, as the one rule the use
// case asks before it writes (the store then writes only from the state that was read). Pure.
#pragma once

#include "domain/chat/chat_records.h"
#include "domain/result.h"

namespace vg::chat {

enum class ChatAction {
  kTake,            // an advisor takes it from the queue
  kVictimMessage,   // the victim writes (also while waiting: the advisor reads it on taking)
  kAdvisorMessage,  // the advisor who took it writes
  kEnd,             // either side ends it (or Exit this page does)
};

// The state after `action`, or `conflict` with words for the person: a chat taken already, or
// ended, or an advisor writing before anyone took it.
Result<ChatState> after(ChatState state, ChatAction action);

}  // namespace vg::chat
