// Victims' Code enhanced rights: which of the Code's reasons apply to a victim, as stable codes in
// a fixed order. Pure rule over the referral; it never decides consent, risk or routing.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assessment/assessment.h"

namespace vg::assessment {

// The most-serious-crime codes an offence category may carry (OffenceCategory::most_serious):
// the Code's list of offences that are "most serious" whatever the circumstances. Domestic abuse,
// hate crime and sexual offences are not here: they come from the referral's flags.
inline constexpr std::string_view kHumanTraffickingCode = "human_trafficking";
std::span<const std::string_view> most_serious_crime_codes();
bool is_most_serious_crime_code(std::string_view code);

struct EnhancedRights {
  // In this order, each at most once:
  //   most_serious_crime:domestic_abuse, most_serious_crime:hate_crime,
  //   most_serious_crime:sexual_offence, most_serious_crime:human_trafficking,
  //   most_serious_crime:<category most_serious>, bereaved, persistently_targeted,
  //   vulnerable:under_18, vulnerable:mental_disorder, vulnerable:learning_disability,
  //   vulnerable:physical_disability, intimidated
  std::vector<std::string> reasons;
  bool intimidated = false;
};

// `category` is the referral's offence category (nullptr when none or unknown); `age` the
// victim's age at receipt (age.h). Business victims get the crime-based reasons only: being
// bereaved, targeted, vulnerable or intimidated are things that happen to people.
EnhancedRights enhanced_rights(const Referral& referral, const OffenceCategory* category,
                               std::optional<int> age);

}  // namespace vg::assessment
