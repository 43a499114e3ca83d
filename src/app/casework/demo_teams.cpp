#include "app/casework/demo_teams.h"

#include "app/audit/audit_entry.h"

namespace vg::app {
namespace {

constexpr const char* kActor = "system:demo-data";
constexpr const char* kTeamId = "7a1c0e52-3d4b-4c1e-9f00-0000000000a1";
constexpr const char* kHubOrganisation = "7a1c0e52-3d4b-4c1e-9f00-000000000002";

struct DemoMember {
  const char* email;
  std::vector<std::string> skills;
  int capacity;
};

}  // namespace

Result<void> load_demo_teams(store::Store& store, const Clock& clock) {
  const casework::Team team{kTeamId, kHubOrganisation, "merseyside", "Merseyside hub team (demo)"};
  VG_CHECK(store.cases().upsert_team(team, audit_entry(clock, kActor, "team.upsert", "team", team.id)));
  const DemoMember members[] = {
      {"advisor@demo.victim-gateway.test", {"children", "idva", "isva"}, 25},
      {"assessor@demo.victim-gateway.test", {"idva"}, 10},
      {"leader@demo.victim-gateway.test", {}, 5},
  };
  for (const auto& m : members) {
    auto user = VG_TRY(store.accounts().find_user_by_email(m.email));
    if (!user) return fail("internal", std::string("The demo user is missing: ") + m.email);
    VG_CHECK(store.cases().set_team_member({user->id, team.id, m.skills, m.capacity},
                                           audit_entry(clock, kActor, "team.member.set", "user", user->id)));
  }
  return {};
}

}  // namespace vg::app
