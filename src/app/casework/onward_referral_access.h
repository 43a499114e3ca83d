// Who an onward referral is shared with, as the access table (domain/access) sees it: the partner
// staff organisations linked to the directory organisation running the service, sharing only
// while the referral is open and the case's consent is in force. Decides nothing itself.
#pragma once

#include <string>
#include <vector>

#include "domain/access/access_table.h"
#include "domain/casework/case_records.h"
#include "domain/casework/onward_referral.h"
#include "store/store.h"

namespace vg::app {

// The partner organisations whose staff work `directory_organization_id`'s services.
Result<std::vector<std::string>> onward_referral_holders(store::Store& store,
                                                         const std::string& directory_organization_id);

// The onward referral in the case's area, shared with each of `holders`; consented only while
// casework::may_share(the case's consent) and the referral is sent or accepted, so a consent
// withdrawn (or a referral closed) stops the partner's access at once. It belongs to no
// organisation: a partner never reaches the case itself through it.
access::Subject onward_referral_subject(const casework::CaseRecord& c, const casework::OnwardReferral& r,
                                        const std::vector<std::string>& holders);

}  // namespace vg::app
