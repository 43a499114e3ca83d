#include "app/casework/case_read_right.h"

#include <algorithm>

#include "app/casework/case_access.h"
#include "domain/casework/break_glass.h"

namespace vg::app {
namespace {

template <typename Grants>
Result<access::Scope> read_right(casework::Instant now, const access::Actor& actor, const casework::CaseRecord& record,
                                 Grants open_grants) {
  const auto decision = access::decide(actor, access::Action::kReadReferral, case_subject(record));
  if (!decision.allowed || !decision.via) return not_found("The case");
  if (*decision.via != access::Scope::kBreakGlass) return *decision.via;
  // Only the person's recorded reason opens another team's case; the store keeps every grant,
  // whether it still holds is the domain's rule.
  const auto grants = VG_TRY(open_grants(actor.user_id, record.id));
  const bool held = !actor.user_id.empty() &&
                    std::any_of(grants.begin(), grants.end(),
                                [&](const casework::BreakGlassGrant& g) { return casework::in_force(g, now); });
  if (!held) return fail(std::string(kReasonRequired), "This case is held by another team: record why you need it");
  return access::Scope::kBreakGlass;
}

}  // namespace

Result<access::Scope> case_read_right(store::Store& store, casework::Instant now, const access::Actor& actor,
                                      const casework::CaseRecord& record) {
  return read_right(now, actor, record, [&](const std::string& user_id, const std::string& case_id) {
    return store.break_glass().open_grants(user_id, case_id);
  });
}

Result<access::Scope> case_read_right(store::UnitOfWork& unit, casework::Instant now, const access::Actor& actor,
                                      const casework::CaseRecord& record) {
  return read_right(now, actor, record, [&](const std::string& user_id, const std::string& case_id) {
    return unit.break_glass().open_grants(user_id, case_id);
  });
}

std::string case_read_detail(access::Scope via, std::string_view section) {
  std::string detail = std::string(R"({"via":")") + std::string(access::to_code(via)) + '"';
  if (!section.empty()) detail += std::string(R"(,"section":")") + std::string(section) + '"';
  return detail + "}";
}

}  // namespace vg::app
