// A horizontal bar chart as inline SVG, drawn on the server (no script), for a figure's table:
// this period's bar and the previous period's under each label. A suppressed figure gets no bar,
// only its words ("fewer than 5"), so the picture never shows what the table hides. The table
// beside it is the chart's text alternative; the SVG names itself and points there.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/insight/suppression.h"

namespace vg::app {

struct ChartRow {
  std::string label;
  insight::Cell current;
  insight::Cell previous;
};

// `id`: unique on the page (the title's id is built from it); `title`: what the chart shows.
std::string bar_chart_svg(std::string_view id, std::string_view title, const std::vector<ChartRow>& rows,
                          std::string_view current_label, std::string_view previous_label, int threshold);

}  // namespace vg::app
