#include "app/protection/legal_holds.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/security/random_token.h"

namespace vg::app {
namespace {

namespace json = boost::json;

std::string actor_name(const access::Actor& actor) { return actor.user_id; }

}  // namespace

Result<casework::CaseRecord> LegalHolds::check_access(const access::Actor& actor, const std::string& case_id) {
  if (!access::role_may(actor.role, access::Action::kHoldCase)) {
    return fail("forbidden", "Your role does not allow this");
  }
  auto found = VG_TRY(store_.cases().find(case_id));
  if (!found || !access::decide(actor, access::Action::kHoldCase, case_subject(*found)).allowed) {
    return fail("not_found", "The case was not found");
  }
  return std::move(*found);
}

Result<protection::LegalHold> LegalHolds::place(const access::Actor& actor, const std::string& case_id,
                                                std::string_view reason_code) {
  VG_CHECK(check_access(actor, case_id));
  const auto reason = protection::hold_reason_from_code(reason_code);
  if (!reason) {
    return fail("validation_failed", "Choose why the case must be kept",
                {{"reason", "invalid", "Choose why the case must be kept"}});
  }
  protection::LegalHold hold;
  hold.id = random_uuid();
  hold.case_id = case_id;
  hold.reason = *reason;
  hold.placed_by = actor_name(actor);
  hold.placed_at = clock_.now();
  const auto detail = json::serialize(json::object{{"hold_id", hold.id}, {"reason", protection::to_code(*reason)}});
  VG_CHECK(retention_.place_hold(hold, audit_entry(hold.placed_at, actor_name(actor), "case.hold_placed", "case",
                                                   case_id, detail)));
  return hold;
}

Result<void> LegalHolds::lift(const access::Actor& actor, const std::string& case_id, const std::string& hold_id) {
  VG_CHECK(check_access(actor, case_id));
  const auto now = clock_.now();
  const auto detail = json::serialize(json::object{{"hold_id", hold_id}});
  auto lifted = retention_.lift_hold(case_id, hold_id, actor_name(actor), now,
                                     audit_entry(now, actor_name(actor), "case.hold_lifted", "case", case_id, detail));
  if (!lifted) {
    if (lifted.error().code == "not_found") return fail("not_found", "The case was not found");
    return std::unexpected(lifted.error());
  }
  return {};
}

Result<std::vector<protection::LegalHold>> LegalHolds::holds(const access::Actor& actor, const std::string& case_id) {
  VG_CHECK(check_access(actor, case_id));
  return retention_.holds(case_id);
}

Result<CaseHolds> LegalHolds::case_holds(const access::Actor& actor, const std::string& case_id) {
  auto record = VG_TRY(check_access(actor, case_id));
  auto holds = VG_TRY(retention_.holds(case_id));
  return CaseHolds{std::move(record), std::move(holds)};
}

}  // namespace vg::app
