// The outlines of local authorities for the insight map, from the GeoJSON files of
// data/geo/boundaries/ (ONS, Open Government Licence v3.0; data/README.md), built into the program
// with the other reference data: one Feature per file,
// a Polygon or MultiPolygon of WGS84 longitude/latitude pairs, its GSS code in properties.lad_code.
// Ultra-generalised outlines: for pictures only, never to decide where something is.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"

namespace vg::app {

struct AreaOutline {
  std::string code;  // "E08000012"
  std::string name;  // "Liverpool"
  // Rings of (longitude, latitude); outer rings and holes alike (the map fills even-odd).
  std::vector<std::vector<std::pair<double, double>>> rings;
};

// One file's Feature. `validation_failed` naming the JSON path of what is wrong (not a Feature,
// no lad_code, a position that is not two finite numbers within range, a ring of fewer than 4
// positions, more than 100,000 positions in all).
Result<AreaOutline> parse_area_outline(std::string_view geojson);

// The outlines of `codes`, in the order given; a code without one is left out (the map then shows
// no shape for it; its figure is still in the table). `internal` naming the file for one built in
// that does not parse (a broken build).
Result<std::vector<AreaOutline>> area_outlines(const std::vector<std::string>& codes);

}  // namespace vg::app
