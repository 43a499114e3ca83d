#include "domain/casework/contact_attempt.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vg::casework {
namespace {

SafeContactProfile profile() {
  SafeContactProfile p;
  p.safe_channels = {ContactChannel::kCall, ContactChannel::kEmail};
  p.safe_phone = "07700 900123";
  p.safe_email = "safe@example.org";
  p.voicemail_allowed = false;
  p.may_say_who_we_are = false;
  return p;
}

ContactAttempt attempt(ContactChannel channel, ContactOutcome outcome, std::string to = {}) {
  return {channel, std::move(to), outcome, false, {}};
}

std::vector<std::string> codes(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.code);
  return out;
}

const ReferralContactDetails kReferral{"01512 496000", "home@example.org", "1 Example Street"};

TEST(ContactAttemptTest, CallToTheSafeNumberIsAllowed) {
  EXPECT_TRUE(unsafe_contact(profile(), kReferral, attempt(ContactChannel::kCall, ContactOutcome::kNoAnswer)).empty());
  EXPECT_TRUE(unsafe_contact(profile(), kReferral,
                             attempt(ContactChannel::kCall, ContactOutcome::kReached, "+44 7700 900123"))
                  .empty());
}

TEST(ContactAttemptTest, VoicemailWhereUnsafeIsRefused) {
  auto errors = unsafe_contact(profile(), kReferral, attempt(ContactChannel::kCall, ContactOutcome::kVoicemailLeft));
  EXPECT_EQ(codes(errors), std::vector<std::string>{"voicemail_not_allowed"});
  auto p = profile();
  p.voicemail_allowed = true;
  EXPECT_TRUE(unsafe_contact(p, kReferral, attempt(ContactChannel::kCall, ContactOutcome::kVoicemailLeft)).empty());
}

TEST(ContactAttemptTest, TextWhenTextIsNotSafeIsRefused) {
  auto errors = unsafe_contact(profile(), kReferral, attempt(ContactChannel::kText, ContactOutcome::kSent));
  EXPECT_EQ(codes(errors), std::vector<std::string>{"channel_not_safe"});
}

TEST(ContactAttemptTest, TextToANumberNotMarkedSafeIsRefused) {
  auto p = profile();
  p.safe_channels.push_back(ContactChannel::kText);
  auto errors = unsafe_contact(p, kReferral, attempt(ContactChannel::kText, ContactOutcome::kSent, "07700 900999"));
  EXPECT_EQ(codes(errors), std::vector<std::string>{"not_safe_detail"});
  EXPECT_TRUE(unsafe_contact(p, kReferral, attempt(ContactChannel::kText, ContactOutcome::kSent, "07700900123")).empty());
}

TEST(ContactAttemptTest, LetterWhereLettersAreUnsafeIsRefused) {
  auto errors = unsafe_contact(profile(), kReferral, attempt(ContactChannel::kLetter, ContactOutcome::kSent));
  EXPECT_EQ(codes(errors), std::vector<std::string>{"channel_not_safe"});
}

TEST(ContactAttemptTest, LetterSafeButNoSafeAddressIsRefused) {
  auto p = profile();
  p.safe_channels.push_back(ContactChannel::kLetter);
  auto errors = unsafe_contact(p, kReferral, attempt(ContactChannel::kLetter, ContactOutcome::kSent));
  EXPECT_EQ(codes(errors), std::vector<std::string>{"no_safe_detail"});
}

TEST(ContactAttemptTest, SayingWhoIsCallingWhereNotAllowedIsRefused) {
  auto a = attempt(ContactChannel::kCall, ContactOutcome::kReached);
  a.said_who_we_are = true;
  EXPECT_EQ(codes(unsafe_contact(profile(), kReferral, a)), std::vector<std::string>{"identity_not_allowed"});
  auto p = profile();
  p.may_say_who_we_are = true;
  EXPECT_TRUE(unsafe_contact(p, kReferral, a).empty());
}

