// A victim's risk: the DASH band, professional judgement on top of it, the MARAC decision and the
// S-DASH count, combined into a RiskResult. Pure rule; `today` is passed in, never read.
#pragma once

#include <optional>

#include "domain/assessment/assessment.h"

namespace vg::assessment {

struct JudgedLevel {
  RiskLevel level = RiskLevel::kStandard;
  bool raised = false;  // the judgement was above the score's level
};

// Professional judgement may raise the level and never lower it: a judgement at or below the
// score's level changes nothing (and is not "raised"). The DASH count is a floor because it is
// the evidence; judgement adds what the checklist cannot see.
JudgedLevel apply_professional_judgement(RiskLevel score_level, std::optional<RiskLevel> judgement);

// Without a DASH the score is unset and the level standard unless judgement raises it.
RiskResult assess_risk(const Referral& referral, const RiskPolicy& policy, Date today);

}  // namespace vg::assessment
