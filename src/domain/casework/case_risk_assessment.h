// A DASH and/or S-DASH completed on a case by a risk assessor: every answer, who and when, the
// score and level (scored by domain/assessment, never here), any professional judgement with its
// reason, and why the MARAC must hear the case. Pure; the answers are special-category data and
// never go to the audit log, the timeline or the logs (only counts, levels and codes do).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/assessment/dash_questions.h"
#include "domain/casework/case_records.h"
#include "domain/result.h"

namespace vg::casework {

using DashChecklist = std::array<intake::Answer, assessment::kDashQuestionCount>;
using SdashChecklist = std::array<intake::Answer, assessment::kSdashQuestionCount>;

// What the assessor brings: the checklists answered (either or both), the facts MARAC's other
// triggers need, and their judgement.
struct RiskAnswers {
  std::optional<DashChecklist> dash;
  std::optional<SdashChecklist> sdash;
  int police_callouts_last_12_months = 0;
  std::optional<Date> last_marac_referral;
  std::optional<intake::RiskLevel> judgement;  // may raise the level, never lower it
  std::string judgement_reason;                // required with a judgement
  bool child_at_risk = false;                  // a child in the household is at risk
};

struct CaseRiskAssessment {
  std::string id;  // UUID
  std::string case_id;
  std::string assessed_by;  // user id
  Instant assessed_at{};
  RiskAnswers answers;
  assessment::RiskResult result;
};

// The longest judgement reason kept, and the most police call-outs a form may claim.
inline constexpr std::size_t kMaxJudgementReason = 2000;
inline constexpr int kMaxCallouts = 365;

// Every field error at once: neither checklist answered ("dash"), a judgement without a reason
// ("judgement_reason"), a judgement below the score's level ("judgement": judgement only
// raises), call-outs out of range ("police_callouts"), a last MARAC referral after today.
std::vector<FieldError> check_risk_answers(const RiskAnswers& answers,
                                           const assessment::RiskPolicy& policy, Date today);

// Scores the answers with domain/assessment's rules (the one DASH scorer) under the area's
// policy: `validation_failed` with check_risk_answers' errors, otherwise the result.
Result<assessment::RiskResult> score_case_risk(const RiskAnswers& answers,
                                               const assessment::RiskPolicy& policy, Date today);

// The case's risk_rank for a level: 0 standard, 1 medium, 2 high (the queue's order).
int risk_rank(intake::RiskLevel level);

std::string_view to_code(intake::RiskLevel level);  // "high"
std::optional<intake::RiskLevel> risk_level_from_code(std::string_view code);
std::string_view to_code(intake::Answer answer);  // "yes" | "no" | "not_known"
std::optional<intake::Answer> answer_from_code(std::string_view code);

// A checklist read from form codes ("yes", "no", "not_known"; "" unanswered), fields named
// `prefix` + "_" + its number from 1. Nothing (and no errors) when every one is unanswered;
// the checklist when every one is answered; errors naming each unanswered or unknown one
// otherwise, because a half-answered checklist scores low for the wrong reason.
template <std::size_t N>
Result<std::optional<std::array<intake::Answer, N>>> checklist_from_codes(
    const std::array<std::string, N>& codes, std::string_view prefix);

}  // namespace vg::casework
