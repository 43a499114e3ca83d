#include "app/insight/bar_chart_svg.h"

#include <algorithm>
#include <cstdint>

#include "app/insight/svg_text.h"
#include "domain/insight/demand.h"

namespace vg::app {
namespace {

constexpr int kWidth = 560;
constexpr int kLabelWidth = 200;
constexpr int kBarArea = kWidth - kLabelWidth - 110;  // room for the figure's words after the bar
constexpr int kBar = 14;
constexpr int kRowGap = 12;
constexpr int kLegend = 30;
constexpr const char* kCurrentColour = "#1d70b8";   // GOV.UK blue
constexpr const char* kPreviousColour = "#505a5f";  // GOV.UK dark grey

}  // namespace

std::string bar_chart_svg(std::string_view id, std::string_view title, const std::vector<ChartRow>& rows,
                          std::string_view current_label, std::string_view previous_label, int threshold) {
  std::int64_t most = 1;
  for (const auto& r : rows) {
    if (r.current.shown()) most = std::max(most, r.current.value);
    if (r.previous.shown()) most = std::max(most, r.previous.value);
  }
  const int row_height = 2 * kBar + kRowGap;
  const int height = kLegend + static_cast<int>(rows.size()) * row_height + 4;
  const std::string title_id = "chart-" + svg_id(id) + "-title";
  std::string s;
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-bar-chart\" role=\"img\" aria-labelledby=\"" +
       title_id + "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) + "\" width=\"100%\">";
  s += "<title id=\"" + title_id + "\">" + svg_escape(title) + ": bar chart of the table beside it</title>";
  // Legend.
  s += "<rect x=\"0\" y=\"6\" width=\"14\" height=\"14\" fill=\"" + std::string(kCurrentColour) + "\"/>";
  s += "<text x=\"20\" y=\"18\" font-size=\"14\" fill=\"#0b0c0c\">" + svg_escape(current_label) + "</text>";
  s += "<rect x=\"260\" y=\"6\" width=\"14\" height=\"14\" fill=\"" + std::string(kPreviousColour) + "\"/>";
  s += "<text x=\"280\" y=\"18\" font-size=\"14\" fill=\"#0b0c0c\">" + svg_escape(previous_label) + "</text>";
  int y = kLegend;
  for (const auto& r : rows) {
    s += "<text x=\"0\" y=\"" + std::to_string(y + kBar + 4) + "\" font-size=\"14\" fill=\"#0b0c0c\">" +
         svg_escape(r.label.size() > 28 ? r.label.substr(0, 27) + "…" : r.label) + "</text>";
    int bar_y = y;
    for (const auto* cell : {&r.current, &r.previous}) {
      const char* colour = cell == &r.current ? kCurrentColour : kPreviousColour;
      int length = 0;
      if (cell->shown()) {
        length = static_cast<int>(static_cast<double>(cell->value) / static_cast<double>(most) * kBarArea);
        if (cell->value > 0) length = std::max(length, 1);
        s += "<rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(bar_y) + "\" width=\"" +
             std::to_string(length) + "\" height=\"" + std::to_string(kBar) + "\" fill=\"" + colour + "\"/>";
      }
      s += "<text x=\"" + std::to_string(kLabelWidth + length + 6) + "\" y=\"" + std::to_string(bar_y + kBar - 2) +
           "\" font-size=\"12\" fill=\"#0b0c0c\">" + svg_escape(insight::cell_text(*cell, threshold)) + "</text>";
      bar_y += kBar;
    }
    y += row_height;
  }
  s += "</svg>";
  return s;
}

}  // namespace vg::app
