#include "domain/casework/message_channel.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

SafeContactProfile profile() {
  SafeContactProfile p;
  p.safe_channels = {ContactChannel::kCall, ContactChannel::kText, ContactChannel::kLetter};
  p.safe_phone = "07700 900123";
  p.safe_address = "1 Invented Road, Liverpool";
  p.may_say_who_we_are = true;
  return p;
}

std::string first_code(const Result<MessageAddress>& r) {
  return r ? std::string() : r.error().fields.front().code;
}

TEST(MessageChannelTest, TextGoesToTheSafeNumber) {
  auto address = message_address(profile(), ContactChannel::kText);
  ASSERT_TRUE(address);
  EXPECT_EQ(address->recipient, "07700 900123");
  EXPECT_FALSE(address->large_print);
}

TEST(MessageChannelTest, ChannelTheProfileDoesNotAllowIsRefusedWithTheReason) {
  auto address = message_address(profile(), ContactChannel::kEmail);
  ASSERT_FALSE(address);
  EXPECT_EQ(address.error().code, "validation_failed");
  EXPECT_EQ(address.error().fields.front().field, "channel");
  EXPECT_EQ(first_code(address), "channel_not_safe");
  EXPECT_EQ(message_refusal(profile(), ContactChannel::kEmail), "Their safe-contact profile does not allow an email");
}

TEST(MessageChannelTest, EmailNeedsAnAddressMarkedSafe) {
  auto p = profile();
  p.safe_channels.push_back(ContactChannel::kEmail);
  EXPECT_EQ(first_code(message_address(p, ContactChannel::kEmail)), "no_safe_detail");
  p.safe_email = "safe@example.org";
  auto address = message_address(p, ContactChannel::kEmail);
  ASSERT_TRUE(address);
  EXPECT_EQ(address->recipient, "safe@example.org");
}

TEST(MessageChannelTest, NoMessageWhereTheyMayNotBeToldWhoIsWriting) {
  auto p = profile();
  p.may_say_who_we_are = false;
  for (auto channel : kMessageChannels) {
    auto address = message_address(p, channel);
    ASSERT_FALSE(address);
    bool identity = false;
    for (const auto& e : address.error().fields) identity = identity || e.code == "identity_not_allowed";
    EXPECT_TRUE(identity) << to_code(channel);
  }
}

TEST(MessageChannelTest, NoProfileNoMessage) {
  for (auto channel : kMessageChannels) {
    EXPECT_EQ(first_code(message_address(std::nullopt, channel)), "no_safe_contact_profile") << to_code(channel);
    EXPECT_FALSE(message_refusal(std::nullopt, channel).empty());
  }
}

TEST(MessageChannelTest, CallsAndVisitsAreNotMessages) {
  EXPECT_EQ(first_code(message_address(profile(), ContactChannel::kCall)), "not_a_message");
  EXPECT_EQ(first_code(message_address(profile(), ContactChannel::kVisit)), "not_a_message");
}

TEST(MessageChannelTest, LargePrintLetterWhenTheProfileAsks) {
  auto p = profile();
  p.accessibility_needs = {"large_print"};
  auto letter = message_address(p, ContactChannel::kLetter);
  ASSERT_TRUE(letter);
  EXPECT_TRUE(letter->large_print);
  EXPECT_EQ(letter->recipient, "1 Invented Road, Liverpool");
  EXPECT_FALSE(message_address(p, ContactChannel::kText)->large_print);
}

}  // namespace
}  // namespace vg::casework
