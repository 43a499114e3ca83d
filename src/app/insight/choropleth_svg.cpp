#include "app/insight/choropleth_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "app/insight/svg_text.h"
#include "domain/insight/demand.h"

namespace vg::app {
namespace {

constexpr double kMapWidth = 420;
constexpr double kLegendWidth = 170;
constexpr double kPad = 6;
// Four shades of GOV.UK blue, lightest first (the darkest is GOV.UK's own), and what is not shaded.
constexpr const char* kShades[] = {"#d2e2f1", "#8eb8dc", "#4c8cc6", "#1d70b8"};
constexpr const char* kBlank = "#f3f2f1";
constexpr const char* kEdge = "#0b0c0c";

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

}  // namespace

std::string choropleth_svg(std::string_view id, std::string_view title, const std::vector<AreaOutline>& outlines,
                           const std::vector<MapFigure>& figures, std::string_view unit, int threshold) {
  std::map<std::string, insight::Cell, std::less<>> by_code;
  std::int64_t least = std::numeric_limits<std::int64_t>::max();
  std::int64_t most = std::numeric_limits<std::int64_t>::min();
  for (const auto& f : figures) {
    by_code[f.code] = f.value;
    if (f.value.shown()) {
      least = std::min(least, f.value.value);
      most = std::max(most, f.value.value);
    }
  }
  const bool any_shown = least <= most;
  // Which of the four shades a figure takes: equal steps over the figures shown.
  auto shade = [&](std::int64_t v) -> int {
    if (!any_shown || most == least) return 3;
    const double step = static_cast<double>(most - least) / 4.0;
    return std::clamp(static_cast<int>((static_cast<double>(v - least)) / step), 0, 3);
  };

  // An equirectangular projection, with longitude scaled by the cosine of the middle latitude so
  // the shapes are not stretched at England's latitudes; fitted to the map's width.
  double min_lon = 180, max_lon = -180, min_lat = 90, max_lat = -90;
  for (const auto& o : outlines) {
    for (const auto& ring : o.rings) {
      for (const auto& [lon, lat] : ring) {
        min_lon = std::min(min_lon, lon), max_lon = std::max(max_lon, lon);
        min_lat = std::min(min_lat, lat), max_lat = std::max(max_lat, lat);
      }
    }
  }
  const double x_scale = std::cos((min_lat + max_lat) / 2 * M_PI / 180);
  const double span_x = std::max((max_lon - min_lon) * x_scale, 1e-9);
  const double span_y = std::max(max_lat - min_lat, 1e-9);
  const double scale = (kMapWidth - 2 * kPad) / span_x;
  const double map_height = outlines.empty() ? 40 : span_y * scale + 2 * kPad;
  const double height = std::max(map_height, 150.0);
  auto x = [&](double lon) { return kPad + (lon - min_lon) * x_scale * scale; };
  auto y = [&](double lat) { return kPad + (max_lat - lat) * scale; };

  const std::string svg_key = svg_id(id);
  const std::string title_id = "map-" + svg_key + "-title";
  const std::string hatch_id = "map-" + svg_key + "-hatch";
  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-map\" role=\"img\" aria-labelledby=\"" + title_id +
       "\" viewBox=\"0 0 " + number(kMapWidth + kLegendWidth) + " " + number(height) + "\" width=\"100%\">";
  s += "<title id=\"" + title_id + "\">" + svg_escape(title) + ": map of the table beside it</title>";
  s += "<defs><pattern id=\"" + hatch_id +
       "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
       "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#505a5f\" "
       "stroke-width=\"2\"/></pattern></defs>";
  for (const auto& o : outlines) {
    const auto found = by_code.find(o.code);
    std::string fill = kBlank;
    std::string words = "no figure";
    if (found != by_code.end()) {
      words = insight::cell_text(found->second, threshold) + " " + std::string(unit);
      fill = found->second.shown() ? kShades[shade(found->second.value)] : "url(#" + hatch_id + ")";
    }
    std::string d;
    for (const auto& ring : o.rings) {
      for (std::size_t i = 0; i < ring.size(); ++i) {
        d.append(i == 0 ? "M" : "L").append(number(x(ring[i].first))).append(" ").append(number(y(ring[i].second)));
      }
      d += "Z";
    }
    s += "<path d=\"" + d + "\" fill=\"" + fill + "\" fill-rule=\"evenodd\" stroke=\"" + kEdge +
         "\" stroke-width=\"0.8\"><title>" + svg_escape(o.name) + ": " + svg_escape(words) + "</title></path>";
  }
  // Legend: what each shade stands for, the hatching, and blank.
  const double lx = kMapWidth + 10;
  double ly = 10;
  auto key = [&](const std::string& fill, const std::string& words) {
    s += "<rect x=\"" + number(lx) + "\" y=\"" + number(ly) + "\" width=\"16\" height=\"16\" fill=\"" + fill +
         "\" stroke=\"" + kEdge + "\" stroke-width=\"0.8\"/>";
    s += "<text x=\"" + number(lx + 22) + "\" y=\"" + number(ly + 13) + "\" font-size=\"12\" fill=\"#0b0c0c\">" +
         svg_escape(words) + "</text>";
    ly += 24;
  };
  if (any_shown) {
    const double step = static_cast<double>(most - least) / 4.0;
    for (int i = 0; i < 4; ++i) {
      if (most == least && i != 3) continue;  // one figure: one shade, the darkest
      const auto from = static_cast<std::int64_t>(std::ceil(static_cast<double>(least) + step * i));
      const auto to = i == 3 ? most : static_cast<std::int64_t>(std::ceil(static_cast<double>(least) + step * (i + 1))) - 1;
      if (to < from) continue;
      key(kShades[i], from == to ? std::to_string(from) : std::to_string(from) + " to " + std::to_string(to));
    }
  }
  key("url(#" + hatch_id + ")", "fewer than " + std::to_string(threshold));
  key(kBlank, "no figure");
  s += "</svg>";
  return s;
}

}  // namespace vg::app
