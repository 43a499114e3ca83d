// Whether the victims' grant may pay for supporting this referral. Pure rule over the referral's
// flags; it never turns a victim away from help, only says who pays.
#pragma once

#include "domain/assessment/assessment.h"

namespace vg::assessment {

// Any crime, whenever it happened and whether or not it was reported to the police, is eligible;
// anti-social behaviour that is not a crime is not charged to the grant.
Eligibility assess_eligibility(const Referral& referral);

}  // namespace vg::assessment
