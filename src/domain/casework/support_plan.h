// The support plan's actions: what will be done for the victim, by whom, by when. The rule for a
// valid action lives here; the action's words are sealed by app/ before they are stored. Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/casework/case_records.h"
#include "domain/result.h"

namespace vg::casework {

inline constexpr std::size_t kMaxPlanActionBytes = 500;

struct PlanActionAnswers {
  std::string text;   // what will be done
  std::string owner;  // user id, one of `team`
  std::string due;    // YYYY-MM-DD
};

struct PlanAction {
  std::string text;
  std::string owner;
  Date due{};
};

// Refused with every reason (fields "text", "owner", "due"): empty or too long text, an owner
// who is not in the case's team, a missing or impossible date, or a date before `today`.
Result<PlanAction> check_plan_action(const PlanActionAnswers& answers,
                                     const std::vector<std::string>& team, Date today);

}  // namespace vg::casework
