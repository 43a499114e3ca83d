#include <gtest/gtest.h>

#include "domain/assessment/assessment.h"
#include "referral_fixture.h"

namespace vg::assessment {
namespace {

using namespace fixture;
using intake::Answer;

TEST(Assess, OrdinaryAdultBurglary) {
  const Assessment a = assess(valid_referral(), test_policy(), kToday);
  EXPECT_EQ(a.eligibility, Eligibility::kEligible);
  EXPECT_EQ(a.age, 40);
  EXPECT_EQ(a.age_band, "18_to_64");
  EXPECT_FALSE(a.enhanced());
  EXPECT_FALSE(a.intimidated);
  EXPECT_EQ(a.consent.state, ConsentState::kReferUnlessOptedOut);
  EXPECT_EQ(a.risk.level, RiskLevel::kStandard);
  EXPECT_FALSE(a.risk.marac_required);
  EXPECT_TRUE(a.safeguarding.empty());
}

TEST(Assess, HighRiskDomesticAbuseOfASixteenYearOld) {
  Referral r = valid_referral();
  r.offence_category = "attempted_murder";
  r.flags.domestic_abuse = true;
  r.person.date_of_birth = date(2010, 3, 10);  // 16th birthday on the day of receipt
  r.person.child_in_household_at_risk = true;
  r.dash.emplace();
  r.dash->answers.fill(Answer::kNo);
  for (std::size_t i = 0; i < 14; ++i) r.dash->answers[i] = Answer::kYes;
  r.risk_history.police_callouts_last_12_months = 3;

  const Assessment a = assess(r, test_policy(), kToday);
  EXPECT_EQ(a.age, 16);
  EXPECT_EQ(a.age_band, "under_18");
  EXPECT_EQ(a.enhanced_reasons, (std::vector<std::string>{"most_serious_crime:domestic_abuse",
                                                          "most_serious_crime:attempted_murder",
                                                          "vulnerable:under_18"}));
  EXPECT_EQ(a.consent.state, ConsentState::kAwaitingConsent);
  EXPECT_EQ(a.consent.rule, "domestic_abuse");
  EXPECT_EQ(a.risk.dash_score, 14);
  EXPECT_EQ(a.risk.level, RiskLevel::kHigh);
  EXPECT_EQ(a.risk.marac_reasons, (std::vector<std::string>{"dash_high", "escalation"}));
  ASSERT_EQ(a.safeguarding.size(), 2u);
  EXPECT_EQ(a.safeguarding[0].code, "child_victim");
  EXPECT_EQ(a.safeguarding[1].code, "child_in_household_at_risk");
}

TEST(Assess, RapeCategoryMakesTheVictimIntimidatedAndNeedsConsent) {
  Referral r = valid_referral();
  r.offence_category = "rape";
  const Assessment a = assess(r, test_policy(), kToday);
  EXPECT_TRUE(a.intimidated);
  EXPECT_EQ(a.enhanced_reasons,
            (std::vector<std::string>{"most_serious_crime:sexual_offence", "intimidated"}));
  EXPECT_EQ(a.consent.rule, "sexual_offence");
  EXPECT_EQ(a.consent.state, ConsentState::kAwaitingConsent);
}

TEST(Assess, Under18ConsentRuleUsesTheSameAgeAsSafeguarding) {
  AssessmentPolicy policy = test_policy();
  policy.consent.rules.insert(policy.consent.rules.begin(),
                              {"under_18", ConsentRequirement::kExplicit});
  Referral r = valid_referral();
  r.person.date_of_birth = date(2008, 3, 11);  // 18 tomorrow
  Assessment a = assess(r, policy, kToday);
  EXPECT_EQ(a.consent.rule, "under_18");
  EXPECT_EQ(a.safeguarding.size(), 1u);
  r.person.date_of_birth = date(2008, 3, 10);  // 18 today
  a = assess(r, policy, kToday);
  EXPECT_EQ(a.consent.rule, "otherwise");
  EXPECT_TRUE(a.safeguarding.empty());
}

TEST(Assess, BusinessVictim) {
  Referral r = valid_referral();
  r.victim_type = intake::VictimType::kBusiness;
  r.business = {"Corner Shop Ltd", "Sam Owner", "", ""};
  r.flags.hate_crime = true;
  const Assessment a = assess(r, test_policy(), kToday);
  EXPECT_FALSE(a.age.has_value());
  EXPECT_EQ(a.age_band, "unknown");
  EXPECT_EQ(a.enhanced_reasons, (std::vector<std::string>{"most_serious_crime:hate_crime"}));
  EXPECT_TRUE(a.safeguarding.empty());
}

TEST(Assess, NonCrimeAsbIsStillAssessed) {
  Referral r = valid_referral();
  r.flags.non_crime_asb = true;
  r.person.persistently_targeted = true;
  const Assessment a = assess(r, test_policy(), kToday);
  EXPECT_EQ(a.eligibility, Eligibility::kNonCrimeAsb);
  EXPECT_EQ(a.enhanced_reasons, (std::vector<std::string>{"persistently_targeted"}));
}

}  // namespace
}  // namespace vg::assessment
