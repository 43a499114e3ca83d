// The local authority districts the gateways cover, from data/geo/local-authorities.csv (ONS,
// Open Government Licence v3.0), embedded in the binary at build time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vg::app {

struct LocalAuthority {
  std::string code;  // GSS, e.g. "E08000012"
  std::string name;  // "Liverpool"
  std::string police_force_area;
  std::string force_code;
};

// In the file's order (grouped by police force area).
const std::vector<LocalAuthority>& local_authorities();

// The one with this GSS code; null when the gateways cover none.
const LocalAuthority* find_local_authority(std::string_view code);

// The area pack id of a police force area: "Greater Manchester" → "greater-manchester".
std::string area_id(std::string_view police_force_area);

// The ONS identifier URI of a GSS code, used as an HSDS service_area's uri.
std::string statistical_geography_uri(std::string_view gss_code);

// "E08000012" shape: a country letter and eight digits.
bool is_gss_code(std::string_view text);

}  // namespace vg::app
