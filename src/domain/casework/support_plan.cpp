#include "domain/casework/support_plan.h"

#include <algorithm>

#include "domain/text/iso_date.h"

namespace vg::casework {

Result<PlanAction> check_plan_action(const PlanActionAnswers& a,
                                     const std::vector<std::string>& team, Date today) {
  std::vector<FieldError> errors;
  PlanAction action;
  if (a.text.empty()) {
    errors.push_back({"text", "required", "Enter what will be done"});
  } else if (a.text.size() > kMaxPlanActionBytes) {
    errors.push_back({"text", "too_long", "Enter what will be done in 500 characters or fewer"});
  }
  if (a.owner.empty()) {
    errors.push_back({"owner", "required", "Select who will do it"});
  } else if (std::find(team.begin(), team.end(), a.owner) == team.end()) {
    errors.push_back({"owner", "not_in_team", "Select someone in the case's team"});
  }
  auto due = text::parse_iso_date(a.due);
  if (a.due.empty()) {
    errors.push_back({"due", "required", "Enter the date it is due by"});
  } else if (!due) {
    errors.push_back({"due", "not_a_date", "Enter a real date it is due by"});
  } else if (std::chrono::sys_days(*due) < std::chrono::sys_days(today)) {
    errors.push_back({"due", "in_past", "The date it is due by must be today or in the future"});
  }
  if (!errors.empty()) return validation_failed(std::move(errors));
  action.text = a.text;
  action.owner = a.owner;
  action.due = *due;
  return action;
}

}  // namespace vg::casework
