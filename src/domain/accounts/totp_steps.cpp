#include "domain/accounts/totp_steps.h"

namespace vg::accounts {

std::int64_t totp_step_at(Instant at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(at.time_since_epoch()).count();
  const auto length = kTotpStepLength.count();
  // Floor division, so an instant before 1970 still falls in the step that holds it.
  return seconds >= 0 ? seconds / length : -((-seconds + length - 1) / length);
}

std::vector<std::int64_t> acceptable_totp_steps(std::int64_t current,
                                                std::optional<std::int64_t> last_used) {
  std::vector<std::int64_t> steps;
  for (std::int64_t step = current - 1; step <= current + 1; ++step) {
    if (!last_used || step > *last_used) steps.push_back(step);
  }
  return steps;
}

}  // namespace vg::accounts
