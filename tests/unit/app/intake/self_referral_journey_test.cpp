// The self-referral journey as data: which questions are asked, how answers are checked, and the
// referral they become (checked by the same reader and rules as every other channel).
#include "app/intake/self_referral_journey.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/area_pack.h"
#include "app/intake/referral_json.h"
#include "app/intake/routed_referral.h"

namespace vg::app::self_referral {
namespace {

namespace json = boost::json;
using std::chrono::year;

const std::chrono::year_month_day kToday{year(2026), std::chrono::November, std::chrono::day(23)};

std::vector<FieldError> answer(std::string_view slug, FormFields form, Answers& answers) {
  const auto* q = find_question(slug);
  EXPECT_NE(q, nullptr) << slug;
  return record_answer(*q, form, answers, kToday);
}

// A person in Liverpool, every question answered.
Answers complete_person() {
  Answers a;
  EXPECT_TRUE(answer("safe-to-contact", {{"safe_to_contact", "yes"}}, a).empty());
  EXPECT_TRUE(answer("contact", {{"contact_methods", "call"}, {"phone", "0161 496 0000"}}, a).empty());
  EXPECT_TRUE(answer("voicemail", {{"voicemail", "no"}}, a).empty());
  EXPECT_TRUE(answer("say-who-we-are", {{"say_who_we_are", "no"}}, a).empty());
  EXPECT_TRUE(answer("contact-times", {{"contact_times", ""}}, a).empty());
  EXPECT_TRUE(answer("who", {{"victim_type", "person"}}, a).empty());
  EXPECT_TRUE(answer("name", {{"name", "Robin Testperson"}}, a).empty());
  EXPECT_TRUE(answer("date-of-birth", {{"date_of_birth-day", "3"}, {"date_of_birth-month", "2"}, {"date_of_birth-year", "2010"}}, a).empty());
  EXPECT_TRUE(answer("what-happened", {{"what_happened", "exploitation"}}, a).empty());
  EXPECT_TRUE(answer("where", {{"local_authority", "E08000012"}}, a).empty());
  EXPECT_TRUE(answer("police", {{"reported", "no"}}, a).empty());
  EXPECT_TRUE(answer("when", {}, a).empty());
  EXPECT_TRUE(answer("support", {{"support_needs", "none"}}, a).empty());
  EXPECT_TRUE(answer("account", {{"account", "Messages from an adult online"}}, a).empty());
  EXPECT_TRUE(answer("consent", {{"consent", "yes"}}, a).empty());
  return a;
}

TEST(SelfReferralJourney, AsksWhetherItIsSafeToContactBeforeAnythingElse) {
  EXPECT_EQ(questions().front().slug, "safe-to-contact");
  EXPECT_EQ(first_unanswered(Answers{}), "safe-to-contact");
}

TEST(SelfReferralJourney, NotSafeToContactEndsTheJourney) {
  Answers a;
  ASSERT_TRUE(answer("safe-to-contact", {{"safe_to_contact", "no"}}, a).empty());
  EXPECT_EQ(next_page("safe-to-contact", a), "not-safe");
}

TEST(SelfReferralJourney, SomewhereOutsideTheAreasEndsTheJourney) {
  Answers a;
  ASSERT_TRUE(answer("where", {{"local_authority", "elsewhere"}}, a).empty());
  EXPECT_EQ(next_page("where", a), "outside-area");
}

TEST(SelfReferralJourney, VoicemailIsAskedOnlyWhenCallsAreSafe) {
  Answers a;
  ASSERT_TRUE(answer("safe-to-contact", {{"safe_to_contact", "yes"}}, a).empty());
  ASSERT_TRUE(answer("contact", {{"contact_methods", "email"}, {"email", "robin@example.com"}}, a).empty());
  EXPECT_EQ(next_page("contact", a), "who");
  ASSERT_TRUE(answer("contact", {{"contact_methods", "call"}, {"phone", "0161 496 0000"}}, a).empty());
  EXPECT_EQ(next_page("contact", a), "voicemail");
}

TEST(SelfReferralJourney, BackGoesToTheQuestionBeforeThatWasAsked) {
  Answers a;
  ASSERT_TRUE(answer("contact", {{"contact_methods", "email"}, {"email", "robin@example.com"}}, a).empty());
  EXPECT_EQ(previous_page("safe-to-contact", a), "");
  EXPECT_EQ(previous_page("who", a), "contact");  // no call: voicemail and times were skipped
  ASSERT_TRUE(answer("contact", {{"contact_methods", "call"}, {"phone", "0161 496 0000"}}, a).empty());
  EXPECT_EQ(previous_page("who", a), "contact-times");
}

TEST(SelfReferralJourney, ABusinessIsAskedItsNameAndNoDateOfBirth) {
  Answers a;
  ASSERT_TRUE(answer("who", {{"victim_type", "business"}}, a).empty());
  EXPECT_TRUE(applies(*find_question("business-name"), a));
  EXPECT_FALSE(applies(*find_question("date-of-birth"), a));
}

TEST(SelfReferralJourney, ChangingAnAnswerClearsAnswersThatNoLongerApply) {
  Answers a = complete_person();
  ASSERT_TRUE(a.contains("date_of_birth"));
  ASSERT_TRUE(answer("who", {{"victim_type", "business"}}, a).empty());
  EXPECT_FALSE(a.contains("date_of_birth"));
  EXPECT_EQ(first_unanswered(a), "business-name");
}

TEST(SelfReferralJourney, EveryRequiredQuestionRefusesAnEmptyAnswer) {
  for (const auto& q : questions()) {
    if (q.optional) continue;
    Answers a;
    auto errors = record_answer(q, {}, a, kToday);
    ASSERT_EQ(errors.size(), 1u) << q.slug;
    EXPECT_EQ(errors[0].code, "required") << q.slug;
    EXPECT_FALSE(errors[0].message.empty()) << q.slug;
    EXPECT_FALSE(a.contains(q.field)) << q.slug;
  }
}

TEST(SelfReferralJourney, AnUnknownChoiceIsRefused) {
  Answers a;
  auto errors = answer("what-happened", {{"what_happened", "piracy"}}, a);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_FALSE(a.contains("what_happened"));
}

TEST(SelfReferralJourney, ASafeChannelNeedsItsContactDetailInTheRightShape) {
  Answers a;
  auto errors = answer("contact", {{"contact_methods", "call"}, {"contact_methods", "email"}, {"email", "not an email"}}, a);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "phone");
  EXPECT_EQ(errors[0].code, "required");
  errors = answer("contact", {{"contact_methods", "email"}, {"email", "not an email"}}, a);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "email");
  EXPECT_EQ(errors[0].code, "invalid");
  EXPECT_FALSE(a.contains("contact_methods"));
}

