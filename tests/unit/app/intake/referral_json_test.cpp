// Reading a referral from JSON: a member named twice in one object is refused with its path
// (issue 10 item 6: the stored document kept both values while the stored crime reference took
// the last one).
#include "app/intake/referral_json.h"
#include "support/field_errors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace vg::app {
namespace {

using vg::testing::has_error;

constexpr std::string_view kReferral = R"({
  "channel": "police", "area": "merseyside", "reported_to_police": true,
  "police_force_code": "E23000004", "crime_reference": "MS-2026-0001",
  "local_authority": "E08000012",
  "victim": {"type": "person", "name": "Alex Example", "age": 40},
  "safe_contact": {"safe_channels": ["call"], "safe_phone": "0151 496 0000"}})";

std::string with(std::string_view after, std::string_view insert) {
  std::string text(kReferral);
  text.insert(text.find(after) + after.size(), insert);
  return text;
}

TEST(ReferralJson, AWellFormedReferralIsRead) {
  auto r = parse_referral_json(kReferral);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->crime_reference, "MS-2026-0001");
}

TEST(ReferralJson, ATopLevelMemberNamedTwiceIsRefusedWithItsPath) {
  auto r = parse_referral_json(with("{", R"("crime_reference": "PLANTED-1", )"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "validation_failed");
  EXPECT_TRUE(has_error(r.error(), "$.crime_reference", "duplicate")) << r.error().message;
}

TEST(ReferralJson, ANestedMemberNamedTwiceIsRefusedWithItsPath) {
  auto victim = parse_referral_json(with(R"("victim": {)", R"("name": "Other Example", )"));
  ASSERT_FALSE(victim.has_value());
  EXPECT_TRUE(has_error(victim.error(), "$.victim.name", "duplicate"));
  auto safe = parse_referral_json(with(R"("safe_contact": {)", R"("safe_phone": "0151 496 0001", )"));
  ASSERT_FALSE(safe.has_value());
  EXPECT_TRUE(has_error(safe.error(), "$.safe_contact.safe_phone", "duplicate"));
}

TEST(ReferralJson, EveryMemberNamedTwiceIsReportedAtOnce) {
  auto r = parse_referral_json(
      with("{", R"("area": "merseyside", "victim": {"name": "A", "name": "B"}, "area": "x", )"));
  ASSERT_FALSE(r.has_value());
  // The object named twice at the top level, and the member named twice inside its first copy.
  EXPECT_TRUE(has_error(r.error(), "$.area", "duplicate"));
  EXPECT_TRUE(has_error(r.error(), "$.victim", "duplicate"));
  EXPECT_TRUE(has_error(r.error(), "$.victim.name", "duplicate"));
}

TEST(ReferralJson, AMemberNamedTwiceIsReportedWithTheDocumentsOtherErrors) {
  auto r = parse_referral_json(with("{", R"("area": "merseyside", "colour": "blue", )"));
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(has_error(r.error(), "$.area", "duplicate"));
  EXPECT_TRUE(has_error(r.error(), "$.colour", "unknown"));
}

TEST(ReferralJson, TheSameNameInDifferentObjectsIsNotADuplicate) {
  // "language" and "interpreter_needed" are members of both victim and safe_contact.
  auto r = parse_referral_json(with(R"("victim": {)", R"("language": "cy", )"));
  ASSERT_TRUE(r.has_value()) << r.error().message;
  auto list = parse_referral_json(with(R"("safe_contact": {)", R"("language": "cy", )"));
  ASSERT_TRUE(list.has_value()) << list.error().message;
}

TEST(ReferralJson, AnEscapedSpellingOfTheSameNameIsTheSameName) {
  auto r = parse_referral_json(with("{", R"("crime_\u0072eference": "PLANTED-1", )"));
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(has_error(r.error(), "$.crime_reference", "duplicate"));
}

TEST(ReferralJson, ADocumentWithADuplicateReadsAsAnObjectForTheFeed) {
  auto doc = parse_referral_object(with("{", R"("area": "merseyside", )"));
  ASSERT_FALSE(doc.has_value());
  EXPECT_TRUE(has_error(doc.error(), "$.area", "duplicate"));
  auto fine = parse_referral_object(kReferral);
  ASSERT_TRUE(fine.has_value());
  EXPECT_TRUE(fine->contains("victim"));
}

// Found by afl-fuzz: a year a nanosecond clock cannot hold overflowed the conversion. Such a
// time is refused like any other malformed one, naming the member.
TEST(ReferralJson, ATimeInAYearNoClockCanHoldIsRefusedWithItsPath) {
  for (const char* at : {"9999-12-31T23:59:59Z", "1023-01-01T00:00:00+01:00"}) {
    auto r = parse_referral_json(with("{", std::string(R"("received_at": ")") + at + "\", "));
    ASSERT_FALSE(r.has_value()) << at;
    EXPECT_TRUE(has_error(r.error(), "$.received_at", "format")) << r.error().message;
  }
  EXPECT_TRUE(parse_referral_json(with("{", R"("received_at": "2026-01-31T09:30:00+01:00", )")));
}

}  // namespace
}  // namespace vg::app
