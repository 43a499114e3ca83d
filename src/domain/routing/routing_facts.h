// The assessed facts routing rules match on, taken from a referral and its assessment and
// interned against a rule set's codes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/intake/referral.h"
#include "domain/routing/rule_set.h"

namespace vg::routing {

enum Flag : std::uint32_t {
  kDomesticAbuse = 1u << 0,
  kHateCrime = 1u << 1,
  kSexualOffence = 1u << 2,
  kChildSexualExploitation = 1u << 3,
  kModernSlavery = 1u << 4,
  kStalkingOrHarassment = 1u << 5,
  kBusinessCrime = 1u << 6,
  kNonCrimeAsb = 1u << 7,
};

// "domestic_abuse" → kDomesticAbuse; 0 for an unknown name.
std::uint32_t flag_from_code(std::string_view code);
std::string_view flag_code(Flag flag);
std::string_view hate_strand_code(intake::HateStrand strand);
std::string_view risk_level_code(intake::RiskLevel level);

struct RoutingFacts {
  std::uint32_t flags = 0;
  int offence_category = -1;
  int age_band = -1;
  int victim_type = -1;
  int risk_level = -1;
  CodeSet enhanced_reasons;  // each reason and its family ("vulnerable:under_18", "vulnerable:*")
  int local_authority = -1;
  CodeSet needs;
  CodeSet hate_strands;
  bool marac_required = false;
  bool eligible = true;
};

RoutingFacts routing_facts(const intake::Referral& referral,
                           const assessment::Assessment& assessment, const RuleSet& rules);

// The same facts as stable codes, tied to no rule set: what insight keeps for each referral so the
// routing what-if can replay it against any rule set after retention has erased the referral.
struct RoutingInputs {
  std::uint32_t flags = 0;  // bits of Flag
  std::string offence_category;
  std::string age_band;      // "unknown" when not known
  std::string victim_type;   // person | business
  std::string risk_level;    // standard | medium | high
  std::vector<std::string> enhanced_reasons;  // as assessed ("vulnerable:under_18"), no families
  std::string local_authority;
  std::vector<std::string> needs;
  std::vector<std::string> hate_strands;
  bool marac_required = false;
  bool eligible = true;
  bool operator==(const RoutingInputs&) const = default;
};

RoutingInputs routing_inputs(const intake::Referral& referral, const assessment::Assessment& assessment);

// Interned against `rules`: equal to routing_facts(referral, assessment, rules) for the inputs
// routing_inputs(referral, assessment) gives.
RoutingFacts routing_facts(const RoutingInputs& inputs, const RuleSet& rules);

// The family an enhanced-rights reason also counts under, which rules may name instead:
// "vulnerable:under_18" → "vulnerable:*"; empty for a reason with no family.
std::string reason_family(std::string_view reason);

// Every offence flag's code, in bit order.
std::vector<std::string> flag_codes(std::uint32_t flags);

}  // namespace vg::routing
