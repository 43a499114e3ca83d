// Referring a case on to a directory service, from the case: choosing any active service of the
// case's area and what of the victim it may see, and withdrawing the referral. Refused, with the
// reason and nothing stored, unless the case's consent is in force (casework::may_share).
// Never shares anything itself: the partner reads through PartnerInbox, which asks again.
#pragma once

#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "domain/casework/onward_referral.h"
#include "domain/directory/directory_records.h"

namespace vg::app {

// The case's onward referrals section: the case, its onward referrals (oldest first) with their
// services' names, and what the person may do.
struct OnwardSection {
  casework::CaseRecord record;
  std::vector<casework::OnwardReferral> referrals;
  std::vector<std::string> service_names;  // one per referral, in order
  std::string consent_scope;                // in force now (casework::consent_scope_in_force)
  bool may_work = false;
};

struct OnwardSend {
  std::string service_id;
  std::vector<std::string> shared_fields;  // optional field codes the caseworker ticked
};

class OnwardReferrals {
 public:
  OnwardReferrals(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // `forbidden` for a role that reads no case; `not_found` when the person may not read it.
  Result<OnwardSection> open(const access::Actor& actor, const std::string& case_id);
  // The active directory services serving any local authority of `area`, by name.
  Result<std::vector<directory::ServiceRecord>> services(const std::string& area);
  // `validation_failed`: "service_id" (none chosen, unknown, not in the case's area, already
  // referred and still open, or consent not in force: code "no_consent") or "shared_fields";
  // `conflict` for a closed case or a stale version. Answers the case as stored.
  Result<casework::CaseRecord> send(const access::Actor& actor, const std::string& case_id,
                                    std::int64_t expected_version, const OnwardSend& request);
  // `not_found` when the case has no such onward referral; `conflict` (field "change") once it
  // was declined, completed or withdrawn.
  Result<casework::CaseRecord> withdraw(const access::Actor& actor, const std::string& case_id,
                                        std::int64_t expected_version, const std::string& onward_referral_id);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
