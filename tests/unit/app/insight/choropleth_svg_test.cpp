#include "app/insight/choropleth_svg.h"

#include <gtest/gtest.h>

#include "app/insight/area_outlines.h"

namespace vg::app {
namespace {

using insight::Cell;
using insight::CellState;

AreaOutline square(std::string code, std::string name, double lon, double lat) {
  return {std::move(code), std::move(name), {{{lon, lat}, {lon + 0.1, lat}, {lon + 0.1, lat + 0.1}, {lon, lat + 0.1}, {lon, lat}}}};
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(ChoroplethSvg, ShadesShownFiguresHatchesSuppressedOnesAndNamesItself) {
  const std::vector<AreaOutline> outlines = {square("E08000011", "Knowsley", -2.9, 53.4),
                                             square("E08000012", "Liverpool", -3.0, 53.4),
                                             square("E08000013", "St. Helens", -2.8, 53.4),
                                             square("E08000014", "Sefton", -3.0, 53.5)};
  const auto svg = choropleth_svg("by-la", "Referrals by local authority", outlines,
                                  {{"E08000011", {10, CellState::kShown}},
                                   {"E08000012", {50, CellState::kShown}},
                                   {"E08000013", {3, CellState::kSmall}}},
                                  "referrals", 5);
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find(R"(role="img" aria-labelledby="map-by-la-title")"), std::string::npos);
  EXPECT_NE(svg.find(">Referrals by local authority: map of the table beside it</title>"), std::string::npos);
  EXPECT_EQ(count(svg, "<path "), 4u);
  // The smallest figure shown takes the lightest shade, the largest the darkest.
  EXPECT_NE(svg.find(R"(fill="#d2e2f1" fill-rule="evenodd" stroke="#0b0c0c" stroke-width="0.8"><title>Knowsley: 10 referrals)"),
            std::string::npos);
  EXPECT_NE(svg.find(R"(fill="#1d70b8" fill-rule="evenodd" stroke="#0b0c0c" stroke-width="0.8"><title>Liverpool: 50 referrals)"),
            std::string::npos);
  // The suppressed figure is hatched and says only "fewer than 5"; the one without a figure is blank.
  EXPECT_NE(svg.find(R"x(fill="url(#map-by-la-hatch)" fill-rule="evenodd" stroke="#0b0c0c" stroke-width="0.8"><title>St. Helens: fewer than 5 referrals)x"),
            std::string::npos);
  EXPECT_EQ(svg.find(">3 "), std::string::npos);
  EXPECT_NE(svg.find("<title>Sefton: no figure</title>"), std::string::npos);
  // The legend's steps cover 10 to 50 without gaps.
  EXPECT_NE(svg.find(">10 to 19<"), std::string::npos);
  EXPECT_NE(svg.find(">20 to 29<"), std::string::npos);
  EXPECT_NE(svg.find(">30 to 39<"), std::string::npos);
  EXPECT_NE(svg.find(">40 to 50<"), std::string::npos);
  EXPECT_NE(svg.find(">fewer than 5<"), std::string::npos);
}

TEST(ChoroplethSvg, NamesAreEscapedAndOneFigureTakesOneShade) {
  const auto svg = choropleth_svg("x", "A <b> & map", {square("E1", "<script>", 0, 51)}, {{"E1", {7, CellState::kShown}}},
                                  "referrals", 5);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;: 7 referrals"), std::string::npos);
  EXPECT_NE(svg.find(">7<"), std::string::npos);
  EXPECT_EQ(svg.find(" to "), std::string::npos);
}

TEST(AreaOutlines, TheBuiltInBoundariesParseWithTheirCodes) {
  auto outlines = area_outlines({"E08000012", "E06000021", "E99999999", "../../etc/passwd"});
  ASSERT_TRUE(outlines.has_value()) << outlines.error().message;
  ASSERT_EQ(outlines->size(), 2u) << "unknown codes and anything not a code are left out";
  EXPECT_EQ((*outlines)[0].code, "E08000012");
  EXPECT_EQ((*outlines)[0].name, "Liverpool");
  EXPECT_EQ((*outlines)[1].name, "Stoke-on-Trent");
  for (const auto& o : *outlines) {
    ASSERT_FALSE(o.rings.empty());
    for (const auto& [lon, lat] : o.rings.front()) {
      EXPECT_GT(lat, 52.0);
      EXPECT_LT(lat, 54.0);
      EXPECT_GT(lon, -3.5);
      EXPECT_LT(lon, -1.5);
    }
  }
}

TEST(AreaOutlines, WhatIsNotAnOutlineIsRefusedWithItsPath) {
  EXPECT_EQ(parse_area_outline("[").error().fields.at(0).field, "$");
  EXPECT_EQ(parse_area_outline(R"({"type":"Feature","properties":{},"geometry":null})").error().fields.at(0).field,
            "$.properties.lad_code");
  EXPECT_EQ(parse_area_outline(R"({"type":"Feature","properties":{"lad_code":"E1"},"geometry":{"type":"Point","coordinates":[0,0]}})")
                .error().fields.at(0).field,
            "$.geometry.type");
  EXPECT_EQ(parse_area_outline(R"({"type":"Feature","properties":{"lad_code":"E1"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}})")
                .error().fields.at(0).field,
            "$.geometry.coordinates[0]");
  EXPECT_EQ(parse_area_outline(R"({"type":"Feature","properties":{"lad_code":"E1"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,91],[0,0]]]}})")
                .error().fields.at(0).field,
            "$.geometry.coordinates[0][2]");
  auto ok = parse_area_outline(R"({"type":"Feature","properties":{"lad_code":"E1","lad_name":"Somewhere"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}})");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->name, "Somewhere");
  EXPECT_EQ(ok->rings.at(0).size(), 4u);
}

}  // namespace
}  // namespace vg::app
