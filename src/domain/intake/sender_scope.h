// What an organisation may send to the gateway: the channel its kind sends on, the police force
// codes it owns and the areas it serves. Checked for every referral from an API key, a feed and
// the staff form, so no sender can plant a referral under another force's crime reference.
// Pure: the caller looks the organisation up; this never reads storage.
#pragma once

#include <string>
#include <vector>

#include "domain/intake/referral.h"
#include "domain/result.h"

namespace vg::intake {

struct SenderScope {
  // gateway | police | partner | commissioner; empty for the public (a self-referral).
  std::string kind;
  std::vector<std::string> areas;               // area pack ids, e.g. "merseyside"
  std::vector<std::string> police_force_codes;  // police only: e.g. "E23000004"
};

// The channels a sender of `scope.kind` may use, in a fixed order (empty: none).
std::vector<Channel> channels_for(const std::string& kind);

// Every part of `referral` that `scope` may not send, as field errors with JSON paths and the
// code "not_permitted" (empty: it may be sent). A police organisation sends only channel police
// for its own force codes; any other organisation only its own channel; everyone only for the
// areas they serve; the public only self-referrals.
std::vector<FieldError> scope_violations(const SenderScope& scope, const Referral& referral);

}  // namespace vg::intake