TEST(SelfReferralJourney, ANoneOfTheseChoiceMustStandAlone) {
  Answers a;
  auto errors = answer("hate", {{"hate_strands", "race"}, {"hate_strands", "not_sure"}}, a);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "exclusive");
}

TEST(SelfReferralJourney, DatesMustBeRealCompleteAndNotInTheFuture) {
  Answers a;
  auto check = [&](std::string d, std::string m, std::string y) {
    auto errors = answer("when", {{"incident_date-day", d}, {"incident_date-month", m}, {"incident_date-year", y}}, a);
    return errors.empty() ? std::string("ok") : errors[0].code + ":" + errors[0].field;
  };
  EXPECT_EQ(check("31", "2", "2026"), "invalid:incident_date-day");
  EXPECT_EQ(check("1", "", "2026"), "incomplete:incident_date-month");
  EXPECT_EQ(check("24", "11", "2026"), "in_future:incident_date-day");
  EXPECT_EQ(check("1", "1", "26"), "invalid:incident_date-day");
  EXPECT_EQ(check("23", "11", "2026"), "ok");
  EXPECT_EQ(answer_text(a, "incident_date"), "2026-11-23");
  EXPECT_EQ(check("", "", ""), "ok");  // optional: left blank
  EXPECT_EQ(answer_text(a, "incident_date"), "");
}

TEST(SelfReferralJourney, LongAnswersAreRefusedByCharactersNotBytes) {
  Answers a;
  std::string welsh;
  for (int i = 0; i < 2000; ++i) welsh += "ŵ";  // two bytes each
  EXPECT_TRUE(answer("account", {{"account", welsh}}, a).empty());
  EXPECT_EQ(answer("account", {{"account", welsh + "ŵ"}}, a).at(0).code, "too_long");
}

// The referral refuses control characters and direction overrides (issue 10 item 7): the page
// says so at the question, rather than the send failing at the end.
TEST(SelfReferralJourney, HiddenControlCharactersAreRefusedAtTheQuestion) {
  Answers a;
  auto errors = answer("name", {{"name", std::string("Robin\0Testperson", 16)}}, a);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[0].code, "control_character");
  errors = answer("account", {{"account", "It was \u202Enoom eht no"}}, a);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "control_character");
  errors = answer("police", {{"reported", "yes"}, {"crime_reference", "MS\u2066-1"}}, a);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "control_character");
  errors = answer("contact", {{"contact_methods", "call"}, {"phone", "0161 496 0000\x01"}}, a);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].field, "phone");
  EXPECT_TRUE(answer("account", {{"account", "First line.\r\nSecond line."}}, a).empty());
}

