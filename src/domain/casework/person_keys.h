// The keys a person is recognised by across channels and organisations (name with date of birth,
// phone number; a business's name, its contact's phone), normalised so that two spellings of one
// key agree (names by text::folded). Pure: the intake indexes them (as digests) to flag possible
// duplicates; a caseworker, never this, decides that two referrals are one person.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/intake/referral.h"

namespace vg::casework {

// The digits of a UK number as dialled at home: "+44 151 496 0000" and "0151 4960000" agree.
std::string dialled_number(std::string_view phone);

// The referral's match keys, each naming its kind so keys of two kinds never agree:
// "person:<name>|<YYYY-MM-DD>" when a person gives both name and date of birth (a name alone is
// too common to go on), "phone:<digits>" for a number of at least ten digits (a person's, or a
// business contact's), "business:<name>". Empty when the referral gives none of them.
std::vector<std::string> person_match_keys(const intake::Referral& referral);

}  // namespace vg::casework
