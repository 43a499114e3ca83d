// Reading stored referrals, as the access table allows (domain/access). A referral belongs to the
// organisation that sent it (casework will add the gateway team that holds its case).
// One the actor may not read is answered exactly as one that does not exist ("not_found"), so a
// refusal reveals nothing about another organisation's records; a role that may read no
// referral at all is told "forbidden".
#pragma once

#include "app/intake/decision_explanation.h"

#include <string>
#include <vector>

#include "domain/access/access_table.h"
#include "domain/intake/referral_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class ReferralReader {
 public:
  explicit ReferralReader(store::Store& store);

  Result<intake::StoredReferral> find_by_reference(const access::Actor& actor,
                                                   const std::string& reference);

 private:
  // What the access table needs to know about a referral: its area and its organisations.
  static access::Subject subject_of(const intake::StoredReferral& referral);

  store::Store& store_;
  DecisionExplanations explanations_;
};

}  // namespace vg::app
