#include "app/casework/case_support_read.h"

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/casework/case_read_right.h"

namespace vg::app {

Result<CaseSupportHeader> read_case_support(store::Store& store, const Clock& clock,
                                            const access::Actor& actor, const std::string& case_id,
                                            const std::string& audit_action,
                                            const CaseSupportReader& read) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  CaseSupportHeader header;
  // A write unit, although it changes no row of the case: the audit entry lands with the read,
  // or neither does.
  VG_CHECK(store.write([&](store::UnitOfWork& unit) -> Result<void> {
    auto found = VG_TRY(unit.cases().find(case_id));
    if (!found) return not_found("The case");
    const auto subject = case_subject(*found);
    const auto via = VG_TRY(case_read_right(unit, clock.now(), actor, *found));
    VG_CHECK(read(*found, unit));
    header.may_work = access::decide(actor, access::Action::kWorkCase, subject).allowed;
    header.record = std::move(*found);
    return unit.append_audit({audit_entry(
        clock, actor.user_id, audit_action, "case", case_id, case_read_detail(via))});
  }));
  return header;
}

}  // namespace vg::app
