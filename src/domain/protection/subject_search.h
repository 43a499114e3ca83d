// How a subject access request finds a person, read from what the member of staff typed: a case
// or referral reference ("MY-2026-000123"), or a full name with a date of birth, which match the
// way the intake links one person's referrals (domain/casework/person_keys.h). Pure; never logs.
#pragma once

#include <string>
#include <string_view>

#include "domain/protection/retention.h"
#include "domain/result.h"

namespace vg::protection {

struct SubjectSearch {
  std::string reference;         // upper-cased; empty when searching by name
  std::string person_match_key;  // "person:<folded name>|<YYYY-MM-DD>"; empty with a reference
};

// A reference alone, or a name with a date of birth (YYYY-MM-DD, not after `today`).
// `validation_failed` with every field's error: "reference" (not a reference), "name" (missing
// beside a date, or over 200 characters), "date_of_birth" (missing, not a date, in the future);
// nothing given at all is an error of "reference".
Result<SubjectSearch> read_subject_search(std::string_view reference, std::string_view name,
                                          std::string_view date_of_birth, Date today);

}  // namespace vg::protection
