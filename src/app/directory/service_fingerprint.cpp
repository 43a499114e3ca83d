#include "app/directory/service_fingerprint.h"

#include <functional>
#include <string>
#include <string_view>

namespace vg::app {

std::uint64_t service_fingerprint(const directory::ServiceRecord& r) {
  std::uint64_t h = 0;
  auto mix = [&h](std::string_view part) {
    // boost::hash_combine's step, over std::hash of each part, with a separator's worth of
    // difference between ("ab", "c") and ("a", "bc").
    h ^= std::hash<std::string_view>{}(part) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  };
  for (const std::string* part : {&r.id, &r.name, &r.description, &r.organization_id, &r.status,
                                  &r.document}) {
    mix(*part);
  }
  mix(r.self_referral ? "1" : "0");
  for (const auto& id : r.taxonomy_term_ids) mix(id);
  mix("|");
  for (const auto& code : r.area_codes) mix(code);
  return h;
}

}  // namespace vg::app
