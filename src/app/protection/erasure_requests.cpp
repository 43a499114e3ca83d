#include "app/protection/erasure_requests.h"

#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/protection/retention_job.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

}  // namespace

Result<ErasureCheck> ErasureRequests::check(const access::Actor& actor, const std::string& case_id) {
  if (!access::role_may(actor.role, access::Action::kEraseOnRequest)) {
    return fail("forbidden", "Your role does not allow this");
  }
  auto record = VG_TRY(store_.cases().find(case_id));
  if (!record || !access::decide(actor, access::Action::kEraseOnRequest, case_subject(*record)).allowed) {
    return fail("not_found", "The case was not found");
  }
  auto facts = VG_TRY(retention_.case_facts(case_id));
  if (!facts) return fail("not_found", "The case was not found");
  const bool erased = VG_TRY(retention_.erasure(case_id)).has_value();
  return ErasureCheck{std::move(*record), protection::decide_erasure_request(
                                              retention_facts(*facts), erased, periods_,
                                              deadlines::london_date(clock_.now()))};
}

Result<store::ErasedRows> ErasureRequests::erase(const access::Actor& actor, const std::string& case_id) {
  const auto checked = VG_TRY(check(actor, case_id));
  auto refused = [](protection::ErasureRefusal why) {
    const std::string message(protection::to_message(why));
    return fail("conflict", message, {{"case", std::string(protection::to_code(why)), message}});
  };
  if (checked.decision.refused) return refused(*checked.decision.refused);
  const auto now = clock_.now();
  store::CaseErasure erasure;
  erasure.case_id = case_id;
  erasure.rule = std::string(kRule);
  erasure.erased_at = now;
  if (checked.decision.keep_marac_until) erasure.marac_kept_until = text::iso_date(*checked.decision.keep_marac_until);
  auto erased = VG_TRY(retention_.erase_case(erasure, [&](const store::ErasedRows& rows) {
    json::object detail{{"rule", erasure.rule}, {"referral_id", case_id}, {"erased", erased_counts(rows)}};
    if (!erasure.marac_kept_until.empty()) detail["marac_kept_until"] = erasure.marac_kept_until;
    return audit_entry(now, actor.user_id, "case.personal_data_erased", "case", case_id, json::serialize(detail));
  }));
  // A hold placed, or another erasure made, since the check: the store wrote nothing.
  if (!erased) {
    const bool gone = VG_TRY(retention_.erasure(case_id)).has_value();
    return refused(gone ? protection::ErasureRefusal::kErasedAlready : protection::ErasureRefusal::kHeld);
  }
  return *erased;
}

}  // namespace vg::app
