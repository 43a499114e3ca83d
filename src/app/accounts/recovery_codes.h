// Recovery codes: ten single-use codes made at enrolment, shown once, stored only as SHA-256.
// Never logs a code; never keeps one in clear beyond the response that shows it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vg::app {

inline constexpr int kRecoveryCodeCount = 10;

// `count` new codes like "k7rm-2qxp-h4": 10 random characters from an alphabet with nothing
// easily misread (no 0/o, 1/l/i), in groups for reading off paper.
std::vector<std::string> new_recovery_codes(int count = kRecoveryCodeCount);
// What is hashed: lower case, spaces and hyphens left out, so "K7RM 2QXP H4" is the same code.
std::string normalise_recovery_code(std::string_view typed);
// SHA-256 (hex) of the normalised code.
std::string recovery_code_hash(std::string_view typed);

}  // namespace vg::app
