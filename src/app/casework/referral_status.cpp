#include "app/casework/referral_status.h"

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "domain/access/access_table.h"

namespace vg::app {
namespace {

// What an organisation's key acts as: the role its kind sends with.
accounts::Role sending_role(const std::string& kind) {
  return kind == "police" ? accounts::Role::kPoliceReferrer : accounts::Role::kPartnerCaseworker;
}

}  // namespace

Result<ReferralStatusAnswer> ReferralStatus::for_sender(const std::string& organisation_id,
                                                        const std::string& audit_actor,
                                                        const std::string& referral_id) {
  auto organisation = VG_TRY(store_.accounts().find_organisation(organisation_id));
  auto found = VG_TRY(store_.cases().find(referral_id));
  if (!organisation || !found) return not_found("The referral");
  const access::Actor actor{sending_role(organisation->kind), {}, organisation->id, organisation->kind,
                            organisation->areas, {}};
  if (!access::decide(actor, access::Action::kReadReferralStatus, case_subject(*found)).allowed) {
    return not_found("The referral");
  }
  auto events = VG_TRY(store_.cases().events(referral_id));
  ReferralStatusAnswer answer{found->id, found->reference, casework::referral_progress(*found, events)};
  VG_CHECK(store_.audit().append(audit_entry(clock_, audit_actor, "referral.status_read", "referral",
                                             referral_id, R"({"stage":")" + answer.progress.stage + R"("})")));
  return answer;
}

}  // namespace vg::app
