// Recording what the victim said about sharing: consent (who gave it, when, how, to what), its
// refusal, or its withdrawal. Until consent is in force nothing of the case is shared; a
// withdrawal stops all further sharing at once, because every share asks casework::may_share.
// Consent coming into force sends a direct referral that waited for it (direct_referral.h).
#pragma once

#include "app/casework/case_change.h"
#include "domain/casework/case_consent.h"

namespace vg::app {

struct ConsentStatement {
  casework::ConsentChange change = casework::ConsentChange::kGive;
  std::string given_by;  // victim | parent_or_guardian | representative
  std::string method;    // phone | in_person | letter | email | web_form
  std::string scope;     // referral_to_support | named_services | all_support (giving only)
};

class ConsentRecording {
 public:
  ConsentRecording(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // `validation_failed` naming the missing or unknown answer ("given_by", "method", "scope");
  // `conflict` (field "change") when the change cannot happen in the case's consent state.
  Result<casework::CaseRecord> record(const access::Actor& actor, const std::string& case_id,
                                      std::int64_t expected_version, const ConsentStatement& statement);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
