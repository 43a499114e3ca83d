// Reading a case's support (needs, plan, notes, rights, closure) the one way: the case, the access
// table's answer for reading it, the rows the use case needs and an audit entry saying who read
// them, in one unit of work. Special-category notes are read only through here, always audited.
// Never returns anything of a case the person may not read (answered as not found).
#pragma once

#include <functional>
#include <string>

#include "app/clock.h"
#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// What every support view carries about the case itself.
struct CaseSupportHeader {
  casework::CaseRecord record;
  bool may_work = false;  // the access table's kWorkCase answer: pages show forms only then
};

using CaseSupportReader =
    std::function<Result<void>(const casework::CaseRecord& c, store::UnitOfWork& unit)>;

// `forbidden` for a role that may read no case; `not_found` when there is no such case or the
// actor may not read it. `audit_action` names what was read ("case.needs_read").
Result<CaseSupportHeader> read_case_support(store::Store& store, const Clock& clock,
                                            const access::Actor& actor, const std::string& case_id,
                                            const std::string& audit_action,
                                            const CaseSupportReader& read);

}  // namespace vg::app
