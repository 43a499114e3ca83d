// A map of an area's local authorities as inline SVG, drawn on the server, each shaded by its
// figure (four equal steps from the smallest figure shown to the largest). A suppressed figure is
// drawn hatched and named "fewer than N", never shaded, so the map shows no more than the table
// beside it, which is the map's text alternative (the SVG names itself and says so). Each shape
// carries its authority's name and figure as a tooltip.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/insight/area_outlines.h"
#include "domain/insight/suppression.h"

namespace vg::app {

struct MapFigure {
  std::string code;  // GSS code, as the outline's
  insight::Cell value;
};

// `id`: unique on the page; `title`: what the map shows; `unit`: the figure's words ("referrals",
// "per 1,000 residents"). Outlines without a figure are drawn blank.
std::string choropleth_svg(std::string_view id, std::string_view title, const std::vector<AreaOutline>& outlines,
                           const std::vector<MapFigure>& figures, std::string_view unit, int threshold);

}  // namespace vg::app
