#include "domain/assessment/risk.h"

#include <gtest/gtest.h>

#include "referral_fixture.h"

namespace vg::assessment {
namespace {

using namespace fixture;
using intake::Answer;

intake::DashAnswers dash_with_yes(int yes) {
  intake::DashAnswers d;
  d.answers.fill(Answer::kNo);
  for (int i = 0; i < yes; ++i) d.answers[static_cast<std::size_t>(i)] = Answer::kYes;
  d.assessed_by = "officer-1";
  return d;
}

TEST(ProfessionalJudgement, MayRaiseNeverLower) {
  const auto raised = apply_professional_judgement(RiskLevel::kMedium, RiskLevel::kHigh);
  EXPECT_EQ(raised.level, RiskLevel::kHigh);
  EXPECT_TRUE(raised.raised);

  const auto lower = apply_professional_judgement(RiskLevel::kHigh, RiskLevel::kStandard);
  EXPECT_EQ(lower.level, RiskLevel::kHigh);
  EXPECT_FALSE(lower.raised);

  const auto same = apply_professional_judgement(RiskLevel::kMedium, RiskLevel::kMedium);
  EXPECT_EQ(same.level, RiskLevel::kMedium);
  EXPECT_FALSE(same.raised);

  const auto none = apply_professional_judgement(RiskLevel::kMedium, std::nullopt);
  EXPECT_EQ(none.level, RiskLevel::kMedium);
  EXPECT_FALSE(none.raised);
}

TEST(Risk, WithoutDashScoreIsUnsetAndLevelStandard) {
  const auto risk = assess_risk(valid_referral(), RiskPolicy{}, kToday);
  EXPECT_FALSE(risk.dash_score.has_value());
  EXPECT_EQ(risk.score_level, RiskLevel::kStandard);
  EXPECT_EQ(risk.level, RiskLevel::kStandard);
  EXPECT_FALSE(risk.marac_required);
  EXPECT_FALSE(risk.sdash_score.has_value());
}

TEST(Risk, JudgementRaisesWithoutDash) {
  Referral r = valid_referral();
  r.risk_history.professional_judgement = RiskLevel::kHigh;
  r.risk_history.judgement_reason = "Threats with a weapon";
  const auto risk = assess_risk(r, RiskPolicy{}, kToday);
  EXPECT_FALSE(risk.dash_score.has_value());
  EXPECT_EQ(risk.score_level, RiskLevel::kStandard);
  EXPECT_EQ(risk.level, RiskLevel::kHigh);
  EXPECT_TRUE(risk.judgement_raised);
  EXPECT_TRUE(risk.marac_required);
  EXPECT_EQ(risk.marac_reasons, (std::vector<std::string>{"professional_judgement"}));
  // Each reason in words too; the judgement's own reason stays with the referral.
  EXPECT_EQ(risk.marac_reason_texts,
            (std::vector<std::string>{"Professional judgement: raised the risk from standard to high"}));
}

TEST(Risk, HighDashIsNotLoweredByJudgement) {
  Referral r = valid_referral();
  r.dash = dash_with_yes(14);
  r.risk_history.professional_judgement = RiskLevel::kStandard;
  r.risk_history.judgement_reason = "Victim seems calm";
  const auto risk = assess_risk(r, RiskPolicy{}, kToday);
  EXPECT_EQ(risk.dash_score, 14);
  EXPECT_EQ(risk.score_level, RiskLevel::kHigh);
  EXPECT_EQ(risk.level, RiskLevel::kHigh);
  EXPECT_FALSE(risk.judgement_raised);
  EXPECT_EQ(risk.marac_reasons, (std::vector<std::string>{"dash_high"}));
  EXPECT_EQ(risk.marac_reason_texts, (std::vector<std::string>{"DASH score 14 of 24: high risk (14 or more)"}));
}

TEST(Risk, SdashCountIsReportedAsItIs) {
  Referral r = valid_referral();
  r.sdash.emplace();
  r.sdash->answers.fill(Answer::kYes);
  r.sdash->answers[10] = Answer::kNo;
  const auto risk = assess_risk(r, RiskPolicy{}, kToday);
  EXPECT_EQ(risk.sdash_score, 10);
  EXPECT_EQ(risk.level, RiskLevel::kStandard);  // S-DASH has no bands
}

}  // namespace
}  // namespace vg::assessment
