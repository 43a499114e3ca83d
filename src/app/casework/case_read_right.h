// The one check before anything of a case is shown to a person: may they read it, and by which
// right (the `via` every case.read audit entry names). Never shows a case itself; never decides
// without the access table, which it only completes: a read the table allows by break glass
// (another team's case) stands only while the person has a recorded reason in force.
#pragma once

#include <string>
#include <string_view>

#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/result.h"
#include "store/store.h"
#include "store/unit_of_work.h"

namespace vg::app {

// The code a case section's open answers when only break glass reaches the case and the person
// has recorded no reason in force: pages then ask for one (nothing of the case is shown).
inline constexpr std::string_view kReasonRequired = "reason_required";

// May `actor` read `record` now? The scope that allows it (kBreakGlass only with a grant in
// force); `not_found` when no line of the table reaches it (answered as a case that does not
// exist); `reason_required` when only break glass would, without a grant in force.
Result<access::Scope> case_read_right(store::Store& store, casework::Instant now, const access::Actor& actor,
                                      const casework::CaseRecord& record);
// The same inside a unit of work (a read audited with the read, in one transaction).
Result<access::Scope> case_read_right(store::UnitOfWork& unit, casework::Instant now, const access::Actor& actor,
                                      const casework::CaseRecord& record);

// The audit detail of a case.read by `via`: {"via":"own_team"}, or with the section read
// {"via":"break_glass","section":"risk"}. Codes only.
std::string case_read_detail(access::Scope via, std::string_view section = {});

}  // namespace vg::app
