// Consent on a case: the one place that says whether anything of a case may be shared (an
// onward referral, a partner's view, a message, an export), and how a recorded statement of
// the victim's consent, refusal or withdrawal changes it. Pure rules; no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace vg::casework {

enum class ConsentChange { kGive, kRefuse, kWithdraw };

// May anything of a case in `consent_state` (assessment::ConsentState code) be shared outside
// the gateway? Only with consent recorded, or where the area's rules refer unless the victim
// objects and they have not. Awaiting consent, refused (opted out) and withdrawn share nothing.
bool may_share(std::string_view consent_state);

// The state after `change`, or why it cannot happen now (field "change"): consent can be given
// at any time it is not already in force, refused only before it was given (afterwards it is
// withdrawn), and withdrawn only while it is in force.
Result<std::string> consent_after(std::string_view consent_state, ConsentChange change);

std::string_view to_code(ConsentChange change);  // "give" | "refuse" | "withdraw"
std::optional<ConsentChange> consent_change_from_code(std::string_view code);
// "Consent given", "Awaiting consent", ... for a state code.
std::string_view consent_state_label(std::string_view consent_state);

}  // namespace vg::casework
