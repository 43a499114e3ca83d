#include "domain/assessment/risk.h"

#include "domain/assessment/dash.h"
#include "domain/assessment/marac.h"

namespace vg::assessment {

JudgedLevel apply_professional_judgement(RiskLevel score_level,
                                         std::optional<RiskLevel> judgement) {
  if (judgement.has_value() && *judgement > score_level) return {*judgement, true};
  return {score_level, false};
}

RiskResult assess_risk(const Referral& referral, const RiskPolicy& policy, Date today) {
  RiskResult out;
  if (referral.dash.has_value()) {
    out.dash_score = dash_score(*referral.dash);
    out.score_level = dash_level(*out.dash_score, policy);
  }
  const JudgedLevel judged =
      apply_professional_judgement(out.score_level, referral.risk_history.professional_judgement);
  out.level = judged.level;
  out.judgement_raised = judged.raised;
  out.marac_reasons = marac_reasons(out.score_level, out.level, out.judgement_raised,
                                    referral.risk_history, policy, today);
  out.marac_required = !out.marac_reasons.empty();
  for (const auto& code : out.marac_reasons) {
    out.marac_reason_texts.push_back(marac_reason_text(code, out, referral.risk_history, policy));
  }
  if (referral.sdash.has_value()) out.sdash_score = sdash_score(*referral.sdash);
  return out;
}

}  // namespace vg::assessment
