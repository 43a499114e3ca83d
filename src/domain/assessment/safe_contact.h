// Checks on a victim's safe-contact profile: every channel marked safe names the detail it needs,
// and those details have a plausible shape. Pure checks; they never contact anyone.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "domain/intake/referral.h"
#include "domain/result.h"

namespace vg::assessment {

inline constexpr std::size_t kMaxCodeWordCharacters = 50;

// A UK number (0 then 9 or 10 digits; +44 or 0044 then 9 or 10 digits, "(0)" allowed) or an
// international one (+ or 00, then 7 to 15 digits not starting with 0, as E.164 allows). Spaces,
// hyphens, dots and brackets between digits are forgiven.
bool looks_like_phone_number(std::string_view text);

// Something@something.tld with no spaces: enough to catch a phone number or name typed into the
// email box, without rejecting real but unusual addresses.
bool looks_like_email_address(std::string_view text);

// Fields are "safe_contact.safe_phone", "safe_contact.safe_email", "safe_contact.safe_address",
// "safe_contact.code_word". A detail given for a channel not marked safe is still checked: a bad
// safe number is dangerous wherever it is stored.
std::vector<FieldError> validate_safe_contact(const intake::SafeContactProfile& profile);

}  // namespace vg::assessment
