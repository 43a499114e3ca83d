#include "domain/directory/postcode.h"

#include <gtest/gtest.h>

namespace vg::directory {
namespace {

TEST(Postcode, EveryOutwardShapeIsNormalised) {
  EXPECT_EQ(normalise_postcode("l18jq"), "L1 8JQ");            // A9
  EXPECT_EQ(normalise_postcode(" M60 1AA "), "M60 1AA");       // A99
  EXPECT_EQ(normalise_postcode("st41aa"), "ST4 1AA");          // AA9
  EXPECT_EQ(normalise_postcode("WA14 1AA"), "WA14 1AA");       // AA99
  EXPECT_EQ(normalise_postcode("W1A 0AX"), "W1A 0AX");         // A9A
  EXPECT_EQ(normalise_postcode("ec1a1bb"), "EC1A 1BB");        // AA9A
  EXPECT_EQ(normalise_postcode("gir0aa"), "GIR 0AA");          // the one exception
  EXPECT_EQ(normalise_postcode("L 1  8JQ"), "L1 8JQ");        // stray spaces forgiven
}

TEST(Postcode, WrongShapesAreNotPostcodes) {
  for (const char* bad : {"", "L1", "NOT A POSTCODE", "L1 8J", "1L 8JQ", "L1 JQ8", "L18JQX9",
                          "L1-8JQ", "ZZZ9 9ZZ"}) {
    EXPECT_FALSE(normalise_postcode(bad).has_value()) << bad;
  }
}

TEST(Postcode, KeysHaveNoSpaces) { EXPECT_EQ(postcode_key("EC1A 1BB"), "EC1A1BB"); }

}  // namespace
}  // namespace vg::directory
