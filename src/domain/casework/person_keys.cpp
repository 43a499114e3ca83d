#include "domain/casework/person_keys.h"

#include <cctype>

#include "domain/text/folded_text.h"
#include "domain/text/iso_date.h"

namespace vg::casework {

std::string dialled_number(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  if (!digits.starts_with("44") || phone.find('+') == std::string_view::npos) return digits;
  std::string home(1, '0');  // not "0" + ...: g++ 12 misreads that as an overlapping copy
  home.append(digits, 2);
  return home;
}

std::vector<std::string> person_match_keys(const intake::Referral& referral) {
  // Shorter numbers are extensions, switchboards' short codes or typing slips: too loose to link
  // two people's referrals on. A UK number has ten or eleven digits.
  constexpr std::size_t kShortestNumber = 10;
  std::vector<std::string> keys;
  auto add_phone = [&](std::string_view phone) {
    auto digits = dialled_number(phone);
    if (digits.size() >= kShortestNumber) keys.push_back("phone:" + digits);
  };
  if (referral.victim_type == intake::VictimType::kBusiness) {
    if (auto name = text::folded(referral.business.name); !name.empty()) keys.push_back("business:" + name);
    add_phone(referral.business.contact_phone);
    return keys;
  }
  const auto& person = referral.person;
  if (auto name = text::folded(person.name); !name.empty() && person.date_of_birth) {
    keys.push_back("person:" + name + "|" + text::iso_date(*person.date_of_birth));
  }
  add_phone(person.phone);
  return keys;
}

}  // namespace vg::casework
