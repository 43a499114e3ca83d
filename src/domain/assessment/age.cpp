#include "domain/assessment/age.h"

namespace vg::assessment {

int age_on(Date birth, Date on) {
  using std::chrono::month_day;
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  // Comparing month and day (not adding years to the birth date) keeps 29 February simple:
  // 28 February comes before it, 1 March after it.
  if (month_day{on.month(), on.day()} < month_day{birth.month(), birth.day()}) --years;
  return years;
}

std::optional<int> victim_age(const Referral& referral, Date today) {
  if (referral.victim_type != intake::VictimType::kPerson) return std::nullopt;
  const auto& person = referral.person;
  if (person.date_of_birth.has_value() && person.date_of_birth->ok() &&
      *person.date_of_birth <= today) {
    return age_on(*person.date_of_birth, today);
  }
  if (person.age.has_value() && *person.age >= 0) return person.age;
  return std::nullopt;
}

std::string age_band(std::optional<int> age) {
  if (!age.has_value()) return "unknown";
  if (*age < 18) return "under_18";
  if (*age < 65) return "18_to_64";
  return "65_and_over";
}

}  // namespace vg::assessment
