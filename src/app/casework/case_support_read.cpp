#include "app/casework/case_support_read.h"

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"

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
    const auto decision = access::decide(actor, access::Action::kReadReferral, subject);
    if (!decision.allowed) return not_found("The case");
    VG_CHECK(read(*found, unit));
    header.may_work = access::decide(actor, access::Action::kWorkCase, subject).allowed;
    header.record = std::move(*found);
    return unit.append_audit({audit_entry(
        clock, actor.user_id, audit_action, "case", case_id,
        std::string(R"({"via":")") + std::string(access::to_code(*decision.via)) + R"("})")});
  }));
  return header;
}

}  // namespace vg::app
