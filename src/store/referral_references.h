// Human referral references ("MY-2026-000123") and the rules both stores apply when creating a
// referral: one definition, so SQLite and PostgreSQL can never disagree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/intake/referral_records.h"
#include "domain/result.h"

namespace vg::store {

// A stored answer may say "{{reference}}" before the reference exists; the store fills it in.
inline constexpr std::string_view kReferencePlaceholder = "{{reference}}";

Result<void> check_reference_prefix(const std::string& prefix);
// "MY-2026-" and 123 -> "MY-2026-000123"; numbers past 999999 simply grow a digit.
std::string reference_for(const std::string& prefix, std::int64_t number);
std::string with_reference(std::string body, std::string_view reference);
// Whether force, crime reference and victim are all known, so duplicates can be recognised.
bool has_crime_reference(const intake::StoredReferral& referral);

}  // namespace vg::store
