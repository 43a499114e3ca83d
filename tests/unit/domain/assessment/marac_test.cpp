#include "domain/assessment/marac.h"

#include <gtest/gtest.h>

#include "referral_fixture.h"

namespace vg::assessment {
namespace {

using namespace fixture;
using Reasons = std::vector<std::string>;

Reasons reasons(RiskLevel score_level, RiskLevel level, bool raised,
                const intake::RiskHistory& history = {}, Date today = kToday) {
  return marac_reasons(score_level, level, raised, history, RiskPolicy{}, today);
}

TEST(Marac, NotRequiredAtStandardOrMediumWithNoHistory) {
  EXPECT_TRUE(reasons(RiskLevel::kStandard, RiskLevel::kStandard, false).empty());
  EXPECT_TRUE(reasons(RiskLevel::kMedium, RiskLevel::kMedium, false).empty());
}

TEST(Marac, HighDashScoreRequiresMarac) {
  EXPECT_EQ(reasons(RiskLevel::kHigh, RiskLevel::kHigh, false), (Reasons{"dash_high"}));
}

TEST(Marac, ProfessionalJudgementRaisedToHighRequiresMarac) {
  EXPECT_EQ(reasons(RiskLevel::kMedium, RiskLevel::kHigh, true),
            (Reasons{"professional_judgement"}));
  // Raised, but only to medium: no MARAC.
  EXPECT_TRUE(reasons(RiskLevel::kStandard, RiskLevel::kMedium, true).empty());
}

TEST(Marac, EscalationAfterThreeCallouts) {
  intake::RiskHistory h;
  h.police_callouts_last_12_months = 2;
  EXPECT_TRUE(reasons(RiskLevel::kStandard, RiskLevel::kStandard, false, h).empty());
  h.police_callouts_last_12_months = 3;
  EXPECT_EQ(reasons(RiskLevel::kStandard, RiskLevel::kStandard, false, h), (Reasons{"escalation"}));
}

TEST(Marac, RepeatWithinTwelveMonths) {
  intake::RiskHistory h;
  h.last_marac_referral = date(2025, 6, 1);
  EXPECT_EQ(reasons(RiskLevel::kStandard, RiskLevel::kStandard, false, h, date(2026, 3, 10)),
            (Reasons{"repeat"}));
}

TEST(Marac, RepeatWindowIncludesTheAnniversaryOnly) {
  EXPECT_TRUE(is_marac_repeat(date(2025, 3, 10), 12, date(2026, 3, 10)));
  EXPECT_FALSE(is_marac_repeat(date(2025, 3, 10), 12, date(2026, 3, 11)));
  EXPECT_TRUE(is_marac_repeat(date(2026, 3, 10), 12, date(2026, 3, 10)));  // same day
}

TEST(Marac, RepeatWindowFromAMonthEndThatDoesNotRecur) {
  // 29 Feb 2024 + 12 months has no 29th: the window ends on 28 Feb 2025.
  EXPECT_TRUE(is_marac_repeat(date(2024, 2, 29), 12, date(2025, 2, 28)));
  EXPECT_FALSE(is_marac_repeat(date(2024, 2, 29), 12, date(2025, 3, 1)));
  // 31 Aug + 6 months: 28 Feb.
  EXPECT_TRUE(is_marac_repeat(date(2025, 8, 31), 6, date(2026, 2, 28)));
  EXPECT_FALSE(is_marac_repeat(date(2025, 8, 31), 6, date(2026, 3, 1)));
}

TEST(Marac, NoRepeatWithoutAnEarlierReferral) {
  EXPECT_FALSE(is_marac_repeat(std::nullopt, 12, kToday));
  EXPECT_FALSE(is_marac_repeat(date(2026, 4, 1), 12, kToday));  // after today: a data error
}

TEST(Marac, ReasonsComeInTheDocumentedOrder) {
  intake::RiskHistory h;
  h.police_callouts_last_12_months = 5;
  h.last_marac_referral = date(2026, 1, 5);
  EXPECT_EQ(reasons(RiskLevel::kHigh, RiskLevel::kHigh, false, h),
            (Reasons{"dash_high", "escalation", "repeat"}));
  EXPECT_EQ(reasons(RiskLevel::kMedium, RiskLevel::kHigh, true, h),
            (Reasons{"professional_judgement", "escalation", "repeat"}));
}

TEST(Marac, ThresholdsAreTheAreasToSet) {
  RiskPolicy policy;
  policy.escalation_callouts = 5;
  policy.repeat_window_months = 6;
  intake::RiskHistory h;
  h.police_callouts_last_12_months = 4;
  h.last_marac_referral = date(2025, 8, 1);
  EXPECT_TRUE(
      marac_reasons(RiskLevel::kStandard, RiskLevel::kStandard, false, h, policy, kToday).empty());
}

// The panel reads these out: one reason a line, each with the facts behind it (issue 11).
TEST(MaracWords, EachReasonInWordsWithItsFacts) {
  RiskPolicy policy;
  RiskResult risk;
  risk.dash_score = 15;
  risk.score_level = RiskLevel::kHigh;
  risk.level = RiskLevel::kHigh;
  intake::RiskHistory h;
  h.police_callouts_last_12_months = 3;
  h.last_marac_referral = date(2025, 6, 1);
  EXPECT_EQ(marac_reason_text("dash_high", risk, h, policy), "DASH score 15 of 24: high risk (14 or more)");
  EXPECT_EQ(marac_reason_text("escalation", risk, h, policy), "3 police call-outs in the last 12 months");
  EXPECT_EQ(marac_reason_text("repeat", risk, h, policy),
            "Repeat: a MARAC referral on 1 June 2025, within 12 months");
  risk.score_level = RiskLevel::kMedium;
  EXPECT_EQ(marac_reason_text("professional_judgement", risk, h, policy),
            "Professional judgement: raised the risk from medium to high");
  h.police_callouts_last_12_months = 1;
  EXPECT_EQ(marac_reason_text("escalation", risk, h, policy), "1 police call-out in the last 12 months");
  policy.repeat_window_months = 1;
  EXPECT_EQ(marac_reason_text("repeat", risk, h, policy),
            "Repeat: a MARAC referral on 1 June 2025, within 1 month");
}

TEST(MaracWords, WithoutTheFactsEachCodeStillReadsAsWords) {
  EXPECT_EQ(marac_reason_text("dash_high"), "DASH score: high risk");
  EXPECT_EQ(marac_reason_text("professional_judgement"), "Professional judgement: raised the risk to high");
  EXPECT_EQ(marac_reason_text("escalation"), "Police call-outs in the last 12 months reached the MARAC threshold");
  EXPECT_EQ(marac_reason_text("repeat"), "Repeat: a MARAC referral within the last 12 months");
  EXPECT_EQ(marac_reason_text("something_new"), "something new");
}

}  // namespace
}  // namespace vg::assessment
