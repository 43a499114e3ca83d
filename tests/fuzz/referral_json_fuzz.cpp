// Fuzz target for the referral JSON reader and the intake checks behind it: any bytes in, no
// crash; a refusal always names at least one field; an accepted referral can be validated and
// assessed without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/intake/area_pack.h"
#include "app/intake/referral_json.h"
#include "domain/assessment/assessment.h"
#include "domain/deadlines/working_days.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto referral =
      vg::app::parse_referral_json(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!referral) {
    if (referral.error().fields.empty()) std::abort();
    return 0;
  }
  // With the districts every pack's policy holds, so the place checks run too.
  static const vg::assessment::AssessmentPolicy policy = [] {
    vg::assessment::AssessmentPolicy p;
    p.local_authorities = vg::app::local_authority_areas();
    return p;
  }();
  const auto errors = vg::assessment::validate_referral(*referral, policy);
  if (errors.empty()) {
    auto assessed = vg::assessment::assess(*referral, policy,
                                           vg::deadlines::london_date(referral->received_at));
    if (assessed.risk.dash_score && (*assessed.risk.dash_score < 0 || *assessed.risk.dash_score > 24)) {
      std::abort();
    }
  }
  return 0;
}
