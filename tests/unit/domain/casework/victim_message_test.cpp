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

MessageFacts reminder_facts(AppointmentKind kind) {
  MessageFacts facts = kFacts;
  facts.appointment = Appointment{std::chrono::year{2026} / 12 / 29, std::chrono::hours{14}, kind};
  return facts;
}

TEST(VictimMessageTest, ReminderTextSaysWhenHowWhoAndTheReference) {
  auto words = message_words(MessageTemplate::kAppointmentReminder, ContactChannel::kText,
                             reminder_facts(AppointmentKind::kPhoneCall));
  EXPECT_TRUE(words.subject.empty());
  EXPECT_EQ(words.body,
            "Victim Care Merseyside: a reminder of your appointment with Alex Example on Tuesday 29 "
            "December 2026 at 2pm, by phone (Alex Example will call you). Your reference is "
            "MY-2026-000123. Reply STOP if you do not want texts from us.");
}

TEST(VictimMessageTest, ReminderInPersonNamesOnlyTheService) {
  auto words = message_words(MessageTemplate::kAppointmentReminder, ContactChannel::kLetter,
                             reminder_facts(AppointmentKind::kInPerson));
  EXPECT_EQ(words.subject, "Your appointment with Victim Care Merseyside");
  EXPECT_NE(words.body.find("on Tuesday 29 December 2026 at 2pm, in person at Victim Care Merseyside."),
            std::string::npos);
  EXPECT_NE(words.body.find("quote your reference, MY-2026-000123"), std::string::npos);
  EXPECT_EQ(words.body.find('{'), std::string::npos);
}

TEST(VictimMessageTest, ReminderEmailByVideo) {
  auto words = message_words(MessageTemplate::kAppointmentReminder, ContactChannel::kEmail,
                             reminder_facts(AppointmentKind::kVideoCall));
  EXPECT_NE(words.body.find("with Alex Example from Victim Care Merseyside on Tuesday 29 December 2026 "
                            "at 2pm, by video call."),
            std::string::npos);
}

TEST(VictimMessageTest, CodesRoundTrip) {
  for (auto t : {MessageTemplate::kNamedContactIntroduction, MessageTemplate::kNamedContactHandover,
                 MessageTemplate::kAppointmentReminder}) {
    EXPECT_EQ(message_template_from_code(to_code(t)), t);
  }
  EXPECT_FALSE(message_template_from_code("free_text"));
}

TEST(VictimMessageTest, AReminderIsNotSentOnceTheCaseClosedOrConsentWasWithdrawn) {
  const auto r = MessageTemplate::kAppointmentReminder;
  EXPECT_TRUE(still_to_send(r, CaseStatus::kOpen, "consented"));
  EXPECT_TRUE(still_to_send(r, CaseStatus::kUnableToContact, "refer_unless_opted_out"));
  EXPECT_FALSE(still_to_send(r, CaseStatus::kClosed, "consented"));
  EXPECT_FALSE(still_to_send(r, CaseStatus::kOpen, "withdrawn"));
  EXPECT_TRUE(still_to_send(MessageTemplate::kNamedContactIntroduction, CaseStatus::kClosed, "withdrawn"));
}

TEST(VictimMessageTest, FactsAreNotReadAsTemplates) {
  MessageFacts odd{"{caseworker}", "{reference}", "R"};
  auto words = message_words(MessageTemplate::kNamedContactIntroduction, ContactChannel::kLetter, odd);
  EXPECT_NE(words.body.find("{reference} from {caseworker}"), std::string::npos);
}

}  // namespace
}  // namespace vg::casework
