// The gateway team's queue: the cases the person's organisation holds in its areas, filtered and
// paged, highest risk and nearest clock first. Lists only facts and references; the victim's
// details are read when a case is opened (CaseFile), which is audited.
#pragma once

#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class CaseQueue {
 public:
  explicit CaseQueue(store::Store& store) : store_(store) {}

  // The query's areas and holder are the actor's own, whatever it asked: a queue never shows
  // another organisation's cases. `forbidden` for a role that may read no case.
  Result<casework::CasePage> list(const access::Actor& actor, casework::CaseQuery query);

 private:
  store::Store& store_;
};

}  // namespace vg::app
