// A DASH / S-DASH on a case: scored by the referral's own rules, judgement raising and never
// lowering the level, and every field error at once.
#include "domain/casework/case_risk_assessment.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;
using intake::Answer;
using intake::RiskLevel;

const Date kToday = year{2026} / 12 / 4;

DashChecklist dash_with_yes(int yes) {
  DashChecklist d;
  d.fill(Answer::kNo);
  for (int i = 0; i < yes; ++i) d[static_cast<std::size_t>(i)] = Answer::kYes;
  d[23] = yes == 24 ? Answer::kYes : Answer::kNotKnown;  // not known counts nothing
  return d;
}

RiskAnswers answers(int yes) {
  RiskAnswers a;
  a.dash = dash_with_yes(yes);
  return a;
}

TEST(CaseRiskAssessment, FourteenYesIsHighAndNeedsTheMarac) {
  auto r = score_case_risk(answers(14), {}, kToday);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->dash_score, 14);
  EXPECT_EQ(r->level, RiskLevel::kHigh);
  EXPECT_TRUE(r->marac_required);
  EXPECT_EQ(r->marac_reasons, std::vector<std::string>{"dash_high"});
  EXPECT_EQ(r->marac_reason_texts.front(), "DASH score 14 of 24: high risk (14 or more)");
}

TEST(CaseRiskAssessment, ThirteenYesIsMedium) {
  auto r = score_case_risk(answers(13), {}, kToday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->level, RiskLevel::kMedium);
  EXPECT_FALSE(r->marac_required);
}

TEST(CaseRiskAssessment, BandsComeFromTheAreasPolicy) {
  assessment::RiskPolicy strict;
  strict.high_from = 12;
  EXPECT_EQ(score_case_risk(answers(13), strict, kToday)->level, RiskLevel::kHigh);
}

TEST(CaseRiskAssessment, JudgementWithoutAReasonIsRefused) {
  auto a = answers(13);
  a.judgement = RiskLevel::kHigh;
  auto r = score_case_risk(a, {}, kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "validation_failed");
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "judgement_reason");
}

TEST(CaseRiskAssessment, JudgementWithAReasonRaisesToHighAndTheMarac) {
  auto a = answers(13);
  a.judgement = RiskLevel::kHigh;
  a.judgement_reason = "Recent threats with a weapon the checklist does not capture";
  auto r = score_case_risk(a, {}, kToday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->score_level, RiskLevel::kMedium);
  EXPECT_EQ(r->level, RiskLevel::kHigh);
  EXPECT_TRUE(r->judgement_raised);
  EXPECT_EQ(r->marac_reasons, std::vector<std::string>{"professional_judgement"});
}

TEST(CaseRiskAssessment, JudgementCannotLowerTheScoresLevel) {
  auto a = answers(15);
  a.judgement = RiskLevel::kMedium;
  a.judgement_reason = "Seems calmer";
  auto r = score_case_risk(a, {}, kToday);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields[0].field, "judgement");
}

TEST(CaseRiskAssessment, EscalationAndRepeatAlsoNeedTheMarac) {
  auto a = answers(2);
  a.police_callouts_last_12_months = 3;
  a.last_marac_referral = year{2026} / 3 / 1;
  auto r = score_case_risk(a, {}, kToday);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->level, RiskLevel::kStandard);
  EXPECT_EQ(r->marac_reasons, (std::vector<std::string>{"escalation", "repeat"}));
}

TEST(CaseRiskAssessment, SdashAloneIsCountedAsItIs) {
  RiskAnswers a;
  a.sdash.emplace();
  a.sdash->fill(Answer::kYes);
  auto r = score_case_risk(a, {}, kToday);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->dash_score);
  EXPECT_EQ(r->sdash_score, 11);
}

TEST(CaseRiskAssessment, EveryErrorAtOnce) {
  RiskAnswers a;
  a.police_callouts_last_12_months = -1;
  a.last_marac_referral = year{2027} / 1 / 1;
  a.judgement = RiskLevel::kHigh;
  auto errors = check_risk_answers(a, {}, kToday);
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"dash", "police_callouts", "last_marac_referral",
                                              "judgement_reason"}));
}

TEST(CaseRiskAssessment, HalfAnsweredChecklistNamesEachGap) {
  std::array<std::string, 11> codes;
  codes.fill("no");
  codes[3] = "";
  codes[7] = "maybe";
  auto r = checklist_from_codes(codes, "sdash");
  ASSERT_FALSE(r);
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "sdash_4");
  EXPECT_EQ(r.error().fields[1].field, "sdash_8");
}

TEST(CaseRiskAssessment, UnansweredChecklistIsNotCompleted) {
  std::array<std::string, 24> codes;
  auto r = checklist_from_codes(codes, "dash");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_value());
  codes.fill("not_known");
  codes[0] = "yes";
  r = checklist_from_codes(codes, "dash");
  ASSERT_TRUE(r && r->has_value());
  EXPECT_EQ((**r)[0], Answer::kYes);
}

}  // namespace
}  // namespace vg::casework