TEST(SelfReferralJourney, EveryLocalAuthorityBelongsToOneOfTheThreeAreas) {
  std::vector<std::string> ids;
  for (const auto& area : areas()) ids.push_back(area.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"greater-manchester", "merseyside", "staffordshire"}));
  EXPECT_EQ(area_of("E08000012"), "merseyside");
  EXPECT_EQ(area_of("E99999999"), "");
}

TEST(SelfReferralJourney, CompleteAnswersMakeAValidReferralThatRoutesAndKeepsConsent) {
  const Answers a = complete_person();
  EXPECT_EQ(first_unanswered(a), "check");
  const std::string body = referral_json(a, "2026-11-23T10:00:00Z");
  auto referral = parse_referral_json(body);
  ASSERT_TRUE(referral.has_value()) << referral.error().message << " " << body;
  EXPECT_EQ(referral->channel, intake::Channel::kSelf);
  EXPECT_EQ(referral->area, "merseyside");
  EXPECT_TRUE(referral->flags.child_sexual_exploitation);
  ASSERT_TRUE(referral->consent.has_value());
  EXPECT_EQ(referral->consent->method, "web_form");
  ASSERT_TRUE(referral->safe_contact.has_value());
  EXPECT_FALSE(referral->safe_contact->voicemail_allowed);

  auto pack = load_area_pack(std::string(VG_SOURCE_DIR) + "/config", "merseyside");
  ASSERT_TRUE(pack.has_value()) << pack.error().message;
  auto routed = assess_and_route(*pack, pack->services, *referral, england_and_wales_bank_holidays(), true);
  ASSERT_TRUE(routed.has_value()) << routed.error().message;
  // A 15-year-old with a child sexual exploitation flag goes to the Catch 22 CSE service.
  const auto report = routed_referral_json(*routed, *pack);
  EXPECT_EQ(report.at("decision").at("matched_rule").as_string(), "cse-under-18");
  EXPECT_EQ(report.at("consent").at("state").as_string(), "consented");
}

TEST(SelfReferralJourney, NoToSharingHoldsTheReferralUntilTheVictimIsAsked) {
  Answers a = complete_person();
  ASSERT_TRUE(answer("consent", {{"consent", "no"}}, a).empty());
  auto referral = parse_referral_json(referral_json(a, "2026-11-23T10:00:00Z"));
  ASSERT_TRUE(referral.has_value());
  EXPECT_TRUE(referral->opted_out);
  EXPECT_FALSE(referral->consent.has_value());
}

TEST(SelfReferralJourney, ABusinessBurglaryIsABusinessCrimeOnTheBusinessCategory) {
  Answers a = complete_person();
  ASSERT_TRUE(answer("who", {{"victim_type", "business"}}, a).empty());
  ASSERT_TRUE(answer("business-name", {{"business_name", "Example Stores Ltd"}}, a).empty());
  ASSERT_TRUE(answer("what-happened", {{"what_happened", "burglary"}}, a).empty());
  ASSERT_TRUE(answer("where", {{"local_authority", "E07000199"}}, a).empty());
  ASSERT_EQ(first_unanswered(a), "check");
  auto referral = parse_referral_json(referral_json(a, "2026-11-23T10:00:00Z"));
  ASSERT_TRUE(referral.has_value()) << referral.error().message;
  EXPECT_EQ(referral->victim_type, intake::VictimType::kBusiness);
  EXPECT_EQ(referral->business.name, "Example Stores Ltd");
  EXPECT_EQ(referral->business.contact_name, "Robin Testperson");
  EXPECT_TRUE(referral->flags.business_crime);
  EXPECT_EQ(referral->offence_category, "burglary_business_and_community");
  EXPECT_EQ(referral->area, "staffordshire");
}

TEST(SelfReferralJourney, AReportedCrimeCarriesTheForceOfWhereItHappened) {
  Answers a = complete_person();
  ASSERT_TRUE(answer("police", {{"reported", "yes"}, {"crime_reference", "MY-123"}}, a).empty());
  auto referral = parse_referral_json(referral_json(a, "2026-11-23T10:00:00Z"));
  ASSERT_TRUE(referral.has_value());
  EXPECT_TRUE(referral->reported_to_police);
  EXPECT_EQ(referral->crime_reference, "MY-123");
  EXPECT_EQ(referral->police_force_code, "E23000004");
}

}  // namespace
}  // namespace vg::app::self_referral
