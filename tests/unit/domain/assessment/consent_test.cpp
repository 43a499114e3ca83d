#include "domain/assessment/consent.h"

#include <gtest/gtest.h>

#include "referral_fixture.h"

namespace vg::assessment {
namespace {

using namespace fixture;

intake::ConsentRecord record(intake::ConsentBasis basis = intake::ConsentBasis::kExplicitConsent) {
  intake::ConsentRecord c;
  c.basis = basis;
  c.captured_by = "police:E23000004";
  c.captured_at = noon_utc(2026, 3, 9);
  c.method = "police_form";
  return c;
}

ConsentDecision decide(const Referral& r, std::optional<int> age = 40,
                       const OffenceCategory* category = nullptr) {
  return decide_consent(r, ConsentPolicy{}, category, age);
}

TEST(ConsentRule, OtherCrimesAreReferredUnlessOptedOut) {
  const auto d = decide(valid_referral());
  EXPECT_EQ(d.state, ConsentState::kReferUnlessOptedOut);
  EXPECT_EQ(d.requirement, ConsentRequirement::kUnlessOptedOut);
  EXPECT_EQ(d.rule, "otherwise");
  EXPECT_TRUE(d.may_share_with_partners());
}

TEST(ConsentRule, SexualOffenceNeedsExplicitConsent) {
  Referral r = valid_referral();
  r.flags.sexual_offence = true;
  auto d = decide(r);
  EXPECT_EQ(d.state, ConsentState::kAwaitingConsent);
  EXPECT_EQ(d.requirement, ConsentRequirement::kExplicit);
  EXPECT_EQ(d.rule, "sexual_offence");
  EXPECT_FALSE(d.may_share_with_partners());
  r.consent = record();
  EXPECT_EQ(decide(r).state, ConsentState::kConsented);
}

TEST(ConsentRule, SexualOffenceCategoryNeedsExplicitConsent) {
  const OffenceCategory rape = category("rape", "", true);
  const auto d = decide(valid_referral(), 40, &rape);
  EXPECT_EQ(d.state, ConsentState::kAwaitingConsent);
  EXPECT_EQ(d.rule, "sexual_offence");
}

TEST(ConsentRule, DomesticAbuseNeedsExplicitConsent) {
  Referral r = valid_referral();
  r.flags.domestic_abuse = true;
  const auto d = decide(r);
  EXPECT_EQ(d.state, ConsentState::kAwaitingConsent);
  EXPECT_EQ(d.rule, "domestic_abuse");
}

TEST(ConsentRule, BereavedRelativesNeedExplicitConsent) {
  Referral r = valid_referral();
  r.person.bereaved_relative = true;
  const auto d = decide(r);
  EXPECT_EQ(d.state, ConsentState::kAwaitingConsent);
  EXPECT_EQ(d.rule, "bereaved");
}

TEST(ConsentRule, FirstMatchingRuleDecides) {
  Referral r = valid_referral();
  r.flags.sexual_offence = true;
  r.flags.domestic_abuse = true;
  EXPECT_EQ(decide(r).rule, "sexual_offence");

  ConsentPolicy policy;
  policy.rules = {{"domestic_abuse", ConsentRequirement::kUnlessOptedOut},
                  {"sexual_offence", ConsentRequirement::kExplicit}};
  const auto d = decide_consent(r, policy, nullptr, 40);
  EXPECT_EQ(d.rule, "domestic_abuse");
  EXPECT_EQ(d.state, ConsentState::kReferUnlessOptedOut);
}

TEST(ConsentRule, Under18AndAnyConditions) {
  ConsentPolicy policy;
  policy.rules = {{"under_18", ConsentRequirement::kExplicit},
                  {"any", ConsentRequirement::kUnlessOptedOut}};
  policy.otherwise = ConsentRequirement::kExplicit;
  EXPECT_EQ(decide_consent(valid_referral(), policy, nullptr, 17).rule, "under_18");
  EXPECT_EQ(decide_consent(valid_referral(), policy, nullptr, 17).state,
            ConsentState::kAwaitingConsent);
  EXPECT_EQ(decide_consent(valid_referral(), policy, nullptr, 18).rule, "any");
  EXPECT_EQ(decide_consent(valid_referral(), policy, nullptr, std::nullopt).rule, "any");
}

TEST(ConsentRule, UnknownConditionNeverMatches) {
  Referral r = valid_referral();
  r.flags.sexual_offence = true;
  ConsentPolicy policy;
  policy.rules = {{"sexual_offences", ConsentRequirement::kExplicit}};
  EXPECT_FALSE(is_consent_condition("sexual_offences"));
  EXPECT_EQ(decide_consent(r, policy, nullptr, 40).rule, "otherwise");
}

TEST(ConsentRule, OptOutBeatsEveryRuleAndRecord) {
  Referral r = valid_referral();
  r.opted_out = true;
  r.consent = record();
  const auto d = decide(r);
  EXPECT_EQ(d.state, ConsentState::kOptedOut);
  EXPECT_FALSE(d.may_share_with_partners());
}

TEST(ConsentRule, WithdrawnConsentStopsSharing) {
  Referral r = valid_referral();
  r.consent = record();
  r.consent->withdrawn_at = noon_utc(2026, 3, 10);
  const auto d = decide(r);
  EXPECT_EQ(d.state, ConsentState::kWithdrawn);
  EXPECT_FALSE(d.may_share_with_partners());
}

TEST(ConsentRule, ExplicitRecordConsentsWhereNoneIsRequired) {
  Referral r = valid_referral();
  r.consent = record();
  EXPECT_EQ(decide(r).state, ConsentState::kConsented);
}

TEST(ConsentRule, NoObjectionRecordIsNotExplicitConsent) {
  Referral r = valid_referral();
  r.flags.domestic_abuse = true;
  r.consent = record(intake::ConsentBasis::kNoObjection);
  EXPECT_EQ(decide(r).state, ConsentState::kAwaitingConsent);
}

TEST(ConsentRule, SelfReferralWithARecordIsExplicitConsent) {
  for (auto channel : {intake::Channel::kSelf, intake::Channel::kChat}) {
    Referral r = valid_referral();
    r.channel = channel;
    r.flags.sexual_offence = true;
    r.consent = record(intake::ConsentBasis::kNoObjection);
    r.consent->captured_by = "victim";
    r.consent->method = "web_form";
    EXPECT_TRUE(has_explicit_consent(r));
    EXPECT_EQ(decide(r).state, ConsentState::kConsented);
  }
}

TEST(ConsentRule, SelfReferralWithoutARecordIsNotConsent) {
  Referral r = valid_referral();
  r.channel = intake::Channel::kSelf;
  r.flags.sexual_offence = true;
  EXPECT_FALSE(has_explicit_consent(r));
  EXPECT_EQ(decide(r).state, ConsentState::kAwaitingConsent);
}

TEST(ConsentRecord, NeedsWhoCapturedItAndHow) {
  intake::ConsentRecord c = record();
  EXPECT_TRUE(validate_consent_record(c).empty());
  c.captured_by = " ";
  c.method.clear();
  const auto errors = validate_consent_record(c);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "consent.captured_by");
  EXPECT_EQ(errors[0].code, "required");
  EXPECT_EQ(errors[1].field, "consent.method");
  EXPECT_EQ(errors[1].code, "required");
}

}  // namespace
}  // namespace vg::assessment
