#include "app/insight/bar_chart_svg.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

using insight::Cell;
using insight::CellState;

TEST(BarChartSvg, NamesItselfAndDrawsOnlyShownFigures) {
  const auto svg = bar_chart_svg("channel", "Referrals by channel",
                                 {{"Police", {30, CellState::kShown}, {20, CellState::kShown}},
                                  {"Self-referral", {3, CellState::kSmall}, {7, CellState::kHidden}}},
                                 "January to March 2026", "October to December 2025", 5);
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find(R"(role="img" aria-labelledby="chart-channel-title")"), std::string::npos);
  EXPECT_NE(svg.find(R"(<title id="chart-channel-title">Referrals by channel: bar chart of the table beside it</title>)"),
            std::string::npos);
  std::size_t bars = 0;
  for (auto at = svg.find("<rect"); at != std::string::npos; at = svg.find("<rect", at + 1)) ++bars;
  EXPECT_EQ(bars, 2u + 2u) << "two legend keys and Police's two bars; none for suppressed figures";
  EXPECT_NE(svg.find(">fewer than 5<"), std::string::npos);
  EXPECT_NE(svg.find(">hidden<"), std::string::npos);
  EXPECT_EQ(svg.find(">3<"), std::string::npos);
  EXPECT_EQ(svg.find(">7<"), std::string::npos);
}

TEST(BarChartSvg, TextIsEscaped) {
  const auto svg = bar_chart_svg("x", "A <b> & \"c\"", {{"<script>", {10, CellState::kShown}, {10, CellState::kShown}}},
                                 "now", "then", 5);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("A &lt;b&gt; &amp; &quot;c&quot;"), std::string::npos);
}

}  // namespace
}  // namespace vg::app
