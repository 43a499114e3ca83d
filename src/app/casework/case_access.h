// Who is asking about a case, as the access table (domain/access) sees them: the signed-in
// person with their gateway team, and what the table needs to know about a case. Casework's use
// cases decide with these; pages never decide access.
#pragma once

#include "app/accounts/account_service.h"
#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/intake/referral_records.h"
#include "store/store.h"

namespace vg::app {

// The person with their team (their place in team_members; none: in no team).
Result<access::Actor> casework_actor(store::Store& store, const CurrentUser& current);

// An organisation's case system, calling with one of its API keys: it acts as the role its
// organisation's kind sends with (police: referrer; any other: partner caseworker), in the
// organisation's areas. `user_id` is "api-key:<key id>", so audit entries and timeline events
// name the key that acted; it is never a person's id, so no case is ever allocated to it.
// `unauthorized` when the key's organisation no longer exists.
Result<access::Actor> api_key_actor(store::Store& store, const intake::ApiKey& key);

// A case belongs to the organisation that sent its referral and to the team's organisation
// that holds it; it is the team's, and its caseworker's.
access::Subject case_subject(const casework::CaseRecord& c);

}  // namespace vg::app
