// DASH and S-DASH scoring: counts of "yes" answers, and the DASH count's risk band under the
// area's RiskPolicy. Pure arithmetic; professional judgement and MARAC are in risk.h / marac.h.
#pragma once

#include "domain/assessment/assessment.h"

namespace vg::assessment {

// The number of kYes answers among the 24 ("not known" and "no" count nothing).
int dash_score(const intake::DashAnswers& dash);

// standard below policy.medium_from, medium from medium_from, high from policy.high_from.
RiskLevel dash_level(int score, const RiskPolicy& policy);

// The number of kYes answers among the 11 stalking screening questions. S-DASH has no
// standard bands, so the count is reported as it is.
int sdash_score(const intake::SdashAnswers& sdash);

}  // namespace vg::assessment
