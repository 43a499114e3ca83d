#include "app/casework/team_admin.h"

#include "app/audit/audit_entry.h"

namespace vg::app {

Result<void> save_team(store::Store& store, const Clock& clock, const casework::Team& team, const std::string& actor) {
  std::vector<FieldError> errors;
  if (team.name.empty()) errors.push_back({"name", "required", "Enter the team's name"});
  if (team.area.empty()) errors.push_back({"area", "required", "Enter the area the team serves"});
  auto org = VG_TRY(store.accounts().find_organisation(team.organisation_id));
  if (!org || org->kind != "gateway") {
    errors.push_back({"organisation", "not_a_gateway", "A team belongs to a gateway organisation"});
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  return store.cases().upsert_team(team, audit_entry(clock, actor, "team.upsert", "team", team.id));
}

Result<void> place_in_team(store::Store& store, const Clock& clock, const std::string& user_id,
                           const std::string& team_id, int capacity, const std::string& actor) {
  auto team = VG_TRY(store.cases().find_team(team_id));
  if (!team) return not_found("The team");
  auto user = VG_TRY(store.accounts().find_user(user_id));
  if (!user) return not_found("The user");
  if (user->organisation_id != team->organisation_id) {
    return validation_failed({{"team", "other_organisation", "The person is not of the team's organisation"}});
  }
  return store.cases().set_team_member({user_id, team_id, {}, capacity},
                                       audit_entry(clock, actor, "team.member.set", "user", user_id));
}

}  // namespace vg::app
