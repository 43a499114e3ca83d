#include "app/intake/referral_generator.h"

#include <boost/json.hpp>

namespace vg::app {
namespace {

namespace json = boost::json;

constexpr const char* kFirstNames[] = {"Alex", "Sam", "Jordan", "Casey", "Morgan", "Riley",
                                       "Jamie", "Robin", "Charlie", "Taylor", "Frankie", "Drew"};
constexpr const char* kSurnames[] = {"Demoson", "Exampleton", "Testwood", "Sampleby", "Mockford",
                                     "Fakenham-Demo", "Invented", "Placeholder"};

// Offence category, the flags it usually carries, and how often it is reported (per 1000).
struct Offence {
  const char* category;
  const char* flag;  // may be empty
  int weight;
};
constexpr Offence kOffences[] = {
    {"violence_with_injury", "domestic_abuse", 120}, {"violence_without_injury", "", 140},
    {"stalking_and_harassment", "stalking_or_harassment", 110}, {"burglary_residential", "", 70},
    {"theft_from_the_person", "", 50}, {"criminal_damage", "", 90}, {"public_order_offences", "hate_crime", 60},
    {"rape", "sexual_offence", 25}, {"other_sexual_offences", "sexual_offence", 35},
    {"fraud", "", 70}, {"robbery_of_personal_property", "", 30}, {"shoplifting", "business_crime", 60},
    {"vehicle_offences", "", 50}, {"harassment_and_malicious_communications", "", 40},
    {"modern_slavery", "modern_slavery", 5}, {"homicide", "", 3},
};

template <typename T, std::size_t N>
const T& pick(std::mt19937_64& rng, const T (&items)[N]) {
  return items[rng() % N];
}

}  // namespace

ReferralGenerator::ReferralGenerator(const AreaPack& pack, std::vector<std::string> local_authorities,
                                     std::string police_force_code, std::uint64_t seed)
    : pack_(pack), local_authorities_(std::move(local_authorities)),
      force_(std::move(police_force_code)), rng_(seed), seed_(seed) {}

json::object ReferralGenerator::next(bool police_only) {
  ++count_;
  json::object r;
  const int channel_roll = static_cast<int>(rng_() % 100);
  const char* channel = police_only || channel_roll < 60 ? "police"
                        : channel_roll < 75              ? "self"
                        : channel_roll < 85              ? "partner"
                        : channel_roll < 95              ? "phone"
                                                         : "chat";
  const bool police = std::string_view(channel) == "police";
  const bool reported = police || rng_() % 3 == 0;
  r["channel"] = channel;
  r["area"] = pack_.rules.area;
  r["reported_to_police"] = reported;
  if (reported) {
    r["police_force_code"] = force_;
    r["crime_reference"] = pack_.rules.reference_prefix + "/" + std::to_string(seed_) + "/" +
                           std::to_string(count_);
    r["date_reported"] = "2026-11-" + std::to_string(10 + rng_() % 12);
  }
  r["incident_date"] = "2026-11-0" + std::to_string(1 + rng_() % 9);

  int total = 0;
  for (const auto& o : kOffences) total += o.weight;
  int roll = static_cast<int>(rng_() % static_cast<std::uint64_t>(total));
  const Offence* offence = &kOffences[0];
  for (const auto& o : kOffences) {
    if (roll < o.weight) {
      offence = &o;
      break;
    }
    roll -= o.weight;
  }
  const bool non_crime_asb = !reported && rng_() % 20 == 0;
  json::object flags;
  if (non_crime_asb) {
    flags["non_crime_asb"] = true;
  } else {
    r["offence_category"] = offence->category;
    if (*offence->flag) flags[offence->flag] = true;
    if (std::string_view(offence->flag) == "hate_crime") {
      static constexpr const char* kStrands[] = {"race", "religion", "sexual_orientation",
                                                 "disability", "transgender"};
      flags["hate_strands"] = json::array{pick(rng_, kStrands)};
    }
    if (rng_() % 25 == 0) flags["child_sexual_exploitation"] = true;
  }
  r["flags"] = std::move(flags);
  if (!local_authorities_.empty()) {
    r["local_authority"] = local_authorities_[rng_() % local_authorities_.size()];
  }

  const int age_roll = static_cast<int>(rng_() % 100);
  const int age = age_roll < 12 ? 10 + static_cast<int>(rng_() % 8)
                  : age_roll < 85 ? 18 + static_cast<int>(rng_() % 47)
                                  : 65 + static_cast<int>(rng_() % 25);
  json::object victim;
  if (std::string_view(offence->category) == "shoplifting" && rng_() % 2 == 0) {
    victim["type"] = "business";
    victim["name"] = std::string("Demo Trading ") + std::to_string(count_) + " Ltd";
    victim["contact_name"] = std::string(pick(rng_, kFirstNames)) + " " + pick(rng_, kSurnames);
    victim["contact_phone"] = "01632 960" + std::to_string(100 + rng_() % 900);
  } else {
    victim["type"] = "person";
    victim["name"] = std::string(pick(rng_, kFirstNames)) + " " + pick(rng_, kSurnames) + " " +
                     std::to_string(count_);
    victim["age"] = age;
    victim["phone"] = "07700 900" + std::to_string(100 + rng_() % 900);
    if (rng_() % 10 == 0) victim["disabilities"] = json::array{"mental_disorder"};
    if (std::string_view(offence->category) == "homicide") victim["bereaved_relative"] = true;
    if (rng_() % 15 == 0) victim["persistently_targeted"] = true;
  }
  r["victim"] = std::move(victim);
  // Most give consent when asked; some explicit-consent cases wait for it.
  if (rng_() % 10 != 0) {
    r["consent"] = json::object{{"basis", "explicit_consent"},
                                {"captured_by", police ? "police:" + force_ : std::string("gateway")},
                                {"captured_at", "2026-11-21T10:00:00Z"},
                                {"method", police ? "police_form" : "phone"}};
  }
  return r;
}

std::string referral_feed_header() {
  return "channel,area,reported_to_police,police_force_code,crime_reference,incident_date,"
         "date_reported,offence_category,domestic_abuse,hate_crime,hate_strands,sexual_offence,"
         "child_sexual_exploitation,stalking_or_harassment,business_crime,modern_slavery,"
         "local_authority,victim_type,victim_name,victim_age,victim_phone,business_contact_name,"
         "consent_basis,consent_captured_by,consent_captured_at,consent_method";
}

std::string referral_feed_row(const json::object& r) {
  auto text = [](const json::object& o, std::string_view key) -> std::string {
    const auto* v = o.if_contains(key);
    if (v == nullptr) return {};
    if (v->is_string()) return std::string(v->as_string());
    if (v->is_bool()) return v->as_bool() ? "yes" : "no";
    if (v->is_int64()) return std::to_string(v->as_int64());
    if (v->is_array()) {
      std::string out;
      for (const auto& item : v->as_array()) {
        if (!out.empty()) out += ";";
        out += std::string(item.as_string());
      }
      return out;
    }
    return {};
  };
  static const json::object kNone;
  const auto& flags = r.contains("flags") ? r.at("flags").as_object() : kNone;
  const auto& victim = r.contains("victim") ? r.at("victim").as_object() : kNone;
  const auto& consent = r.contains("consent") ? r.at("consent").as_object() : kNone;
  std::string cells[] = {
      text(r, "channel"), text(r, "area"), text(r, "reported_to_police"),
      text(r, "police_force_code"), text(r, "crime_reference"), text(r, "incident_date"),
      text(r, "date_reported"), text(r, "offence_category"), text(flags, "domestic_abuse"),
      text(flags, "hate_crime"), text(flags, "hate_strands"), text(flags, "sexual_offence"),
      text(flags, "child_sexual_exploitation"), text(flags, "stalking_or_harassment"),
      text(flags, "business_crime"), text(flags, "modern_slavery"), text(r, "local_authority"),
      text(victim, "type"), victim.contains("contact_name") ? std::string() : text(victim, "name"),
      text(victim, "age"), text(victim, "phone"), text(victim, "contact_name"),
      text(consent, "basis"), text(consent, "captured_by"), text(consent, "captured_at"),
      text(consent, "method")};
  // Business rows carry the business name in victim_name too.
  if (victim.contains("contact_name")) cells[18] = text(victim, "name");
  std::string line;
  for (std::size_t i = 0; i < std::size(cells); ++i) {
    if (i > 0) line += ',';
    const auto& c = cells[i];
    if (c.find_first_of(",\"\n") != std::string::npos) {
      line += '"';
      for (char ch : c) line += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      line += '"';
    } else {
      line += c;
    }
  }
  return line;
}

}  // namespace vg::app
