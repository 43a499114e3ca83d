#include "domain/casework/case_risk_assessment.h"

#include <array>
#include <utility>

#include "domain/assessment/dash.h"
#include "domain/assessment/risk.h"

namespace vg::casework {

std::vector<FieldError> check_risk_answers(const RiskAnswers& a,
                                           const assessment::RiskPolicy& policy, Date today) {
  std::vector<FieldError> errors;
  if (!a.dash && !a.sdash) {
    errors.push_back(
        {"dash", "required", "Answer the DASH questions, the S-DASH questions or both"});
  }
  if (a.police_callouts_last_12_months < 0 || a.police_callouts_last_12_months > kMaxCallouts) {
    errors.push_back(
        {"police_callouts", "out_of_range", "Enter a number of call-outs from 0 to 365"});
  }
  if (a.last_marac_referral && (!a.last_marac_referral->ok() || today < *a.last_marac_referral)) {
    errors.push_back({"last_marac_referral", "in_future",
                      "The last MARAC referral must be today or in the past"});
  }
  if (a.judgement) {
    bool blank = a.judgement_reason.find_first_not_of(" \t\r\n") == std::string::npos;
    if (blank) {
      errors.push_back({"judgement_reason", "required",
                        "Enter why your professional judgement sets this level"});
    } else if (a.judgement_reason.size() > kMaxJudgementReason) {
      errors.push_back(
          {"judgement_reason", "too_long", "Enter a reason of 2000 characters or fewer"});
    }
    if (a.dash) {
      intake::DashAnswers dash;
      dash.answers = *a.dash;
      const auto score_level = assessment::dash_level(assessment::dash_score(dash), policy);
      if (*a.judgement < score_level) {
        errors.push_back(
            {"judgement", "lowers",
             "Professional judgement can raise the level but not lower it: the DASH score gives " +
                 std::string(to_code(score_level)) + " risk"});
      }
    }
  }
  return errors;
}

Result<assessment::RiskResult> score_case_risk(const RiskAnswers& a,
                                               const assessment::RiskPolicy& policy, Date today) {
  if (auto errors = check_risk_answers(a, policy, today); !errors.empty()) {
    return validation_failed(std::move(errors));
  }
  // The referral's own rule scores it, so a case and a referral can never be scored two ways.
  intake::Referral r;
  if (a.dash) {
    r.dash.emplace();
    r.dash->answers = *a.dash;
  }
  if (a.sdash) {
    r.sdash.emplace();
    r.sdash->answers = *a.sdash;
  }
  r.risk_history.police_callouts_last_12_months = a.police_callouts_last_12_months;
  r.risk_history.last_marac_referral = a.last_marac_referral;
  r.risk_history.professional_judgement = a.judgement;
  r.risk_history.judgement_reason = a.judgement_reason;
  return assessment::assess_risk(r, policy, today);
}

int risk_rank(intake::RiskLevel level) {
  switch (level) {
    case intake::RiskLevel::kStandard:
      return 0;
    case intake::RiskLevel::kMedium:
      return 1;
    case intake::RiskLevel::kHigh:
      return 2;
  }
  return 0;
}

std::string_view to_code(intake::RiskLevel level) {
  switch (level) {
    case intake::RiskLevel::kStandard:
      return "standard";
    case intake::RiskLevel::kMedium:
      return "medium";
    case intake::RiskLevel::kHigh:
      return "high";
  }
  return "standard";
}

std::optional<intake::RiskLevel> risk_level_from_code(std::string_view code) {
  for (auto l :
       {intake::RiskLevel::kStandard, intake::RiskLevel::kMedium, intake::RiskLevel::kHigh}) {
    if (to_code(l) == code) return l;
  }
  return std::nullopt;
}

std::string_view to_code(intake::Answer answer) {
  switch (answer) {
    case intake::Answer::kYes:
      return "yes";
    case intake::Answer::kNo:
      return "no";
    case intake::Answer::kNotKnown:
      return "not_known";
  }
  return "not_known";
}

std::optional<intake::Answer> answer_from_code(std::string_view code) {
  for (auto a : {intake::Answer::kYes, intake::Answer::kNo, intake::Answer::kNotKnown}) {
    if (to_code(a) == code) return a;
  }
  return std::nullopt;
}

template <std::size_t N>
Result<std::optional<std::array<intake::Answer, N>>> checklist_from_codes(
    const std::array<std::string, N>& codes, std::string_view prefix) {
  bool any = false;
  for (const auto& c : codes) any = any || !c.empty();
  if (!any) return std::optional<std::array<intake::Answer, N>>{};
  std::array<intake::Answer, N> out{};
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < N; ++i) {
    auto answer = answer_from_code(codes[i]);
    if (!answer) {
      errors.push_back({std::string(prefix) + "_" + std::to_string(i + 1), "required",
                        "Select yes, no or not known for question " + std::to_string(i + 1)});
      continue;
    }
    out[i] = *answer;
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  return std::optional<std::array<intake::Answer, N>>{out};
}

template Result<std::optional<DashChecklist>> checklist_from_codes(
    const std::array<std::string, assessment::kDashQuestionCount>&, std::string_view);
template Result<std::optional<SdashChecklist>> checklist_from_codes(
    const std::array<std::string, assessment::kSdashQuestionCount>&, std::string_view);

}  // namespace vg::casework
