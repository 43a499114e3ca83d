#include "domain/assessment/safeguarding.h"

#include <gtest/gtest.h>

#include "referral_fixture.h"

namespace vg::assessment {
namespace {

using namespace fixture;

TEST(Safeguarding, ChildVictimAlwaysCreatesAnAction) {
  const auto actions = safeguarding_actions(valid_referral(), 17);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].code, "child_victim");
  EXPECT_FALSE(actions[0].reason.empty());
}

TEST(Safeguarding, EighteenIsNotAChildVictim) {
  EXPECT_TRUE(safeguarding_actions(valid_referral(), 18).empty());
  EXPECT_TRUE(safeguarding_actions(valid_referral(), std::nullopt).empty());
}

TEST(Safeguarding, ChildInHouseholdAtRiskCreatesAnAction) {
  Referral r = valid_referral();
  r.person.children_in_household = true;
  r.person.child_in_household_at_risk = true;
  const auto actions = safeguarding_actions(r, 40);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].code, "child_in_household_at_risk");
}

TEST(Safeguarding, ChildrenInHouseholdNotAtRiskCreateNoAction) {
  Referral r = valid_referral();
  r.person.children_in_household = true;
  EXPECT_TRUE(safeguarding_actions(r, 40).empty());
}

TEST(Safeguarding, BothActionsForAChildWithASiblingAtRisk) {
  Referral r = valid_referral();
  r.person.child_in_household_at_risk = true;
  const auto actions = safeguarding_actions(r, 15);
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0].code, "child_victim");
  EXPECT_EQ(actions[1].code, "child_in_household_at_risk");
}

TEST(Safeguarding, BusinessesHaveNoHousehold) {
  Referral r = valid_referral();
  r.victim_type = intake::VictimType::kBusiness;
  r.person.child_in_household_at_risk = true;
  EXPECT_TRUE(safeguarding_actions(r, std::nullopt).empty());
}

}  // namespace
}  // namespace vg::assessment
