// When a victim must be referred to the MARAC (Multi-Agency Risk Assessment Conference), and why.
// Pure rule over the risk levels and the victim's history; `today` is passed in, never read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assessment/assessment.h"

namespace vg::assessment {

// A repeat: a previous MARAC referral on or before `today` and no more than `window_months`
// calendar months before it (the anniversary itself still counts; a month-end that does not exist,
// e.g. 31 February, becomes that month's last day).
bool is_marac_repeat(std::optional<Date> last_marac_referral, int window_months, Date today);

// In this order, each when it applies: "dash_high" (the DASH count alone is high),
// "professional_judgement" (judgement raised the level to high), "escalation" (police call-outs
// in the last 12 months reached policy.escalation_callouts), "repeat" (is_marac_repeat).
// Empty means no MARAC referral is required.
std::vector<std::string> marac_reasons(RiskLevel score_level, RiskLevel level,
                                       bool judgement_raised, const intake::RiskHistory& history,
                                       const RiskPolicy& policy, Date today);

// One reason of marac_reasons in words a call handler can read out, with the facts behind it:
// "DASH score 15 of 24: high risk (14 or more)", "Professional judgement: raised the risk from
// medium to high", "3 police call-outs in the last 12 months", "Repeat: a MARAC referral on
// 1 June 2025, within 12 months". `risk` is the result the reasons came from.
std::string marac_reason_text(std::string_view code, const RiskResult& risk,
                              const intake::RiskHistory& history, const RiskPolicy& policy);

// The same from the code alone, for an assessment kept before its reasons were kept in words.
std::string marac_reason_text(std::string_view code);

}  // namespace vg::assessment
