#include "app/casework/break_glass.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/security/random_token.h"

namespace vg::app {
namespace {

namespace json = boost::json;

bool only_by_break_glass(const access::Actor& actor, const casework::CaseRecord& c) {
  const auto decision = access::decide(actor, access::Action::kReadReferral, case_subject(c));
  return decision.allowed && decision.via == access::Scope::kBreakGlass && !actor.user_id.empty();
}

}  // namespace

Result<BreakGlassAsk> BreakGlass::ask(const access::Actor& actor, const std::string& case_id) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  auto found = VG_TRY(store_.cases().find(case_id));
  if (!found || !only_by_break_glass(actor, *found)) return not_found("The case");
  return BreakGlassAsk{found->id, found->reference};
}

Result<casework::BreakGlassGrant> BreakGlass::record(const access::Actor& actor, const std::string& case_id,
                                                     const std::string& reason_code, const std::string& note) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  std::vector<FieldError> errors;
  const auto reason = casework::break_glass_reason_from_code(reason_code);
  if (!reason) errors.push_back({"reason", "required", "Select why you need to see this case"});
  if (note.size() > kMaxBreakGlassNoteBytes) {
    errors.push_back({"note", "too_long", "Enter a note of 500 characters or fewer"});
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  casework::BreakGlassGrant grant;
  grant.id = random_uuid();
  grant.user_id = actor.user_id;
  grant.case_id = case_id;
  grant.reason = *reason;
  if (!note.empty()) grant.note = cipher_.seal(note);
  grant.granted_at = clock_.now();
  grant.expires_at = grant.granted_at + lasting_;
  VG_CHECK(store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    auto found = VG_TRY(unit.cases().find(case_id));
    if (!found || !only_by_break_glass(actor, *found)) return not_found("The case");
    VG_CHECK(unit.break_glass().insert(grant));
    // The reason's code and the grant's id: the person's own words never reach the audit log.
    return unit.append_audit({audit_entry(
        grant.granted_at, actor.user_id, "case.break_glass", "case", case_id,
        json::serialize(json::object{{"reason", casework::to_code(grant.reason)},
                                     {"grant", grant.id},
                                     {"minutes", static_cast<std::int64_t>(lasting_.count())},
                                     {"note", !note.empty()}}))});
  }));
  return grant;
}

Result<void> BreakGlass::end_all(const std::string& user_id) {
  if (user_id.empty()) return {};
  const auto now = clock_.now();
  return store_.write([&](store::UnitOfWork& unit) -> Result<void> {
    const auto ended = VG_TRY(unit.break_glass().end_all(user_id, now));
    if (ended == 0) return {};
    return unit.append_audit({audit_entry(now, user_id, "case.break_glass_ended", "user", user_id,
                                          json::serialize(json::object{{"grants", ended}}))});
  });
}

}  // namespace vg::app
