#include "domain/insight/referral_facts.h"

#include <gtest/gtest.h>

namespace vg::insight {
namespace {

using namespace std::chrono;

// 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (British Summer Time).
const intake::Instant kLateOnTheLastDay = sys_days(year{2026} / March / 31) + hours(23) + minutes(30);

intake::RoutedReferral routed() {
  intake::RoutedReferral r;
  r.referral.channel = intake::Channel::kSelf;
  r.referral.received_at = kLateOnTheLastDay;
  r.referral.area = "merseyside";
  r.referral.local_authority = "E08000012";
  r.referral.offence_category = "stalking";
  r.referral.flags.domestic_abuse = true;
  r.referral.person.name = "Invented Person";  // never a fact
  r.referral.account = "Invented words";       // never a fact
  r.assessment.age_band = "18_to_64";
  r.assessment.enhanced_reasons = {"most_serious_crime:domestic_abuse", "persistently_targeted",
                                   "vulnerable:mental_disorder"};
  r.assessment.consent.state = assessment::ConsentState::kAwaitingConsent;
  r.assessment.risk.level = intake::RiskLevel::kHigh;
  r.decision.outcome = routing::Outcome::kRouted;
  r.decision.service_id = "svc-idva";
  r.decision.funding = routing::FundingStream::kVictimsGrant;
  return r;
}

const std::vector<assessment::OffenceCategory> kCategories = {
    {"stalking", "Stalking", "Violence against the person", "", false}};

TEST(IntakeFacts, CodesBandsAndFlagsOnly) {
  const auto f = intake_facts(routed(), kCategories);
  EXPECT_EQ(f.area, "merseyside");
  EXPECT_EQ(f.channel, "self");
  EXPECT_EQ(f.local_authority, "E08000012");
  EXPECT_EQ(f.offence_category, "stalking");
  EXPECT_EQ(f.offence_group, "Violence against the person");
  EXPECT_EQ(f.victim_type, "person");
  EXPECT_EQ(f.age_band, "18_to_64");
  EXPECT_EQ(f.funding_stream, "victims_grant");
  EXPECT_TRUE(f.enhanced);
  EXPECT_TRUE(f.vulnerable);
  EXPECT_TRUE(f.repeat_victim) << "persistently targeted";
  EXPECT_TRUE(f.dash_high);
  EXPECT_TRUE(f.domestic_abuse);
  EXPECT_FALSE(f.hate_crime);
  EXPECT_FALSE(f.non_crime_asb);
  EXPECT_EQ(f.routing_outcome, "routed");
  EXPECT_EQ(f.service_id, "svc-idva");
  EXPECT_FALSE(f.progress.accepted) << "awaiting the victim's consent";
  EXPECT_TRUE(f.fact_id.empty()) << "the caller's: the referral's id once stored";
}

TEST(IntakeFacts, TheDayIsLondonsDay) {
  EXPECT_EQ(intake_facts(routed(), kCategories).received_on, year{2026} / April / 1);
}

TEST(IntakeFacts, NonCrimeAsbIsMarkedSoTheGrantNeverCountsIt) {
  auto r = routed();
  r.assessment.eligibility = assessment::Eligibility::kNonCrimeAsb;
  r.decision.funding = routing::FundingStream::kAsbSupport;
  const auto f = intake_facts(r, {});
  EXPECT_TRUE(f.non_crime_asb);
  EXPECT_EQ(f.funding_stream, "asb_support");
  EXPECT_EQ(f.offence_group, "") << "an unknown category has no group";
}

TEST(IntakeFacts, NonCrimeAsbRoutedOnTheGrantIsMovedOffIt) {
  auto r = routed();
  r.assessment.eligibility = assessment::Eligibility::kNonCrimeAsb;
  r.decision.funding = routing::FundingStream::kVictimsGrant;  // as a rule set could say
  EXPECT_EQ(intake_facts(r, {}).funding_stream, "asb_support");
}

casework::CaseRecord a_case(std::string consent = "consented") {
  casework::CaseRecord c;
  c.id = "case-1";
  c.consent_state = std::move(consent);
  c.opened_at = sys_days(year{2026} / March / 2) + hours(9);
  c.updated_at = c.opened_at;
  return c;
}

casework::CaseEvent event(int day, std::string kind, std::string detail = "{}") {
  return {day, "case-1", sys_days(year{2026} / March / day) + hours(10), "u", std::move(kind), std::move(detail)};
}

TEST(CaseProgress, DatesOfContactAssessmentSupportAndClose) {
  const auto c = a_case();
  CaseProgressInputs in;
  in.case_record = &c;
  in.events = {event(3, "contact_attempt", R"({"channel":"call","outcome":"no_answer"})"),
               event(4, "contact_attempt", R"({"channel":"call","outcome":"reached"})"),
               event(6, "needs_assessed"), event(20, "case_closed")};
  in.at_assessment = casework::NeedRatings{{"safety", casework::NeedRating::kHigh}};
  in.close_reason = "support_completed";
  in.outcomes = {{"safety", "partly"}};
  const auto p = case_progress(in);
  EXPECT_TRUE(p.accepted);
  EXPECT_EQ(p.contacted_on, year{2026} / March / 4);
  EXPECT_EQ(p.assessed_on, year{2026} / March / 6);
  EXPECT_EQ(p.supported_on, year{2026} / March / 6);
  EXPECT_EQ(p.closed_on, year{2026} / March / 20);
  EXPECT_EQ(p.close_reason, "support_completed");
  EXPECT_EQ(p.needs_at_assessment.at("safety"), "high");
  EXPECT_EQ(p.outcomes.at("safety"), "partly");
}

TEST(CaseProgress, DecliningSupportOrOptingOutIsNotAcceptance) {
  auto declined = a_case();
  CaseProgressInputs in;
  in.case_record = &declined;
  in.close_reason = "declined_support";
  EXPECT_FALSE(case_progress(in).accepted);
  auto opted_out = a_case("opted_out");
  in.case_record = &opted_out;
  in.close_reason.reset();
  EXPECT_FALSE(case_progress(in).accepted);
  auto unless = a_case("refer_unless_opted_out");
  in.case_record = &unless;
  EXPECT_TRUE(case_progress(in).accepted);
}

TEST(CaseProgress, TimelinessFromTheClocks) {
  const auto c = a_case();
  CaseProgressInputs in;
  in.case_record = &c;
  in.deadlines = {{"case-1", "first_contact", year{2026} / March / 4, 2, sys_days(year{2026} / March / 4) + hours(16)},
                  {"case-1", "needs_assessment", year{2026} / March / 9, 5, std::nullopt}};
  auto p = case_progress(in);
  EXPECT_EQ(p.first_contact_met, true) << "met on its due day";
  EXPECT_FALSE(p.needs_assessment_met.has_value()) << "still running";
  in.events = {event(10, "deadline_breached", R"({"deadline":"needs_assessment","due_date":"2026-03-09"})")};
  EXPECT_EQ(case_progress(in).needs_assessment_met, false);
  in.deadlines[0].met_at = sys_days(year{2026} / March / 5) + hours(9);
  EXPECT_EQ(case_progress(in).first_contact_met, false) << "met a day late";
}

TEST(CaseProgress, TheServicePathAfterRouting) {
  const auto c = a_case();
  CaseProgressInputs in;
  in.case_record = &c;
  casework::OnwardReferral counselling;
  counselling.service_id = "svc-counselling";
  counselling.state = casework::OnwardState::kCompleted;
  in.onward = {counselling};
  EXPECT_EQ(case_progress(in).onward_services, std::vector<std::string>{"svc-counselling:completed"});
}

TEST(IntakeFacts, ReferredWithinThePoliceReferralLevelOfTheReport) {
  auto r = routed();
  EXPECT_FALSE(intake_facts(r, kCategories).police_referral_met.has_value()) << "no date reported: no clock";
  // Received (London) 1 April 2026: due that day is met, due the day before is not.
  r.deadlines = {{"police_referral", year{2026} / April / 1, {}, 2}};
  EXPECT_EQ(intake_facts(r, kCategories).police_referral_met, true);
  r.deadlines = {{"police_referral", year{2026} / March / 31, {}, 2}};
  EXPECT_EQ(intake_facts(r, kCategories).police_referral_met, false);
}

TEST(CaseProgress, RestorativeJusticeToldOrClosedWithout) {
  const auto c = a_case();
  CaseProgressInputs in;
  in.case_record = &c;
  EXPECT_FALSE(case_progress(in).restorative_justice_met.has_value()) << "open, not yet told";
  in.events = {event(20, "case_closed")};
  EXPECT_EQ(case_progress(in).restorative_justice_met, false) << "closed without it";
  in.restorative_justice_offered = true;
  EXPECT_EQ(case_progress(in).restorative_justice_met, true);
}

}  // namespace
}  // namespace vg::insight
