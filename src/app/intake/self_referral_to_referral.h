// The referral a self-referral's answers make: which answer fills which field of the referral
// JSON (docs/formats/referral.md). This mapping is C++, keyed by the answers' fields; what it
// needs of a questions file is checked when the file is read, so a file it cannot map is refused.
#pragma once

#include <string_view>
#include <vector>

#include "app/intake/self_referral_journey.h"
#include "domain/result.h"

namespace vg::app::self_referral {

// What the mapping needs that `journey` lacks (a question it reads missing, of another kind, or
// without a choice it reads; a `to_referral` it cannot fill), each at the questions file's JSON
// path. Empty when the journey's answers always make a referral.
std::vector<FieldError> referral_mapping_problems(const Journey& journey);

// The referral flags a crime kind may set (docs/formats/referral.md, `flags`).
bool is_referral_flag(std::string_view flag);

}  // namespace vg::app::self_referral
