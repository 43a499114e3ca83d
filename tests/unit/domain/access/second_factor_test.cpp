#include "domain/access/second_factor.h"

#include <gtest/gtest.h>

#include "domain/access/access_table.h"

namespace vg::access {
namespace {

using accounts::Role;

constexpr Role kAllRoles[] = {
    Role::kPoliceReferrer,    Role::kGatewayAdvisor, Role::kRiskAssessor,  Role::kTeamLeader,
    Role::kPartnerCaseworker, Role::kCommissioner,   Role::kAdministrator, Role::kAuditor};

TEST(SecondFactor, StaffWhoSeeVictimsDetailsNeedOne) {
  for (Role role :
       {Role::kGatewayAdvisor, Role::kRiskAssessor, Role::kTeamLeader, Role::kPartnerCaseworker}) {
    EXPECT_TRUE(needs_second_factor(role)) << accounts::to_code(role);
  }
}

TEST(SecondFactor, RolesThatNeverSeeVictimsDetailsDoNot) {
  for (Role role :
       {Role::kPoliceReferrer, Role::kCommissioner, Role::kAdministrator, Role::kAuditor}) {
    EXPECT_FALSE(needs_second_factor(role)) << accounts::to_code(role);
  }
}

// The rule follows the table: every role with a line revealing personal data, and no other.
TEST(SecondFactor, FollowsTheAccessTableLineByLine) {
  for (Role role : kAllRoles) {
    bool reveals = false;
    for (const auto& grant : grants()) {
      if (grant.role == role && reveals_personal_data(grant.action)) reveals = true;
    }
    EXPECT_EQ(needs_second_factor(role), reveals) << accounts::to_code(role);
  }
}

}  // namespace
}  // namespace vg::access
