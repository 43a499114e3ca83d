#include "domain/routing/routing_facts.h"

#include <algorithm>

namespace vg::routing {
namespace {

constexpr std::pair<std::string_view, Flag> kFlags[] = {
    {"domestic_abuse", kDomesticAbuse},
    {"hate_crime", kHateCrime},
    {"sexual_offence", kSexualOffence},
    {"child_sexual_exploitation", kChildSexualExploitation},
    {"modern_slavery", kModernSlavery},
    {"stalking_or_harassment", kStalkingOrHarassment},
    {"business_crime", kBusinessCrime},
    {"non_crime_asb", kNonCrimeAsb},
};

void add(CodeSet& set, int id) {
  if (id >= 0 && std::find(set.begin(), set.end(), id) == set.end()) set.push_back(id);
}

}  // namespace

std::uint32_t flag_from_code(std::string_view code) {
  for (const auto& [name, flag] : kFlags) {
    if (name == code) return flag;
  }
  return 0;
}

std::string_view flag_code(Flag flag) {
  for (const auto& [name, f] : kFlags) {
    if (f == flag) return name;
  }
  return "";
}

std::string_view hate_strand_code(intake::HateStrand strand) {
  switch (strand) {
    case intake::HateStrand::kRace: return "race";
    case intake::HateStrand::kReligion: return "religion";
    case intake::HateStrand::kSexualOrientation: return "sexual_orientation";
    case intake::HateStrand::kDisability: return "disability";
    case intake::HateStrand::kTransgender: return "transgender";
  }
  return "";
}

std::string_view risk_level_code(intake::RiskLevel level) {
  switch (level) {
    case intake::RiskLevel::kStandard: return "standard";
    case intake::RiskLevel::kMedium: return "medium";
    case intake::RiskLevel::kHigh: return "high";
  }
  return "";
}

RoutingFacts routing_facts(const intake::Referral& referral, const assessment::Assessment& assessment,
                           const RuleSet& rules) {
  const auto& codes = rules.codes;
  RoutingFacts f;
  const auto& fl = referral.flags;
  f.flags = (fl.domestic_abuse ? kDomesticAbuse : 0u) | (fl.hate_crime ? kHateCrime : 0u) |
            (fl.sexual_offence ? kSexualOffence : 0u) |
            (fl.child_sexual_exploitation ? kChildSexualExploitation : 0u) |
            (fl.modern_slavery ? kModernSlavery : 0u) |
            (fl.stalking_or_harassment ? kStalkingOrHarassment : 0u) |
            (fl.business_crime ? kBusinessCrime : 0u) | (fl.non_crime_asb ? kNonCrimeAsb : 0u);
  if (!referral.offence_category.empty()) f.offence_category = codes.find(referral.offence_category);
  f.age_band = codes.find(assessment.age_band.empty() ? "unknown" : assessment.age_band);
  f.victim_type = codes.find(referral.victim_type == intake::VictimType::kBusiness ? "business" : "person");
  f.risk_level = codes.find(risk_level_code(assessment.risk.level));
  for (const auto& reason : assessment.enhanced_reasons) {
    add(f.enhanced_reasons, codes.find(reason));
    if (auto colon = reason.find(':'); colon != std::string::npos) {
      add(f.enhanced_reasons, codes.find(reason.substr(0, colon + 1) + "*"));
    }
  }
  std::sort(f.enhanced_reasons.begin(), f.enhanced_reasons.end());
  if (!referral.local_authority.empty()) f.local_authority = codes.find(referral.local_authority);
  for (const auto& need : referral.needs) add(f.needs, codes.find(need));
  std::sort(f.needs.begin(), f.needs.end());
  for (auto strand : fl.hate_strands) add(f.hate_strands, codes.find(hate_strand_code(strand)));
  std::sort(f.hate_strands.begin(), f.hate_strands.end());
  f.marac_required = assessment.risk.marac_required;
  f.eligible = assessment.eligibility == assessment::Eligibility::kEligible;
  return f;
}

}  // namespace vg::routing
