// How alike two referrals are: which of the keys people recognise a person by (name, date of
// birth, phone, crime reference) are the same in both, as data a page or a test words its own way.
// Pure: compares values only; never decides that two referrals are one person (a caseworker does).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/intake/referral.h"

namespace vg::casework {

// Keys in the order they are worded ("Same name, date of birth and phone number").
enum class MatchKey { kName, kDateOfBirth, kPhone, kCrimeReference };

// The keys both referrals give and that are the same once normalised (case and spacing of names
// and crime references; the digits of a phone number, +44 read as 0; a crime reference counts
// only with the same force). A key either leaves out is never a match. A business is matched by
// its name and its contact's phone.
std::vector<MatchKey> likeness(const intake::Referral& a, const intake::Referral& b);

std::string_view to_code(MatchKey key);   // "date_of_birth"
std::string_view to_label(MatchKey key);  // "date of birth"
// "Same phone number and date of birth"; "No details match" when `keys` is empty.
std::string likeness_text(const std::vector<MatchKey>& keys);

}  // namespace vg::casework
