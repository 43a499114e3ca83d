// The local authority districts the gateways cover, read from the embedded
// data/geo/local-authorities.csv, and the small code and name rules built on them.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "app/directory/local_authorities.h"

namespace vg::app {
namespace {

TEST(LocalAuthoritiesTest, TheEmbeddedFileIsReadWithoutItsHeader) {
  const auto& all = local_authorities();
  ASSERT_EQ(all.size(), 24u);
  EXPECT_EQ(all.front().code, "E08000001");
  EXPECT_EQ(all.front().name, "Bolton");
  EXPECT_EQ(all.front().police_force_area, "Greater Manchester");
  EXPECT_EQ(all.front().force_code, "E23000005");
  EXPECT_EQ(all.back().code, "E06000021");
  EXPECT_EQ(all.back().name, "Stoke-on-Trent");
  for (const auto& la : all) EXPECT_NE(la.code, "lad_code");
}

TEST(LocalAuthoritiesTest, EachPoliceForceAreaHasItsDistricts) {
  std::map<std::string, int> counts;
  for (const auto& la : local_authorities()) ++counts[la.police_force_area];
  EXPECT_EQ(counts, (std::map<std::string, int>{
                        {"Greater Manchester", 10}, {"Merseyside", 5}, {"Staffordshire", 9}}));
}

TEST(LocalAuthoritiesTest, FindsByGssCode) {
  const auto* liverpool = find_local_authority("E08000012");
  ASSERT_NE(liverpool, nullptr);
  EXPECT_EQ(liverpool->name, "Liverpool");
  EXPECT_EQ(liverpool->police_force_area, "Merseyside");
  EXPECT_EQ(liverpool->force_code, "E23000004");
  EXPECT_EQ(find_local_authority("E09000001"), nullptr);  // City of London: not covered
  EXPECT_EQ(find_local_authority(""), nullptr);
  EXPECT_EQ(find_local_authority("e08000012"), nullptr);  // codes are exact
}

TEST(LocalAuthoritiesTest, AreaIdIsLowerCaseWithHyphens) {
  EXPECT_EQ(area_id("Greater Manchester"), "greater-manchester");
  EXPECT_EQ(area_id("Merseyside"), "merseyside");
  EXPECT_EQ(area_id(""), "");
}

TEST(LocalAuthoritiesTest, StatisticalGeographyUri) {
  EXPECT_EQ(statistical_geography_uri("E08000012"),
            "http://statistics.data.gov.uk/id/statistical-geography/E08000012");
}

TEST(LocalAuthoritiesTest, GssCodeShape) {
  for (const char* code : {"E08000012", "W06000015", "S12000036", "N09000003"}) {
    EXPECT_TRUE(is_gss_code(code)) << code;
  }
  for (const char* code : {"", "E0800001", "E080000120", "X08000012", "e08000012", "E0800001A",
                           "Liverpool"}) {
    EXPECT_FALSE(is_gss_code(code)) << code;
  }
}

}  // namespace
}  // namespace vg::app
