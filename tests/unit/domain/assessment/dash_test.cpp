#include "domain/assessment/dash.h"

#include <gtest/gtest.h>

namespace vg::assessment {
namespace {

using intake::Answer;

intake::DashAnswers dash_with_yes(int yes) {
  intake::DashAnswers d;
  d.answers.fill(Answer::kNo);
  for (int i = 0; i < yes; ++i) d.answers[static_cast<std::size_t>(i)] = Answer::kYes;
  return d;
}

TEST(DashScore, CountsOnlyYes) {
  intake::DashAnswers d = dash_with_yes(5);
  d.answers[20] = Answer::kNotKnown;
  d.answers[21] = Answer::kNotKnown;
  EXPECT_EQ(dash_score(d), 5);
  EXPECT_EQ(dash_score(intake::DashAnswers{}), 0);  // all "not known"
  EXPECT_EQ(dash_score(dash_with_yes(24)), 24);
}

TEST(DashBands, NineYesIsStandard) {
  EXPECT_EQ(dash_level(dash_score(dash_with_yes(9)), RiskPolicy{}), RiskLevel::kStandard);
  EXPECT_EQ(dash_level(0, RiskPolicy{}), RiskLevel::kStandard);
}

TEST(DashBands, TenYesIsMedium) {
  EXPECT_EQ(dash_level(dash_score(dash_with_yes(10)), RiskPolicy{}), RiskLevel::kMedium);
}

TEST(DashBands, ThirteenYesIsMedium) {
  EXPECT_EQ(dash_level(dash_score(dash_with_yes(13)), RiskPolicy{}), RiskLevel::kMedium);
}

TEST(DashBands, FourteenYesIsHigh) {
  EXPECT_EQ(dash_level(dash_score(dash_with_yes(14)), RiskPolicy{}), RiskLevel::kHigh);
  EXPECT_EQ(dash_level(24, RiskPolicy{}), RiskLevel::kHigh);
}

TEST(DashBands, AreTheAreasToSet) {
  RiskPolicy policy;
  policy.medium_from = 8;
  policy.high_from = 12;
  EXPECT_EQ(dash_level(7, policy), RiskLevel::kStandard);
  EXPECT_EQ(dash_level(8, policy), RiskLevel::kMedium);
  EXPECT_EQ(dash_level(11, policy), RiskLevel::kMedium);
  EXPECT_EQ(dash_level(12, policy), RiskLevel::kHigh);
}

TEST(SdashScore, IsTheYesCountOfElevenAnswers) {
  intake::SdashAnswers s;
  EXPECT_EQ(sdash_score(s), 0);
  s.answers.fill(Answer::kYes);
  EXPECT_EQ(sdash_score(s), 11);
  s.answers[0] = Answer::kNo;
  s.answers[1] = Answer::kNotKnown;
  EXPECT_EQ(sdash_score(s), 9);
}

}  // namespace
}  // namespace vg::assessment
