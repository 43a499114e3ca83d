#include "domain/accounts/role.h"

#include <gtest/gtest.h>

namespace vg::accounts {
namespace {

TEST(Role, CodesRoundTrip) {
  for (Role r : {Role::kPoliceReferrer, Role::kGatewayAdvisor, Role::kRiskAssessor,
                 Role::kTeamLeader, Role::kPartnerCaseworker, Role::kCommissioner,
                 Role::kAdministrator, Role::kAuditor}) {
    auto back = role_from_code(to_code(r));
    ASSERT_TRUE(back.has_value()) << to_code(r);
    EXPECT_EQ(*back, r);
  }
}

TEST(Role, UnknownCodeIsRejected) { EXPECT_FALSE(role_from_code("superuser").has_value()); }

TEST(Role, OnlyPartnerCaseworkersReferralsAreAlwaysPartnerReferrals) {
  EXPECT_TRUE(enters_partner_referrals(Role::kPartnerCaseworker));
  EXPECT_FALSE(enters_partner_referrals(Role::kGatewayAdvisor));
}

}  // namespace
}  // namespace vg::accounts
