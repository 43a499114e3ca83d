// RFC 6238 time steps, and which of them a code typed now may be for: the current step and one
// either side (clock drift), never one at or before the last step the user spent (no replay).
// Pure rules: the instant comes from the caller's Clock; no clock reads, no cryptography here.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/accounts/account_records.h"

namespace vg::accounts {

inline constexpr std::chrono::seconds kTotpStepLength{30};
inline constexpr int kTotpDigits = 6;

// floor(seconds since the Unix epoch / 30), as RFC 6238 counts (T0 = 0).
std::int64_t totp_step_at(Instant at);

// The steps a code typed at `current` may be for, oldest first: current - 1, current, current + 1,
// leaving out every step at or before `last_used` (a code already spent by this user).
std::vector<std::int64_t> acceptable_totp_steps(std::int64_t current,
                                                std::optional<std::int64_t> last_used);

}  // namespace vg::accounts
