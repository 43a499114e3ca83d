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

TEST(Role, OnlyAdministratorsEditTheDirectory) {
  EXPECT_TRUE(can_edit_directory(Role::kAdministrator));
  EXPECT_FALSE(can_edit_directory(Role::kCommissioner));
  EXPECT_FALSE(can_edit_directory(Role::kPartnerCaseworker));
}

TEST(Role, AuditorsReadTheAuditLog) {
  EXPECT_TRUE(can_read_audit(Role::kAuditor));
  EXPECT_FALSE(can_read_audit(Role::kGatewayAdvisor));
}

TEST(Role, GatewayStaffAndPartnersEnterReferralsOnTheFormOthersDoNot) {
  for (Role r : {Role::kGatewayAdvisor, Role::kRiskAssessor, Role::kTeamLeader, Role::kPartnerCaseworker}) {
    EXPECT_TRUE(can_enter_referrals(r)) << to_code(r);
  }
  for (Role r : {Role::kPoliceReferrer, Role::kCommissioner, Role::kAdministrator, Role::kAuditor}) {
    EXPECT_FALSE(can_enter_referrals(r)) << to_code(r);
  }
  EXPECT_TRUE(enters_partner_referrals(Role::kPartnerCaseworker));
  EXPECT_FALSE(enters_partner_referrals(Role::kGatewayAdvisor));
}

}  // namespace
}  // namespace vg::accounts
