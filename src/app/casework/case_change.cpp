#include "app/casework/case_change.h"

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/insight/case_facts.h"

namespace vg::app {

Result<casework::CaseRecord> change_case(store::Store& store, const Clock& clock,
                                         const access::Actor& actor, access::Action action,
                                         const std::string& case_id, std::int64_t expected_version,
                                         const std::string& audit_action, const CaseRule& rule) {
  if (!access::role_may(actor.role, action)) {
    return fail("forbidden", "Your role does not allow this");
  }
  casework::CaseRecord stored;
  VG_CHECK(store.write([&](store::UnitOfWork& unit) -> Result<void> {
    auto found = VG_TRY(unit.cases().find(case_id));
    if (!found || !access::decide(actor, action, case_subject(*found)).allowed) {
      return not_found("The case");
    }
    if (found->version != expected_version) {
      return fail("conflict", "Someone else changed this case since you opened it",
                  {{"version", "stale", "Someone else changed this case since you opened it"}});
    }
    // A merged case is worked on through the case it was merged into; undoing the merge (which
    // changes it through that case) brings it back.
    if (found->status == casework::CaseStatus::kMerged) {
      return fail("conflict", "This case was merged into another: work on that case, or undo the merge",
                  {{"version", "merged", "This case was merged into another: work on that case, or undo the merge"}});
    }
    casework::CaseRecord c = *found;
    const auto now = clock.now();
    auto made = VG_TRY(rule(c, unit));
    c.updated_at = now;
    VG_CHECK(unit.cases().update(c, expected_version));
    c.version = expected_version + 1;
    for (auto& e : made.events) {
      e.case_id = c.id;
      e.at = now;
      if (e.actor.empty()) e.actor = actor.user_id;
      e.case_version = c.version;
    }
    VG_CHECK(unit.cases().append_events(made.events));
    // Insight's facts follow the case in the same transaction (app/insight/case_facts.h).
    VG_CHECK(refresh_case_facts(unit, c));
    VG_CHECK(unit.append_audit({audit_entry(now, actor.user_id, audit_action, "case", c.id,
                                            made.audit_detail)}));
    stored = std::move(c);
    return {};
  }));
  return stored;
}

}  // namespace vg::app
