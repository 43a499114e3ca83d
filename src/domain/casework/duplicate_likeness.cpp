#include "domain/casework/duplicate_likeness.h"

#include <cctype>

namespace vg::casework {
namespace {

// Lower case, runs of spaces as one, no spaces at either end.
std::string folded(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// The digits of a UK number as dialled at home: "+44 151 496 0000" and "0151 4960000" agree.
std::string dialled(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  if (!digits.starts_with("44") || phone.find('+') == std::string_view::npos) return digits;
  std::string home(1, '0');  // not "0" + ...: g++ 12 misreads that as an overlapping copy
  home.append(digits, 2);
  return home;
}

bool same_text(std::string_view a, std::string_view b) {
  const auto fa = folded(a);
  return !fa.empty() && fa == folded(b);
}

bool same_phone(std::string_view a, std::string_view b) {
  const auto da = dialled(a);
  return da.size() >= 6 && da == dialled(b);
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
