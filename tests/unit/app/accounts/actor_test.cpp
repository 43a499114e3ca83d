// The signed-in person as the access table sees them: role and ids from the user, kind and areas
// from their organisation as it is now, and never a team (teams are the use cases' to add).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/accounts/actor.h"

namespace vg::app {
namespace {

using accounts::Role;

CurrentUser invented_user(Role role) {
  CurrentUser current;
  current.user.id = "7d0c2b1e-0000-4000-8000-000000000101";
  current.user.email = "pat.example@example.org";
  current.user.display_name = "Pat Example";
  current.user.role = role;
  current.user.organisation_id = "7d0c2b1e-0000-4000-8000-0000000000a1";
  current.session_id_hash = "not-copied";
  current.organisation = {"7d0c2b1e-0000-4000-8000-0000000000a1", "Invented Gateway", "gateway",
                          {"merseyside", "staffordshire"}};
  return current;
}

TEST(ActorTest, CopiesRoleIdsKindAndAreas) {
  const auto actor = actor_of(invented_user(Role::kTeamLeader));
  EXPECT_EQ(actor.role, Role::kTeamLeader);
  EXPECT_EQ(actor.user_id, "7d0c2b1e-0000-4000-8000-000000000101");
  EXPECT_EQ(actor.organisation_id, "7d0c2b1e-0000-4000-8000-0000000000a1");
  EXPECT_EQ(actor.organisation_kind, "gateway");
  EXPECT_EQ(actor.areas, (std::vector<std::string>{"merseyside", "staffordshire"}));
  EXPECT_EQ(actor.team_id, "");
}

TEST(ActorTest, TheOrganisationIdComesFromTheUserNotTheOrganisationRecord) {
  // When the organisation has gone only its id is set on the session's copy; the user's own
  // organisation id is what the access table compares.
  auto current = invented_user(Role::kPartnerCaseworker);
  current.organisation = {};
  const auto actor = actor_of(current);
  EXPECT_EQ(actor.role, Role::kPartnerCaseworker);
  EXPECT_EQ(actor.organisation_id, "7d0c2b1e-0000-4000-8000-0000000000a1");
  EXPECT_EQ(actor.organisation_kind, "");
  EXPECT_TRUE(actor.areas.empty());
}

TEST(ActorTest, EachRoleIsCarriedThrough) {
  for (Role role : {Role::kPoliceReferrer, Role::kGatewayAdvisor, Role::kRiskAssessor,
                    Role::kTeamLeader, Role::kPartnerCaseworker, Role::kCommissioner,
                    Role::kAdministrator, Role::kAuditor}) {
    EXPECT_EQ(actor_of(invented_user(role)).role, role);
  }
}

}  // namespace
}  // namespace vg::app
