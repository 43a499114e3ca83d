#include "domain/assessment/eligibility.h"

namespace vg::assessment {

Eligibility assess_eligibility(const Referral& referral) {
  // Deliberately no test of the incident date or of reporting: the Code's right to be referred
  // does not depend on either, and victims of old or unreported crime are eligible too.
  return referral.flags.non_crime_asb ? Eligibility::kNonCrimeAsb : Eligibility::kEligible;
}

}  // namespace vg::assessment
