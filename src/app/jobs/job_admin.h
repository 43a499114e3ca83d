// What an administrator does with background jobs: read the dead-letter list and queue a dead
// job again. Decides access from the table (run_jobs); shows kinds, attempts and error codes,
// never a payload.
#pragma once

#include <string>

#include "app/clock.h"
#include "domain/access/access_table.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class JobAdmin {
 public:
  static constexpr int kPerPage = 20;

  JobAdmin(store::Store& store, const Clock& clock);

  // Jobs belong to no area yet (a send serves one case, but the list is the whole service's):
  // an actor may run jobs when the table lets them in any of their areas. `forbidden` otherwise.
  Result<store::PageOf<store::JobRecord>> dead_letters(const access::Actor& actor, int page);
  // Queues the dead job again, with fresh attempts, due now; audited as the actor.
  // `forbidden`, or `not_found` when no dead job has that id.
  Result<void> retry(const access::Actor& actor, const std::string& job_id);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
