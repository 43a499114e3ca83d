#include "domain/casework/deadline_breach.h"

#include <chrono>

namespace vg::casework {

bool deadline_breached(Date due, Date today) {
  return std::chrono::sys_days(today) > std::chrono::sys_days(due);
}

std::string deadline_breach_title(std::string_view code) {
  const std::string what = code == "first_contact"      ? "first contact attempt"
                           : code == "needs_assessment" ? "needs assessment"
                                                        : std::string(code);
  return "Victims' Code deadline missed: " + what + ". Do it now and record why it was late";
}

std::string deadline_breach_reason(std::string_view code) { return "deadline_breach:" + std::string(code); }

}  // namespace vg::casework
