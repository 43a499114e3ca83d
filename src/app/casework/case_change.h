// One change to a case, the same way for every casework use case: in one unit of work, read the
// case, ask the access table, refuse a change made from an out-of-date copy (the second of two
// people editing sees what changed and decides), apply the use case's rule, store the case with
// its new version, its timeline events and the audit entry. Nothing of a refused change lands.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/clock.h"
#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// What a rule makes of a case: the events for its timeline and the audit entry's detail (codes
// and ids only). The rule changes `c` in place and may use the unit of work for more rows.
struct CaseChangeMade {
  std::vector<casework::CaseEvent> events;  // case_id, at and actor are filled in
  std::string audit_detail = "{}";
};
using CaseRule = std::function<Result<CaseChangeMade>(casework::CaseRecord& c, store::UnitOfWork& unit)>;

// `conflict` (field "version") when the case's version is not `expected_version`, or the case is
// merged into another (casework/case_merge.h); `not_found`
// when there is no such case or the actor may not `action` it (never telling which);
// `forbidden` when the actor's role may never `action`. Answers the case as stored.
Result<casework::CaseRecord> change_case(store::Store& store, const Clock& clock,
                                         const access::Actor& actor, access::Action action,
                                         const std::string& case_id, std::int64_t expected_version,
                                         const std::string& audit_action, const CaseRule& rule);

}  // namespace vg::app
