// The demo's gateway team: the Merseyside hub's advisor, risk assessor and team leader, so the
// demo log-ins find a queue of cases and someone to allocate them to. Invented people only;
// never load demo data into a live deployment.
#pragma once

#include "app/clock.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// Creates (or renames) the demo team and places the demo caseworkers in it; safe to run again.
// Cases of its area that no team held become the team's.
Result<void> load_demo_teams(store::Store& store, const Clock& clock);

}  // namespace vg::app
