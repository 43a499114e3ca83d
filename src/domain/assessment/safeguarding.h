// Safeguarding actions a referral creates: a child victim, or a child at risk in the victim's
// household. Mandatory by law and never configurable: nothing in the policy may switch them off.
#pragma once

#include <optional>
#include <vector>

#include "domain/assessment/assessment.h"

namespace vg::assessment {

// "child_victim" when the victim's age (age.h) is under 18; "child_in_household_at_risk" when the
// referral says a child in the household is at risk. Takes no policy on purpose: the duty to
// safeguard children (Children Act 2004 s11, Working Together to Safeguard Children) binds every
// agency, so an area cannot opt out, and a switch would only be a way to get it wrong.
std::vector<SafeguardingAction> safeguarding_actions(const Referral& referral,
                                                     std::optional<int> age);

}  // namespace vg::assessment
