#include "domain/casework/victim_message.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

const MessageFacts kFacts{"Victim Care Merseyside", "Alex Example", "MY-2026-000123"};

TEST(VictimMessageTest, IntroductionTextNamesTheContactServiceAndReference) {
  auto words = message_words(MessageTemplate::kNamedContactIntroduction, ContactChannel::kText, kFacts);
  EXPECT_TRUE(words.subject.empty());
  EXPECT_NE(words.body.find("Alex Example is your named contact"), std::string::npos);
  EXPECT_NE(words.body.find("Victim Care Merseyside"), std::string::npos);
  EXPECT_NE(words.body.find("MY-2026-000123"), std::string::npos);
  EXPECT_EQ(words.body.find('{'), std::string::npos);  // every hole filled
}

TEST(VictimMessageTest, HandoverEmailSaysTheContactChanged) {
  auto words = message_words(MessageTemplate::kNamedContactHandover, ContactChannel::kEmail, kFacts);
  EXPECT_EQ(words.subject, "Your new named contact at Victim Care Merseyside");
  EXPECT_NE(words.body.find("is now your named contact"), std::string::npos);
  EXPECT_EQ(words.body.find('{'), std::string::npos);
}

TEST(VictimMessageTest, CodesRoundTrip) {
  for (auto t : {MessageTemplate::kNamedContactIntroduction, MessageTemplate::kNamedContactHandover}) {
    EXPECT_EQ(message_template_from_code(to_code(t)), t);
  }
  EXPECT_FALSE(message_template_from_code("free_text"));
}

TEST(VictimMessageTest, FactsAreNotReadAsTemplates) {
  MessageFacts odd{"{caseworker}", "{reference}", "R"};
  auto words = message_words(MessageTemplate::kNamedContactIntroduction, ContactChannel::kLetter, odd);
  EXPECT_NE(words.body.find("{reference} from {caseworker}"), std::string::npos);
}

}  // namespace
}  // namespace vg::casework
