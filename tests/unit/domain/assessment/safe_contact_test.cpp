#include "domain/assessment/safe_contact.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vg::assessment {
namespace {

using intake::ContactChannel;

bool has_error(const std::vector<FieldError>& errors, std::string_view field,
               std::string_view code) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == field && e.code == code; });
}

TEST(PhoneNumber, UkNumbersLookRight) {
  for (const char* ok : {"07700 900982", "07700900982", "0161 496 0000", "01632 960001",
                         "020 7946 0000", "+44 7700 900982", "+44 (0)161 496 0000",
                         "0044 7700 900982", "0161-496-0000", "(0161) 496 0000", "01632 96000"}) {
    EXPECT_TRUE(looks_like_phone_number(ok)) << ok;
  }
}

TEST(PhoneNumber, InternationalNumbersLookRight) {
  for (const char* ok :
       {"+33 1 23 45 67 89", "+1 202 555 0143", "0033 1 23 45 67 89", "+353 1 234 5678"}) {
    EXPECT_TRUE(looks_like_phone_number(ok)) << ok;
  }
}

TEST(PhoneNumber, OtherTextIsNotAPhoneNumber) {
  for (const char* bad :
       {"", "999", "12345", "7700 900982", "077009009821234", "0770090", "+44 07700 900982",
        "+44 77", "call me", "07700 9OO982", "0161 496 0000 ext 2", "+0 123 4567",
        "++44 7700 900982", "07700+900982", "+1234567890123456"}) {
    EXPECT_FALSE(looks_like_phone_number(bad)) << bad;
  }
}

TEST(EmailAddress, NeedsAnAtAndADomain) {
  EXPECT_TRUE(looks_like_email_address("name@example.com"));
  EXPECT_TRUE(looks_like_email_address("first.last+safe@mail.example.co.uk"));
  for (const char* bad : {"", "name", "name@", "@example.com", "name@example", "name@.com",
                          "name@example.", "name @example.com", "07700900982"}) {
    EXPECT_FALSE(looks_like_email_address(bad)) << bad;
  }
}

TEST(SafeContact, EmptyProfileIsValid) {
  EXPECT_TRUE(validate_safe_contact(intake::SafeContactProfile{}).empty());
}

TEST(SafeContact, CallOrTextNeedsASafePhone) {
  for (auto channel : {ContactChannel::kCall, ContactChannel::kText}) {
    intake::SafeContactProfile p;
    p.safe_channels = {channel};
    EXPECT_TRUE(has_error(validate_safe_contact(p), "safe_contact.safe_phone", "required"));
    p.safe_phone = "07700 900982";
    EXPECT_TRUE(validate_safe_contact(p).empty());
  }
}

TEST(SafeContact, CallAndTextTogetherGiveOneError) {
  intake::SafeContactProfile p;
  p.safe_channels = {ContactChannel::kCall, ContactChannel::kText};
  EXPECT_EQ(validate_safe_contact(p).size(), 1u);
}

TEST(SafeContact, EmailNeedsASafeEmail) {
  intake::SafeContactProfile p;
  p.safe_channels = {ContactChannel::kEmail};
  EXPECT_TRUE(has_error(validate_safe_contact(p), "safe_contact.safe_email", "required"));
  p.safe_email = "safe@example.org";
  EXPECT_TRUE(validate_safe_contact(p).empty());
}

TEST(SafeContact, LetterOrVisitNeedsASafeAddress) {
  for (auto channel : {ContactChannel::kLetter, ContactChannel::kVisit}) {
    intake::SafeContactProfile p;
    p.safe_channels = {channel};
    EXPECT_TRUE(has_error(validate_safe_contact(p), "safe_contact.safe_address", "required"));
    p.safe_address = "c/o Refuge, PO Box 1, Liverpool";
    EXPECT_TRUE(validate_safe_contact(p).empty());
  }
}

TEST(SafeContact, BadlyShapedDetailsAreRejectedEvenForUnusedChannels) {
  intake::SafeContactProfile p;
  p.safe_phone = "not a number";
  p.safe_email = "no-at-sign";
  const auto errors = validate_safe_contact(p);
  EXPECT_TRUE(has_error(errors, "safe_contact.safe_phone", "invalid"));
  EXPECT_TRUE(has_error(errors, "safe_contact.safe_email", "invalid"));
}

TEST(SafeContact, CodeWordAtMostFiftyCharacters) {
  intake::SafeContactProfile p;
  p.code_word = std::string(50, 'a');
  EXPECT_TRUE(validate_safe_contact(p).empty());
  p.code_word = std::string(51, 'a');
  EXPECT_TRUE(has_error(validate_safe_contact(p), "safe_contact.code_word", "too_long"));
  // 50 two-byte characters (100 bytes) is still 50 characters.
  p.code_word.clear();
  for (int i = 0; i < 50; ++i) p.code_word += "\xC5\xB5";  // ŵ
  EXPECT_TRUE(validate_safe_contact(p).empty());
}

}  // namespace
}  // namespace vg::assessment
