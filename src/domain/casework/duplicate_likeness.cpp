#include "domain/casework/duplicate_likeness.h"

#include "domain/casework/person_keys.h"
#include "domain/text/folded_text.h"

namespace vg::casework {
namespace {

bool same_text(std::string_view a, std::string_view b) {
  const auto fa = text::folded(a);
  return !fa.empty() && fa == text::folded(b);
}

bool same_phone(std::string_view a, std::string_view b) {
  const auto da = dialled_number(a);
  return da.size() >= 6 && da == dialled_number(b);
}

}  // namespace

std::vector<MatchKey> likeness(const intake::Referral& a, const intake::Referral& b) {
  std::vector<MatchKey> keys;
  const bool business = a.victim_type == intake::VictimType::kBusiness;
  if (business != (b.victim_type == intake::VictimType::kBusiness)) {
    // A person and a business are never the same victim, whatever else agrees.
  } else if (business) {
    if (same_text(a.business.name, b.business.name)) keys.push_back(MatchKey::kName);
    if (same_phone(a.business.contact_phone, b.business.contact_phone)) keys.push_back(MatchKey::kPhone);
  } else {
    if (same_text(a.person.name, b.person.name)) keys.push_back(MatchKey::kName);
    if (a.person.date_of_birth && a.person.date_of_birth == b.person.date_of_birth) {
      keys.push_back(MatchKey::kDateOfBirth);
    }
    if (same_phone(a.person.phone, b.person.phone)) keys.push_back(MatchKey::kPhone);
  }
  if (!a.police_force_code.empty() && a.police_force_code == b.police_force_code &&
      same_text(a.crime_reference, b.crime_reference)) {
    keys.push_back(MatchKey::kCrimeReference);
  }
  return keys;
}

std::string_view to_code(MatchKey key) {
  switch (key) {
    case MatchKey::kName: return "name";
    case MatchKey::kDateOfBirth: return "date_of_birth";
    case MatchKey::kPhone: return "phone";
    case MatchKey::kCrimeReference: return "crime_reference";
  }
  return "name";
}

std::string_view to_label(MatchKey key) {
  switch (key) {
    case MatchKey::kName: return "name";
    case MatchKey::kDateOfBirth: return "date of birth";
    case MatchKey::kPhone: return "phone number";
    case MatchKey::kCrimeReference: return "crime reference";
  }
  return "name";
}

std::string likeness_text(const std::vector<MatchKey>& keys) {
  if (keys.empty()) return "No details match";
  std::string text = "Same ";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) text += i + 1 == keys.size() ? " and " : ", ";
    text += to_label(keys[i]);
  }
  return text;
}

}  // namespace vg::casework
