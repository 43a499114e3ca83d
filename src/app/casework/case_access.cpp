#include "app/casework/case_access.h"

#include "app/accounts/actor.h"

namespace vg::app {

Result<access::Actor> casework_actor(store::Store& store, const CurrentUser& current) {
  access::Actor actor = actor_of(current);
  if (auto member = VG_TRY(store.cases().find_team_member(current.user.id))) {
    actor.team_id = member->team_id;
  }
  return actor;
}

Result<access::Actor> api_key_actor(store::Store& store, const intake::ApiKey& key) {
  auto organisation = VG_TRY(store.accounts().find_organisation(key.organisation_id));
  if (!organisation) return fail("unauthorized", "The key's organisation no longer exists");
  access::Actor actor;
  actor.role = organisation->kind == "police" ? accounts::Role::kPoliceReferrer : accounts::Role::kPartnerCaseworker;
  actor.user_id = "api-key:" + key.id;
  actor.organisation_id = organisation->id;
  actor.organisation_kind = organisation->kind;
  actor.areas = organisation->areas;
  return actor;
}

access::Subject case_subject(const casework::CaseRecord& c) {
  access::Subject s;
  s.area = c.area;
  if (!c.source_organisation_id.empty()) s.organisations.push_back(c.source_organisation_id);
  if (!c.holder_organisation_id.empty()) s.organisations.push_back(c.holder_organisation_id);
  s.team_id = c.team_id;
  s.allocated_to = c.allocated_to;
  return s;
}

}  // namespace vg::app
