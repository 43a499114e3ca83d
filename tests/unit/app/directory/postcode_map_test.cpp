// PostcodeMap: finds each key's authority however the rows came, and nothing else.
#include "app/directory/postcode_map.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

TEST(PostcodeMap, FindsEachKeysAuthorityAndNothingElse) {
  PostcodeMap map({{"PR89AA", "E08000014"}, {"L18AA", "E08000012"}, {"L18AB", "E08000012"},
                   {"CH411AA", "E08000015"}},
                  7);
  EXPECT_EQ(map.version(), 7);
  EXPECT_EQ(map.size(), 4u);
  ASSERT_NE(map.find_lad("L18AA"), nullptr);
  EXPECT_EQ(*map.find_lad("L18AA"), "E08000012");
  EXPECT_EQ(*map.find_lad("L18AB"), "E08000012");
  EXPECT_EQ(*map.find_lad("PR89AA"), "E08000014");
  EXPECT_EQ(*map.find_lad("CH411AA"), "E08000015");
  EXPECT_EQ(map.find_lad("L18A"), nullptr);  // a prefix is not a postcode
  EXPECT_EQ(map.find_lad("L1 8AA"), nullptr);
  EXPECT_EQ(map.find_lad("ZZ99ZZ"), nullptr);
  EXPECT_EQ(map.find_lad(""), nullptr);
}

TEST(PostcodeMap, AnEmptyLookupHoldsNothing) {
  PostcodeMap map({}, 1);
  EXPECT_EQ(map.size(), 0u);
  EXPECT_EQ(map.find_lad("L18AA"), nullptr);
}

}  // namespace
}  // namespace vg::app
