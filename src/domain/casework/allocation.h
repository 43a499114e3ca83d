// Who should hold a case: the skills it calls for (an ISVA for a sexual offence, an IDVA for
// high-risk domestic abuse, someone who works with children, with businesses, or speaks the
// victim's language), and the caseworker to offer it to. Pure rules; the caller brings caseloads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/intake/referral.h"

namespace vg::casework {

// Codes as TeamMember::skills holds them, sorted.
std::vector<std::string> skills_needed(const intake::Referral& referral,
                                       const assessment::Assessment& assessment);

struct Candidate {
  std::string user_id;
  std::vector<std::string> skills;
  int capacity = 0;
  int open_cases = 0;
};

// The caseworker to offer a case needing `skills` to: among those with room (open_cases <
// capacity) and every skill, the one with the most room for their size (lowest open/capacity),
// then the fewest cases, then the lowest id, so the offer is the same however the list is
// ordered. None when no one fits: a team leader decides, rather than the case quietly going to
// someone without the skills.
std::optional<std::string> offer_to(const std::vector<Candidate>& team,
                                    const std::vector<std::string>& skills);

std::string_view skill_label(std::string_view code);  // "ISVA", "Speaks pl"

}  // namespace vg::casework
