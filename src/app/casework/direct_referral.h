// Routing's chosen specialist receiving a case directly (the area pack's refer_directly): an
// onward referral to that service, "sent", written in the same unit of work as the case's opening
// or as the consent that lets it go. Never shares anything while consent is not in force
// (casework::may_share): the case waits, marked in its timeline, until consent is recorded.
#pragma once

#include <string>
#include <vector>

#include "domain/accounts/account_records.h"
#include "domain/casework/case_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// Who sends a direct referral: routing, on the area's rules, not a person.
inline constexpr std::string_view kDirectReferralActor = "system:routing";

// For case `c` (stored already in `unit`), routed to `service_id` with refer_directly: when its
// consent is in force, inserts the onward referral (always-shared fields only) and adds its
// "onward_referral_sent" event and its audit entry; otherwise adds a "direct_referral_waiting"
// event. Adds nothing when the service is not an active directory service or the case already
// has an open referral to it. Events come back for the caller to append (case id, time and actor
// set); audit entries too.
Result<void> refer_directly(store::UnitOfWork& unit, store::DirectoryRepository& directory,
                            const casework::CaseRecord& c, const std::string& service_id,
                            accounts::Instant now, std::vector<casework::CaseEvent>& events,
                            std::vector<accounts::AuditEntry>& audit);

// The service a case is waiting to be referred to directly once consent is in force: the last
// "direct_referral_waiting" event's, unless a referral to it was sent since. Empty: none waits.
std::string direct_referral_waiting(const std::vector<casework::CaseEvent>& events);

}  // namespace vg::app
