#include "domain/intake/referral_reference.h"

#include <cstdio>

namespace vg::intake {

Result<void> check_reference_prefix(const std::string& prefix) {
  if (prefix.empty()) {
    return validation_failed(
        {{"reference_prefix", "required", "A reference prefix is needed, like MY-2026-"}});
  }
  return {};
}

std::string reference_for(const std::string& prefix, std::int64_t number) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(number));
  return prefix + digits;
}

bool has_crime_reference(const StoredReferral& r) {
  return !r.police_force_code.empty() && !r.crime_reference.empty() && !r.victim_key.empty();
}

}  // namespace vg::intake
