// libFuzzer target for the insight map's GeoJSON outline reader (app/insight/area_outlines.h) and
// the map drawn from what it accepts: any bytes in, no crash, no undefined behaviour; an accepted
// outline has a code, at least one ring of at least four finite positions in range; a refusal
// names a JSON path; the map is one SVG element.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/insight/area_outlines.h"
#include "app/insight/choropleth_svg.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto outline = vg::app::parse_area_outline(input);
  if (!outline) {
    if (outline.error().fields.empty() || outline.error().fields[0].field.rfind("$", 0) != 0) std::abort();
    return 0;
  }
  if (outline->code.empty() || outline->rings.empty()) std::abort();
  for (const auto& ring : outline->rings) {
    if (ring.size() < 4) std::abort();
    for (const auto& [lon, lat] : ring) {
      if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90) std::abort();
    }
  }
  const auto svg = vg::app::choropleth_svg("fuzz", "Fuzz", {*outline},
                                           {{outline->code, {static_cast<std::int64_t>(size), vg::insight::CellState::kShown}}},
                                           "referrals", 5);
  if (svg.rfind("<svg ", 0) != 0 || svg.size() < 6 || svg.compare(svg.size() - 6, 6, "</svg>") != 0) std::abort();
  if (svg.find("nan") != std::string::npos || svg.find("inf") != std::string::npos) std::abort();
  return 0;
}