TEST(ContactAttemptTest, EmailComparesAddressesIgnoringCase) {
  EXPECT_TRUE(unsafe_contact(profile(), kReferral,
                             attempt(ContactChannel::kEmail, ContactOutcome::kSent, "Safe@Example.org"))
                  .empty());
  EXPECT_EQ(codes(unsafe_contact(profile(), kReferral,
                                 attempt(ContactChannel::kEmail, ContactOutcome::kSent, "home@example.org"))),
            std::vector<std::string>{"not_safe_detail"});
}

TEST(ContactAttemptTest, WithoutAProfileOnlyAPlainCallToTheReferralNumber) {
  EXPECT_TRUE(unsafe_contact(std::nullopt, kReferral, attempt(ContactChannel::kCall, ContactOutcome::kNoAnswer)).empty());
  EXPECT_EQ(codes(unsafe_contact(std::nullopt, kReferral, attempt(ContactChannel::kText, ContactOutcome::kSent))),
            std::vector<std::string>{"no_safe_contact_profile"});
  EXPECT_EQ(codes(unsafe_contact(std::nullopt, kReferral,
                                 attempt(ContactChannel::kCall, ContactOutcome::kNoAnswer, "07700 900999"))),
            std::vector<std::string>{"not_safe_number"});
  EXPECT_EQ(codes(unsafe_contact(std::nullopt, kReferral, attempt(ContactChannel::kCall, ContactOutcome::kVoicemailLeft))),
            std::vector<std::string>{"voicemail_not_allowed"});
  auto named = attempt(ContactChannel::kCall, ContactOutcome::kReached);
  named.said_who_we_are = true;
  EXPECT_EQ(codes(unsafe_contact(std::nullopt, kReferral, named)), std::vector<std::string>{"identity_not_allowed"});
  EXPECT_EQ(codes(unsafe_contact(std::nullopt, {}, attempt(ContactChannel::kCall, ContactOutcome::kNoAnswer))),
            std::vector<std::string>{"no_number"});
}

TEST(ContactAttemptTest, EveryReasonIsGivenAtOnce) {
  auto a = attempt(ContactChannel::kCall, ContactOutcome::kVoicemailLeft, "07700 900999");
  a.said_who_we_are = true;
  auto found = codes(unsafe_contact(profile(), kReferral, a));
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"identity_not_allowed", "not_safe_detail", "voicemail_not_allowed"}));
}

TEST(ContactAttemptTest, OutcomesFitTheirChannels) {
  EXPECT_TRUE(outcome_fits(ContactChannel::kCall, ContactOutcome::kVoicemailLeft));
  EXPECT_FALSE(outcome_fits(ContactChannel::kLetter, ContactOutcome::kVoicemailLeft));
  EXPECT_FALSE(outcome_fits(ContactChannel::kCall, ContactOutcome::kSent));
  EXPECT_TRUE(outcome_fits(ContactChannel::kLetter, ContactOutcome::kSent));
  EXPECT_TRUE(made_contact(ContactOutcome::kDeclined));
  EXPECT_FALSE(made_contact(ContactOutcome::kWrongNumber));
}

TEST(ContactAttemptTest, CodesRoundTrip) {
  for (auto o : {ContactOutcome::kReached, ContactOutcome::kNoAnswer, ContactOutcome::kVoicemailLeft,
                 ContactOutcome::kWrongNumber, ContactOutcome::kDeclined, ContactOutcome::kSent}) {
    EXPECT_EQ(contact_outcome_from_code(to_code(o)), o);
  }
  for (auto c : {ContactChannel::kCall, ContactChannel::kText, ContactChannel::kEmail,
                 ContactChannel::kLetter, ContactChannel::kVisit}) {
    EXPECT_EQ(contact_channel_from_code(to_code(c)), c);
  }
  EXPECT_FALSE(contact_outcome_from_code("maybe"));
}

}  // namespace
}  // namespace vg::casework
