#include "app/insight/area_outlines.h"

#include <boost/json.hpp>
#include <cmath>


namespace vg::app {

extern const std::vector<std::pair<std::string_view, std::string_view>> kReferenceData;

namespace {

namespace json = boost::json;

constexpr std::size_t kMostPositions = 100'000;

Result<AreaOutline> refused(const std::string& path, const std::string& message) {
  return validation_failed({{path, "invalid", message}}, "The area outline is not usable GeoJSON");
}

double number_of(const json::value& v, bool& ok) {
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  ok = false;
  return 0;
}

// A polygon's rings into `out`; the number of positions so far in `total`.
Result<void> read_polygon(const json::value& polygon, const std::string& path, AreaOutline& out,
                          std::size_t& total) {
  if (!polygon.is_array()) return std::unexpected(refused(path, "must be an array of rings").error());
  std::size_t r = 0;
  for (const auto& ring : polygon.as_array()) {
    const std::string ring_path = path + "[" + std::to_string(r++) + "]";
    if (!ring.is_array() || ring.as_array().size() < 4) {
      return std::unexpected(refused(ring_path, "must be a ring of at least 4 positions").error());
    }
    std::vector<std::pair<double, double>> points;
    std::size_t p = 0;
    for (const auto& position : ring.as_array()) {
      const std::string position_path = ring_path + "[" + std::to_string(p++) + "]";
      if (++total > kMostPositions) {
        return std::unexpected(refused(position_path, "more positions than an outline needs").error());
      }
      bool ok = position.is_array() && position.as_array().size() >= 2;
      double lon = ok ? number_of(position.as_array()[0], ok) : 0;
      double lat = ok ? number_of(position.as_array()[1], ok) : 0;
      if (!ok || !std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90) {
        return std::unexpected(refused(position_path, "must be [longitude, latitude] in degrees").error());
      }
      points.emplace_back(lon, lat);
    }
    out.rings.push_back(std::move(points));
  }
  return {};
}

}  // namespace

Result<AreaOutline> parse_area_outline(std::string_view geojson) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 16;
  json::value doc = json::parse(geojson, ec, {}, options);
  if (ec || !doc.is_object()) return refused("$", "must be a GeoJSON Feature object");
  const auto& feature = doc.as_object();
  if (!feature.contains("type") || feature.at("type") != "Feature") return refused("$.type", "must be \"Feature\"");
  AreaOutline out;
  const auto* properties = feature.if_contains("properties");
  const auto* code = properties && properties->is_object() ? properties->as_object().if_contains("lad_code") : nullptr;
  if (!code || !code->is_string() || code->as_string().empty() || code->as_string().size() > 16) {
    return refused("$.properties.lad_code", "must name the local authority's GSS code");
  }
  out.code = code->as_string();
  const auto* name = properties->as_object().if_contains("lad_name");
  out.name = name && name->is_string() ? std::string(name->as_string().subview().substr(0, 100)) : out.code;
  const auto* geometry = feature.if_contains("geometry");
  if (!geometry || !geometry->is_object()) return refused("$.geometry", "must be a Polygon or MultiPolygon");
  const auto* type = geometry->as_object().if_contains("type");
  const auto* coordinates = geometry->as_object().if_contains("coordinates");
  if (!type || !coordinates || !coordinates->is_array()) return refused("$.geometry", "must be a Polygon or MultiPolygon");
  std::size_t total = 0;
  if (*type == "Polygon") {
    VG_CHECK(read_polygon(*coordinates, "$.geometry.coordinates", out, total));
  } else if (*type == "MultiPolygon") {
    std::size_t i = 0;
    for (const auto& polygon : coordinates->as_array()) {
      VG_CHECK(read_polygon(polygon, "$.geometry.coordinates[" + std::to_string(i++) + "]", out, total));
    }
  } else {
    return refused("$.geometry.type", "must be \"Polygon\" or \"MultiPolygon\"");
  }
  if (out.rings.empty()) return refused("$.geometry.coordinates", "must hold at least one ring");
  return out;
}

Result<std::vector<AreaOutline>> area_outlines(const std::vector<std::string>& codes) {
  std::vector<AreaOutline> out;
  for (const auto& code : codes) {
    const std::string file = code + ".geojson";
    for (const auto& [name, text] : kReferenceData) {
      if (name != file) continue;
      auto outline = parse_area_outline(text);
      if (!outline || outline->code != code) return fail("internal", "The built-in outline " + file + " is broken");
      out.push_back(std::move(*outline));
    }
  }
  return out;
}

}  // namespace vg::app
