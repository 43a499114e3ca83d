#include "app/directory/directory_generator.h"

#include <random>

#include "app/directory/local_authorities.h"
#include "app/directory/service_document.h"

namespace vg::app {
namespace {

constexpr const char* kFocus[] = {"Community", "Recovery", "Advocacy", "Wellbeing", "Outreach",
                                  "Family",    "Youth",    "Helpline", "Support",   "Resilience"};
constexpr const char* kTown[] = {"North", "South", "East", "West", "Central", "Valley", "Riverside"};

template <typename T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

std::vector<std::string> codes(const TaxonomyIndex& taxonomy, std::string_view group) {
  std::vector<std::string> out;
  for (const auto& t : taxonomy.group(group)) out.push_back(t.code);
  return out;
}

}  // namespace

std::vector<ServiceForm> generate_services(int count, std::uint64_t seed,
                                           const std::vector<std::string>& organization_ids,
                                           const TaxonomyIndex& taxonomy) {
  std::vector<ServiceForm> out;
  if (organization_ids.empty() || count <= 0) return out;
  std::mt19937_64 rng(seed);
  const auto crimes = codes(taxonomy, "crime_type");
  const auto audiences = codes(taxonomy, "audience");
  const auto help = codes(taxonomy, "kind_of_help");
  const auto& areas = local_authorities();
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    ServiceForm f;
    f.id = derived_uuid("generated-service:" + std::to_string(seed) + ":" + std::to_string(i));
    f.organization_id = pick(rng, organization_ids);
    const auto& area = areas[std::uniform_int_distribution<std::size_t>(0, areas.size() - 1)(rng)];
    const std::string focus = kFocus[rng() % std::size(kFocus)];
    f.name = focus + " service " + std::to_string(i + 1) + " – " + kTown[rng() % std::size(kTown)] +
             " " + area.name;
    f.local_authorities.push_back(area.code);
    for (int extra = static_cast<int>(rng() % 3); extra > 0; --extra) {
      const auto& more = areas[std::uniform_int_distribution<std::size_t>(0, areas.size() - 1)(rng)];
      if (more.code != area.code) f.local_authorities.push_back(more.code);
    }
    if (!crimes.empty()) {
      for (int n = 1 + static_cast<int>(rng() % 3); n > 0; --n) {
        const auto& c = pick(rng, crimes);
        if (std::find(f.crime_types.begin(), f.crime_types.end(), c) == f.crime_types.end()) {
          f.crime_types.push_back(c);
        }
      }
    }
    if (!audiences.empty()) f.audiences.push_back(pick(rng, audiences));
    if (!help.empty()) f.kinds_of_help.push_back(pick(rng, help));
    f.description = focus + " support in " + area.name + " for people affected by crime: " +
                    "someone to talk to, help with practical problems and advice about what "
                    "happens next. Invented for load testing.";
    f.phone = "01632 96" + std::to_string(1000 + static_cast<int>(rng() % 1000)).substr(1);
    f.url = "https://example.org/generated/" + std::to_string(i + 1);
    f.email = "service" + std::to_string(i + 1) + "@example.org";
    f.opening_hours = "Monday to Friday, 9am to 5pm";
    f.self_referral = rng() % 4 != 0;
    if (rng() % 5 == 0) f.maximum_age = 17;
    f.illustrative_contact_details = true;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace vg::app
