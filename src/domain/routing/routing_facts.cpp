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

namespace {

std::uint32_t flag_bits(const intake::OffenceFlags& fl) {
  return (fl.domestic_abuse ? kDomesticAbuse : 0u) | (fl.hate_crime ? kHateCrime : 0u) |
         (fl.sexual_offence ? kSexualOffence : 0u) |
         (fl.child_sexual_exploitation ? kChildSexualExploitation : 0u) |
         (fl.modern_slavery ? kModernSlavery : 0u) |
         (fl.stalking_or_harassment ? kStalkingOrHarassment : 0u) |
         (fl.business_crime ? kBusinessCrime : 0u) | (fl.non_crime_asb ? kNonCrimeAsb : 0u);
}

std::string_view age_band_of(const assessment::Assessment& a) {
  return a.age_band.empty() ? std::string_view("unknown") : std::string_view(a.age_band);
}

std::string_view victim_type_of(const intake::Referral& r) {
  return r.victim_type == intake::VictimType::kBusiness ? "business" : "person";
}

// Each reason and its family (reason_family).
template <typename Reasons>
void add_reasons(CodeSet& set, const Reasons& reasons, const Codes& codes) {
  for (const auto& reason : reasons) {
    add(set, codes.find(reason));
    if (const auto family = reason_family(reason); !family.empty()) add(set, codes.find(family));
  }
  std::sort(set.begin(), set.end());
}

template <typename Values>
void add_all(CodeSet& set, const Values& values, const Codes& codes) {
  for (const auto& v : values) add(set, codes.find(v));
  std::sort(set.begin(), set.end());
}

}  // namespace

RoutingFacts routing_facts(const intake::Referral& referral, const assessment::Assessment& assessment,
                           const RuleSet& rules) {
  const auto& codes = rules.codes;
  RoutingFacts f;
  f.flags = flag_bits(referral.flags);
  if (!referral.offence_category.empty()) f.offence_category = codes.find(referral.offence_category);
  f.age_band = codes.find(age_band_of(assessment));
  f.victim_type = codes.find(victim_type_of(referral));
  f.risk_level = codes.find(risk_level_code(assessment.risk.level));
  add_reasons(f.enhanced_reasons, assessment.enhanced_reasons, codes);
  if (!referral.local_authority.empty()) f.local_authority = codes.find(referral.local_authority);
  add_all(f.needs, referral.needs, codes);
  for (auto strand : referral.flags.hate_strands) add(f.hate_strands, codes.find(hate_strand_code(strand)));
  std::sort(f.hate_strands.begin(), f.hate_strands.end());
  f.marac_required = assessment.risk.marac_required;
  f.eligible = assessment.eligibility == assessment::Eligibility::kEligible;
  return f;
}

RoutingInputs routing_inputs(const intake::Referral& referral, const assessment::Assessment& assessment) {
  RoutingInputs in;
  in.flags = flag_bits(referral.flags);
  in.offence_category = referral.offence_category;
  in.age_band = age_band_of(assessment);
  in.victim_type = victim_type_of(referral);
  in.risk_level = risk_level_code(assessment.risk.level);
  in.enhanced_reasons = assessment.enhanced_reasons;
  in.local_authority = referral.local_authority;
  in.needs = referral.needs;
  for (auto strand : referral.flags.hate_strands) in.hate_strands.emplace_back(hate_strand_code(strand));
  in.marac_required = assessment.risk.marac_required;
  in.eligible = assessment.eligibility == assessment::Eligibility::kEligible;
  return in;
}

RoutingFacts routing_facts(const RoutingInputs& in, const RuleSet& rules) {
  const auto& codes = rules.codes;
  RoutingFacts f;
  f.flags = in.flags;
  f.offence_category = in.offence_category.empty() ? -1 : codes.find(in.offence_category);
  f.age_band = codes.find(in.age_band.empty() ? std::string_view("unknown") : std::string_view(in.age_band));
  f.victim_type = codes.find(in.victim_type);
  f.risk_level = codes.find(in.risk_level);
  add_reasons(f.enhanced_reasons, in.enhanced_reasons, codes);
  f.local_authority = in.local_authority.empty() ? -1 : codes.find(in.local_authority);
  add_all(f.needs, in.needs, codes);
  add_all(f.hate_strands, in.hate_strands, codes);
  f.marac_required = in.marac_required;
  f.eligible = in.eligible;
  return f;
}

std::string reason_family(std::string_view reason) {
  const auto colon = reason.find(':');
  if (colon == std::string_view::npos) return {};
  std::string family(reason.substr(0, colon + 1));
  family += '*';
  return family;
}

std::vector<std::string> flag_codes(std::uint32_t flags) {
  std::vector<std::string> out;
  for (const auto& [name, flag] : kFlags) {
    if (flags & flag) out.emplace_back(name);
  }
  return out;
}

}  // namespace vg::routing
