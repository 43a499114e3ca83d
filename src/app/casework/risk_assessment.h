// A DASH / S-DASH completed on a case by a risk assessor: scored by domain/assessment under the
// area's policy, kept with every answer, the case's risk rank moved to the new level, and in the
// same unit of work the MARAC referral task (for the area's next MARAC) and any safeguarding
// referral task. Never logs or audits an answer or a reason: counts, levels and codes only.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "domain/assessment/assessment.h"
#include "domain/casework/case_risk_assessment.h"
#include "domain/casework/case_task.h"
#include "domain/casework/marac_schedule.h"

namespace vg::app {

// What an area decides about risk: its DASH bands and MARAC triggers, and when its MARAC meets.
struct AreaRiskSettings {
  assessment::RiskPolicy policy;
  casework::MaracSchedule marac;
};
// The settings of an area (serve reads them from the area packs).
using AreaRiskSettingsOf = std::function<Result<AreaRiskSettings>(const std::string& area)>;

// The case's risk as its risk page shows it.
struct RiskView {
  casework::CaseRecord record;
  std::vector<casework::CaseRiskAssessment> assessments;  // newest first
  // What the referral already said, to start a first assessment from.
  int police_callouts_last_12_months = 0;
  std::optional<casework::Date> last_marac_referral;
  bool child_in_household_at_risk = false;
  std::optional<casework::MaracMeeting> next_marac;  // the meeting a referral made today is for
  bool may_work = false;
};

class RiskAssessment {
 public:
  RiskAssessment(store::Store& store, const Clock& clock, AreaRiskSettingsOf settings_of)
      : store_(store), clock_(clock), settings_of_(std::move(settings_of)) {}

  // `validation_failed` with every field error (casework::check_risk_answers); `conflict` when
  // the case changed since `expected_version` or is closed; `not_found` when the actor may not
  // work the case. The assessment is the actor's, now.
  Result<casework::CaseRecord> record(const access::Actor& actor, const std::string& case_id,
                                      std::int64_t expected_version,
                                      const casework::RiskAnswers& answers);

  // The case's assessments (the latest `limit`) and what a new one starts from. Audited as a
  // read of the case (the answers are special-category data).
  Result<RiskView> view(const access::Actor& actor, const std::string& case_id, int limit = 10);

 private:
  store::Store& store_;
  const Clock& clock_;
  AreaRiskSettingsOf settings_of_;
};

// The defaults every area starts from (no area pack at hand: tests, tools).
Result<AreaRiskSettings> default_risk_settings(const std::string& area);

}  // namespace vg::app
