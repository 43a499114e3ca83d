#include "domain/assessment/policy_validation.h"

#include <gtest/gtest.h>

namespace vg::assessment {
namespace {

TEST(PolicyValidation, DefaultPolicyIsValid) {
  EXPECT_TRUE(validate_assessment_policy(AssessmentPolicy{}).empty());
}

TEST(PolicyValidation, UnknownConsentConditionIsRejected) {
  AssessmentPolicy p;
  p.consent.rules.push_back({"sexual_offences", ConsentRequirement::kExplicit});
  const auto errors = validate_assessment_policy(p);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "consent.rules[3].when");
  EXPECT_EQ(errors[0].code, "unknown");
}

TEST(PolicyValidation, DashBandsMustBeInOrderAndReachable) {
  AssessmentPolicy p;
  p.risk.medium_from = 14;
  p.risk.high_from = 10;
  auto errors = validate_assessment_policy(p);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "risk.high_from");

  p.risk = {};
  p.risk.high_from = 25;  // would switch off MARAC on the DASH count
  errors = validate_assessment_policy(p);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "risk.high_from");

  p.risk = {};
  p.risk.medium_from = 0;
  errors = validate_assessment_policy(p);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "risk.medium_from");
}

TEST(PolicyValidation, MaracThresholdsMustBeSane) {
  AssessmentPolicy p;
  p.risk.escalation_callouts = 0;
  p.risk.repeat_window_months = -1;
  const auto errors = validate_assessment_policy(p);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "risk.escalation_callouts");
  EXPECT_EQ(errors[1].field, "risk.repeat_window_months");
}

}  // namespace
}  // namespace vg::assessment
