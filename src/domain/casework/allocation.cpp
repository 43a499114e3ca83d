#include "domain/casework/allocation.h"

#include <algorithm>
#include <cctype>

namespace vg::casework {

std::vector<std::string> skills_needed(const intake::Referral& r, const assessment::Assessment& a) {
  std::vector<std::string> skills;
  if (r.flags.sexual_offence) skills.push_back("isva");
  if (r.flags.domestic_abuse && a.risk.level == intake::RiskLevel::kHigh) skills.push_back("idva");
  if (a.age_band == "under_18") skills.push_back("children");
  if (r.victim_type == intake::VictimType::kBusiness) skills.push_back("business");
  if (r.victim_type == intake::VictimType::kPerson) {
    std::string language;
    for (char c : r.person.language) language.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (!language.empty() && language != "en" && language != "english") skills.push_back("lang:" + language);
  }
  std::sort(skills.begin(), skills.end());
  return skills;
}

std::optional<std::string> offer_to(const std::vector<Candidate>& team,
                                    const std::vector<std::string>& skills) {
  const Candidate* best = nullptr;
  auto better = [](const Candidate& a, const Candidate& b) {
    // a.open/a.capacity < b.open/b.capacity, without division.
    const long lhs = static_cast<long>(a.open_cases) * b.capacity;
    const long rhs = static_cast<long>(b.open_cases) * a.capacity;
    if (lhs != rhs) return lhs < rhs;
    if (a.open_cases != b.open_cases) return a.open_cases < b.open_cases;
    return a.user_id < b.user_id;
  };
  for (const auto& c : team) {
    if (c.capacity <= 0 || c.open_cases >= c.capacity) continue;
    const bool skilled = std::all_of(skills.begin(), skills.end(), [&](const std::string& s) {
      return std::find(c.skills.begin(), c.skills.end(), s) != c.skills.end();
    });
    if (!skilled) continue;
    if (!best || better(c, *best)) best = &c;
  }
  if (!best) return std::nullopt;
  return best->user_id;
}

std::string_view skill_label(std::string_view code) {
  if (code == "isva") return "ISVA (sexual violence)";
  if (code == "idva") return "IDVA (domestic abuse)";
  if (code == "children") return "Children and young people";
  if (code == "business") return "Business crime";
  if (code.starts_with("lang:")) return "Language";
  return code;
}

}  // namespace vg::casework
