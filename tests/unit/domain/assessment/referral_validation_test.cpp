#include "domain/assessment/referral_validation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "referral_fixture.h"

namespace vg::assessment {
namespace {

using namespace fixture;

std::vector<FieldError> check(const Referral& r) { return validate_referral(r, test_policy()); }

const FieldError* find(const std::vector<FieldError>& errors, std::string_view field) {
  auto it = std::find_if(errors.begin(), errors.end(),
                         [&](const FieldError& e) { return e.field == field; });
  return it == errors.end() ? nullptr : &*it;
}

// Exactly one error, on `field` with `code`, and a message for a person to read.
void expect_only(const std::vector<FieldError>& errors, std::string_view field,
                 std::string_view code) {
  ASSERT_EQ(errors.size(), 1u) << (errors.empty() ? "no errors" : errors[0].field);
  EXPECT_EQ(errors[0].field, field);
  EXPECT_EQ(errors[0].code, code);
  EXPECT_FALSE(errors[0].message.empty());
}

TEST(ReferralValidation, ValidReferralHasNoErrors) { EXPECT_TRUE(check(valid_referral()).empty()); }

TEST(ReferralValidation, AreaIsRequired) {
  Referral r = valid_referral();
  r.area = "  ";
  expect_only(check(r), "area", "required");
}

TEST(ReferralValidation, ReceivedAtMustBeSet) {
  Referral r = valid_referral();
  r.received_at = {};
  expect_only(check(r), "received_at", "required");
}

TEST(ReferralValidation, PoliceReferralMustBeReportedToPolice) {
  Referral r = valid_referral();
  r.reported_to_police = false;
  expect_only(check(r), "reported_to_police", "inconsistent");
}

TEST(ReferralValidation, PoliceReferralNeedsForceAndCrimeReference) {
  Referral r = valid_referral();
  r.police_force_code.clear();
  r.crime_reference.clear();
  const auto errors = check(r);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(find(errors, "police_force_code")->code, "required");
  EXPECT_EQ(find(errors, "crime_reference")->code, "required");
}

TEST(ReferralValidation, AVictimWhoReportedItNeedsNeitherForceNorCrimeReference) {
  Referral r = valid_referral();
  r.channel = intake::Channel::kSelf;
  r.police_force_code.clear();
  EXPECT_TRUE(check(r).empty());
  r.crime_reference.clear();
  EXPECT_TRUE(check(r).empty());
  r.channel = intake::Channel::kPolice;
  r.police_force_code = "E23000004";
  expect_only(check(r), "crime_reference", "required");
}

TEST(ReferralValidation, DatesMayNotBeAfterReceipt) {
  Referral r = valid_referral();
  r.incident_date = date(2026, 3, 10);  // the day of receipt itself is fine
  r.date_reported = date(2026, 3, 10);
  EXPECT_TRUE(check(r).empty());
  r.incident_date = date(2026, 3, 11);
  const auto errors = check(r);
  const FieldError* e = find(errors, "incident_date");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, "in_future");
  EXPECT_NE(e->message.find("on or before the date the referral was received"), std::string::npos);
}

TEST(ReferralValidation, ReceiptDateIsTheLondonDate) {
  Referral r = valid_referral();
  // 23:30 on 31 May in London (BST) is 22:30 UTC: 31 May in both.
  r.received_at =
      std::chrono::sys_days{date(2026, 5, 31)} + std::chrono::hours{22} + std::chrono::minutes{30};
  r.incident_date = date(2026, 5, 31);
  r.date_reported = date(2026, 5, 31);
  EXPECT_TRUE(check(r).empty());
  // 00:30 on 1 June in London is 23:30 UTC on 31 May: an incident "today" in London is fine...
  r.received_at =
      std::chrono::sys_days{date(2026, 5, 31)} + std::chrono::hours{23} + std::chrono::minutes{30};
  r.incident_date = date(2026, 6, 1);
  EXPECT_TRUE(check(r).empty());
  EXPECT_EQ(receipt_date(r.received_at), date(2026, 6, 1));
  // ...and tomorrow is not.
  r.incident_date = date(2026, 6, 2);
  expect_only(check(r), "incident_date", "in_future");
}

TEST(ReferralValidation, EndDateNotBeforeStart) {
  Referral r = valid_referral();
  r.incident_date = date(2026, 1, 1);
  r.incident_end_date = date(2026, 1, 1);
  EXPECT_TRUE(check(r).empty());
  r.incident_end_date = date(2025, 12, 31);
  expect_only(check(r), "incident_end_date", "before_start");
  r.incident_end_date = date(2026, 3, 11);
  expect_only(check(r), "incident_end_date", "in_future");
}

TEST(ReferralValidation, DateReportedNotAfterReceipt) {
  Referral r = valid_referral();
  r.date_reported = date(2026, 4, 1);
  expect_only(check(r), "date_reported", "in_future");
}

TEST(ReferralValidation, ImpossibleDatesAreInvalid) {
  Referral r = valid_referral();
  r.incident_date = Date{std::chrono::year{2026}, std::chrono::February, std::chrono::day{30}};
  expect_only(check(r), "incident_date", "invalid");
}

TEST(ReferralValidation, OffenceCategoryMustBeInTheTable) {
  Referral r = valid_referral();
  r.offence_category = "burglary";
  expect_only(check(r), "offence_category", "unknown");
  r.offence_category.clear();
  EXPECT_TRUE(check(r).empty());
}

TEST(ReferralValidation, PersonNeedsANameOnEveryChannel) {
  for (auto channel : {intake::Channel::kPolice, intake::Channel::kSelf, intake::Channel::kChat}) {
    Referral r = valid_referral();
    r.channel = channel;
    r.person.name.clear();
    expect_only(check(r), "person.name", "required");
  }
}

TEST(ReferralValidation, AgeBetweenZeroAnd130) {
  Referral r = valid_referral();
  r.person.date_of_birth.reset();
  for (int ok : {0, 130}) {
    r.person.age = ok;
    EXPECT_TRUE(check(r).empty()) << ok;
  }
  for (int bad : {-1, 131}) {
    r.person.age = bad;
    expect_only(check(r), "person.age", "out_of_range");
  }
}

TEST(ReferralValidation, DateOfBirthNotInTheFuture) {
  Referral r = valid_referral();
  r.person.date_of_birth = date(2026, 3, 10);  // born the day of receipt
  EXPECT_TRUE(check(r).empty());
  r.person.date_of_birth = date(2026, 3, 11);
  expect_only(check(r), "person.date_of_birth", "in_future");
}

TEST(ReferralValidation, DisabilitiesMustBeKnownCodes) {
  Referral r = valid_referral();
  r.person.disabilities = {"mental_disorder", "mental_health"};
  expect_only(check(r), "person.disabilities[1]", "unknown");
}

TEST(ReferralValidation, BusinessNeedsNameAndContactName) {
  Referral r = valid_referral();
  r.victim_type = intake::VictimType::kBusiness;
  r.person = {};  // ignored for a business
  const auto errors = check(r);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(find(errors, "business.name")->code, "required");
  EXPECT_EQ(find(errors, "business.contact_name")->code, "required");
  r.business.name = "Corner Shop Ltd";
  r.business.contact_name = "Sam Owner";
  EXPECT_TRUE(check(r).empty());
}

TEST(ReferralValidation, HateStrandsOnlyWithHateCrime) {
  Referral r = valid_referral();
  r.flags.hate_strands = {intake::HateStrand::kRace};
  expect_only(check(r), "flags.hate_strands", "inconsistent");
  r.flags.hate_crime = true;
  EXPECT_TRUE(check(r).empty());
}

TEST(ReferralValidation, SafeContactErrorsAreIncluded) {
  Referral r = valid_referral();
  r.safe_contact.emplace();
  r.safe_contact->safe_channels = {intake::ContactChannel::kText};
  expect_only(check(r), "safe_contact.safe_phone", "required");
}

TEST(ReferralValidation, ProfessionalJudgementNeedsAReason) {
  Referral r = valid_referral();
  r.risk_history.professional_judgement = RiskLevel::kHigh;
  expect_only(check(r), "risk_history.judgement_reason", "required");
  r.risk_history.judgement_reason = "Recent strangulation";
  EXPECT_TRUE(check(r).empty());
}

TEST(ReferralValidation, CalloutsNotNegative) {
  Referral r = valid_referral();
  r.risk_history.police_callouts_last_12_months = -1;
  expect_only(check(r), "risk_history.police_callouts_last_12_months", "out_of_range");
}

TEST(ReferralValidation, LastMaracReferralNotAfterReceipt) {
  Referral r = valid_referral();
  r.risk_history.last_marac_referral = date(2026, 3, 12);
  expect_only(check(r), "risk_history.last_marac_referral", "in_future");
}

TEST(ReferralValidation, ConsentRecordNeedsWhoAndHow) {
  Referral r = valid_referral();
  r.consent.emplace();
  const auto errors = check(r);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(find(errors, "consent.captured_by"), nullptr);
  EXPECT_NE(find(errors, "consent.method"), nullptr);
}

TEST(ReferralValidation, AnEmailAddressGivenMustBeOneThatCanBeWrittenTo) {
  Referral r = valid_referral();
  r.person.email = "not-an-email";
  expect_only(check(r), "person.email", "invalid");
  r.person.email = "robin@example.com";
  EXPECT_TRUE(check(r).empty());
  r.victim_type = intake::VictimType::kBusiness;
  r.business.name = "Example Stores";
  r.business.contact_name = "Sam Owner";
  r.business.contact_email = "shop at example";
  expect_only(check(r), "business.contact_email", "invalid");
}

// Issue 10 item 4: a place the product knows, in the referral's area.
TEST(ReferralValidation, ALocalAuthorityMustExist) {
  Referral r = valid_referral();
  r.local_authority = "E08000012";  // Liverpool
  EXPECT_TRUE(check(r).empty());
  r.local_authority = "E08999999";
  expect_only(check(r), "local_authority", "unknown");
  r.local_authority = "Liverpool";
  expect_only(check(r), "local_authority", "unknown");
}

TEST(ReferralValidation, ALocalAuthorityMustBeInTheReferralsArea) {
  Referral r = valid_referral();
  r.local_authority = "E08000003";  // Manchester
  expect_only(check(r), "local_authority", "not_in_area");
  r.area = "greater-manchester";
  EXPECT_TRUE(check(r).empty());
}

// Issue 10 item 8: with no area (or one not served here) there is no area policy to check the
// offence category or the place's area against, and every other error is still reported.
TEST(ReferralValidation, OutsideAnAreaEveryOtherErrorIsStillReported) {
  const auto places = test_policy().local_authorities;
  Referral r = valid_referral();
  r.area.clear();
  r.person.name.clear();
  r.postcode = "L1 1AAAA";
  r.local_authority = "E08999999";
  r.offence_category = "invented_category";
  const auto errors = validate_referral_outside_area(r, places);
  EXPECT_EQ(find(errors, "area")->code, "required");
  EXPECT_EQ(find(errors, "person.name")->code, "required");
  EXPECT_EQ(find(errors, "postcode")->code, "malformed");
  EXPECT_EQ(find(errors, "local_authority")->code, "unknown");
  EXPECT_EQ(errors.size(), 4u) << "the offence category is the area's to judge";
  r = valid_referral();
  r.area = "atlantis";
  r.local_authority = "E08000003";  // exists; "in another area" means nothing for atlantis
  EXPECT_TRUE(validate_referral_outside_area(r, places).empty());
}

// Issue 10 item 5: the shape rule the directory API applies to a searcher's postcode.
TEST(ReferralValidation, APostcodeOfImpossibleShapeIsRefused) {
  Referral r = valid_referral();
  r.postcode = "L1 1AAAA";
  expect_only(check(r), "postcode", "malformed");
  r.postcode = "l1 8jq";  // any case and spacing a person types
  r.person.postcode = "L1 1AAAA";
  expect_only(check(r), "person.postcode", "malformed");
  r.person.postcode = "L18JQ";
  EXPECT_TRUE(check(r).empty());
}

// Issue 10 item 7: NUL and the bidirectional embeddings, overrides and isolates, in any field.
TEST(ReferralValidation, ControlCharactersAreRefusedInEveryTextField) {
  const std::string nul("\0", 1);
  for (const std::string& bad : {nul, std::string("\x01"), std::string("\x7f"),
                                std::string("\u202A"), std::string("\u202E"),
                                std::string("\u2066"), std::string("\u2069")}) {
    struct Field {
      std::string_view path;
      std::function<void(Referral&, const std::string&)> set;
    };
    const std::vector<Field> fields = {
        {"area", [](Referral& r, const std::string& v) { r.area += v; }},
        {"police_force_code", [](Referral& r, const std::string& v) { r.police_force_code += v; }},
        {"crime_reference", [](Referral& r, const std::string& v) { r.crime_reference += v; }},
        {"offence_category", [](Referral& r, const std::string& v) { r.offence_category += v; }},
        {"account", [](Referral& r, const std::string& v) { r.account = "It" + v + "was"; }},
        {"needs[1]", [](Referral& r, const std::string& v) { r.needs = {"housing", "x" + v}; }},
        {"person.name", [](Referral& r, const std::string& v) { r.person.name += v; }},
        {"person.phone", [](Referral& r, const std::string& v) { r.person.phone = "0151" + v; }},
        {"person.address", [](Referral& r, const std::string& v) { r.person.address = v; }},
        {"person.language", [](Referral& r, const std::string& v) { r.person.language += v; }},
        {"safe_contact.safe_times",
         [](Referral& r, const std::string& v) { r.safe_contact.emplace().safe_times = v; }},
        {"safe_contact.code_word",
         [](Referral& r, const std::string& v) { r.safe_contact.emplace().code_word = "a" + v; }},
        {"consent.captured_by",
         [](Referral& r, const std::string& v) {
           r.consent.emplace();
           r.consent->captured_by = "police" + v;
           r.consent->captured_at = r.received_at;
           r.consent->method = "police_form";
         }},
        {"dash.assessed_by",
         [](Referral& r, const std::string& v) { r.dash.emplace().assessed_by = "PC" + v; }},
        {"risk_history.judgement_reason",
         [](Referral& r, const std::string& v) {
           r.risk_history.professional_judgement = intake::RiskLevel::kHigh;
           r.risk_history.judgement_reason = "Because" + v;
         }},
    };
    for (const auto& f : fields) {
      Referral r = valid_referral();
      f.set(r, bad);
      const auto errors = check(r);
      // An offence category with a NUL is also not a known category: both are said.
      const auto e = std::find_if(errors.begin(), errors.end(), [&](const FieldError& x) {
        return x.field == f.path && x.code == "control_character";
      });
      ASSERT_NE(e, errors.end()) << f.path << " with byte " << static_cast<int>(bad[0]);
      EXPECT_FALSE(e->message.empty());
    }
  }
  Referral business = valid_referral();
  business.victim_type = intake::VictimType::kBusiness;
  business.business.name = "Example\u202EStores";
  business.business.contact_name = "Sam Owner";
  expect_only(check(business), "business.name", "control_character");
}

// The victim's own words keep their lines and tabs; right-to-left text keeps its marks.
TEST(ReferralValidation, LineBreaksTabsAndDirectionMarksAreText) {
  Referral r = valid_referral();
  r.account = "First line.\r\nSecond line.\n\tIndented.";
  r.person.name = "\u0639\u0644\u064a\u200F Example";  // Arabic with a right-to-left mark
  EXPECT_TRUE(check(r).empty());
}

TEST(ReferralValidation, EveryErrorIsReportedAtOnce) {
  Referral r;  // nothing filled in: a police referral by default
  const auto errors = check(r);
  for (std::string_view field : {"area", "received_at", "reported_to_police", "police_force_code",
                                 "crime_reference", "person.name"}) {
    EXPECT_NE(find(errors, field), nullptr) << field;
  }
  EXPECT_EQ(errors.size(), 6u);
}

}  // namespace
}  // namespace vg::assessment
