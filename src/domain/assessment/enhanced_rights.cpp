#include "domain/assessment/enhanced_rights.h"

#include <algorithm>
#include <array>

#include "domain/assessment/offence_categories.h"

namespace vg::assessment {
namespace {

constexpr std::array<std::string_view, 7> kMostSerious = {
    "terrorism",           "attempted_murder",       "kidnap",
    "false_imprisonment",  "arson_endangering_life", "wounding_with_intent",
    kHumanTraffickingCode,
};

bool has_disability(const intake::PersonVictim& person, std::string_view code) {
  return std::find(person.disabilities.begin(), person.disabilities.end(), code) !=
         person.disabilities.end();
}

}  // namespace

std::span<const std::string_view> most_serious_crime_codes() { return kMostSerious; }

bool is_most_serious_crime_code(std::string_view code) {
  return std::find(kMostSerious.begin(), kMostSerious.end(), code) != kMostSerious.end();
}

EnhancedRights enhanced_rights(const Referral& referral, const OffenceCategory* category,
                               std::optional<int> age) {
  EnhancedRights out;
  auto add = [&](std::string reason) {
    if (std::find(out.reasons.begin(), out.reasons.end(), reason) == out.reasons.end()) {
      out.reasons.push_back(std::move(reason));
    }
  };
  const auto& flags = referral.flags;
  const bool sexual = is_sexual_offence(flags, category);
  const bool trafficking = is_human_trafficking(flags, category);

  if (flags.domestic_abuse) add("most_serious_crime:domestic_abuse");
  if (flags.hate_crime) add("most_serious_crime:hate_crime");
  if (sexual) add("most_serious_crime:sexual_offence");
  if (trafficking) add("most_serious_crime:human_trafficking");
  // A category code the rule does not know is ignored rather than passed on: the parser rejects
  // such tables, and downstream routing only understands the Code's list.
  if (category != nullptr && is_most_serious_crime_code(category->most_serious)) {
    add("most_serious_crime:" + category->most_serious);
  }

  if (referral.victim_type != intake::VictimType::kPerson) return out;
  const auto& person = referral.person;
  if (person.bereaved_relative) add("bereaved");
  if (person.persistently_targeted) add("persistently_targeted");
  if (age.has_value() && *age < 18) add("vulnerable:under_18");
  if (has_disability(person, "mental_disorder")) add("vulnerable:mental_disorder");
  if (has_disability(person, "learning_disability")) add("vulnerable:learning_disability");
  if (has_disability(person, "physical_disability")) add("vulnerable:physical_disability");
  // The Code treats sexual-offence and trafficking victims as intimidated without asking them to
  // show fear or distress about giving evidence.
  out.intimidated = person.intimidated || sexual || trafficking;
  if (out.intimidated) add("intimidated");
  return out;
}

}  // namespace vg::assessment
