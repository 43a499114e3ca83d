// Checks on an area's AssessmentPolicy before it is used: consent conditions that exist, DASH
// bands in order, sane MARAC thresholds. Pure checks; a rejected policy is never half-applied.
#pragma once

#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/result.h"

namespace vg::assessment {

// Fields are paths into the policy: "consent.rules[1].when", "risk.high_from". The offence
// categories are checked when parsed (offence_categories.h), not here.
std::vector<FieldError> validate_assessment_policy(const AssessmentPolicy& policy);

}  // namespace vg::assessment
