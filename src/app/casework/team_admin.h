// Gateway teams from the shell: create (or rename) a team of a gateway organisation and place one
// of its staff in it. For administrators setting up a deployment (and tests); never moves cases
// between teams, and never places a person in another organisation's team.
#pragma once

#include <string>

#include "app/clock.h"
#include "domain/casework/case_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// `validation_failed` when the organisation is missing or not a gateway, or the name or area is
// empty. Audited as team.upsert by `actor`.
Result<void> save_team(store::Store& store, const Clock& clock, const casework::Team& team, const std::string& actor);

// Places `user_id` in `team_id` (leaving any team they were in), with `capacity` open cases.
// `not_found` for no such team; `validation_failed` when the person is of another organisation.
Result<void> place_in_team(store::Store& store, const Clock& clock, const std::string& user_id,
                           const std::string& team_id, int capacity, const std::string& actor);

}  // namespace vg::app
