// The chat's state machine: taken once, written by the advisor only once taken, ended for good.
#include "domain/chat/chat_state.h"

#include <gtest/gtest.h>

namespace vg::chat {
namespace {

TEST(ChatState, AWaitingChatIsTakenOnceAndThenAnsweredByTheAdvisor) {
  EXPECT_EQ(after(ChatState::kWaiting, ChatAction::kTake).value(), ChatState::kActive);
  EXPECT_EQ(after(ChatState::kActive, ChatAction::kTake).error().code, "conflict");
  EXPECT_EQ(after(ChatState::kWaiting, ChatAction::kAdvisorMessage).error().code, "conflict");
  EXPECT_EQ(after(ChatState::kActive, ChatAction::kAdvisorMessage).value(), ChatState::kActive);
}

TEST(ChatState, TheVictimWritesWhileWaitingAndOnceAnswered) {
  EXPECT_EQ(after(ChatState::kWaiting, ChatAction::kVictimMessage).value(), ChatState::kWaiting);
  EXPECT_EQ(after(ChatState::kActive, ChatAction::kVictimMessage).value(), ChatState::kActive);
}

TEST(ChatState, EitherSideEndsItAndNothingHappensToAnEndedChat) {
  EXPECT_EQ(after(ChatState::kWaiting, ChatAction::kEnd).value(), ChatState::kEnded);
  EXPECT_EQ(after(ChatState::kActive, ChatAction::kEnd).value(), ChatState::kEnded);
  for (auto action : {ChatAction::kTake, ChatAction::kVictimMessage, ChatAction::kAdvisorMessage, ChatAction::kEnd}) {
    auto refused = after(ChatState::kEnded, action);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "conflict");
    EXPECT_EQ(refused.error().message, "This chat has ended");
  }
}

TEST(ChatRecords, EveryCodeReadsBack) {
  for (auto s : {ChatState::kWaiting, ChatState::kActive, ChatState::kEnded}) EXPECT_EQ(chat_state_from_code(to_code(s)), s);
  for (auto p : {ChatParty::kVictim, ChatParty::kAdvisor}) EXPECT_EQ(chat_party_from_code(to_code(p)), p);
  for (auto k : {ChatEventKind::kStarted, ChatEventKind::kMessage, ChatEventKind::kTaken, ChatEventKind::kEnded}) {
    EXPECT_EQ(chat_event_kind_from_code(to_code(k)), k);
  }
  for (auto r : {EndReason::kVictimLeft, EndReason::kVictimExited, EndReason::kAdvisorEnded}) {
    EXPECT_EQ(end_reason_from_code(to_code(r)), r);
  }
  EXPECT_FALSE(chat_state_from_code("open"));
}

}  // namespace
}  // namespace vg::chat
