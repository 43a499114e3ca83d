// How far a referral has come, for the organisation that sent it (a police force's case system,
// over the API): received, contacted, supported, closed, with dates, and nothing else. Not a
// share of the victim's data, but audited. A referral the caller did not send is answered
// exactly as one that does not exist.
#pragma once

#include <string>

#include "app/clock.h"
#include "domain/casework/referral_progress.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

struct ReferralStatusAnswer {
  std::string id;
  std::string reference;
  casework::ReferralProgress progress;
};

class ReferralStatus {
 public:
  ReferralStatus(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // For an API key of `organisation_id` (`audit_actor`: "api-key:<id>"). `not_found` when the
  // organisation may not know this referral's progress (or there is none).
  Result<ReferralStatusAnswer> for_sender(const std::string& organisation_id,
                                          const std::string& audit_actor,
                                          const std::string& referral_id);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
