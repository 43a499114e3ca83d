#include "domain/assessment/dash.h"

#include <algorithm>

namespace vg::assessment {
namespace {

template <typename Answers>
int count_yes(const Answers& answers) {
  return static_cast<int>(std::count(answers.begin(), answers.end(), intake::Answer::kYes));
}

}  // namespace

int dash_score(const intake::DashAnswers& dash) { return count_yes(dash.answers); }

RiskLevel dash_level(int score, const RiskPolicy& policy) {
  if (score >= policy.high_from) return RiskLevel::kHigh;
  if (score >= policy.medium_from) return RiskLevel::kMedium;
  return RiskLevel::kStandard;
}

int sdash_score(const intake::SdashAnswers& sdash) { return count_yes(sdash.answers); }

}  // namespace vg::assessment
