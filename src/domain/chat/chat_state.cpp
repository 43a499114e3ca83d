#include "domain/chat/chat_state.h"

namespace vg::chat {

Result<ChatState> after(ChatState state, ChatAction action) {
  if (state == ChatState::kEnded) return fail("conflict", "This chat has ended");
  switch (action) {
    case ChatAction::kTake:
      if (state != ChatState::kWaiting) return fail("conflict", "Another advisor has taken this chat");
      return ChatState::kActive;
    case ChatAction::kVictimMessage:
      return state;
    case ChatAction::kAdvisorMessage:
      if (state != ChatState::kActive) return fail("conflict", "Take the chat before writing");
      return state;
    case ChatAction::kEnd:
      return ChatState::kEnded;
  }
  return fail("internal", "Unknown chat action");
}

}  // namespace vg::chat
