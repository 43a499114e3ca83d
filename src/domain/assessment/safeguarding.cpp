#include "domain/assessment/safeguarding.h"

namespace vg::assessment {

std::vector<SafeguardingAction> safeguarding_actions(const Referral& referral,
                                                     std::optional<int> age) {
  std::vector<SafeguardingAction> actions;
  // A business has no age and no household.
  if (referral.victim_type != intake::VictimType::kPerson) return actions;
  if (age.has_value() && *age < 18) {
    actions.push_back(
        {"child_victim", "The victim is a child (under 18): refer to children's safeguarding."});
  }
  if (referral.person.child_in_household_at_risk) {
    actions.push_back({"child_in_household_at_risk",
                       "A child in the victim's household is at risk: refer to children's "
                       "safeguarding."});
  }
  return actions;
}

}  // namespace vg::assessment
