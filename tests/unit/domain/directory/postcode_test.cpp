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

TEST(Postcode, InwardLettersRoyalMailNeverIssuesMarkAnInventedPostcode) {
  for (const char* invented : {"L1 0VV", "M1 0VV", "ST16 9CV", "WN1 1AC", "B79 7KA", "CH41 2IO"}) {
    EXPECT_TRUE(is_unissued_postcode(*normalise_postcode(invented))) << invented;
  }
  for (const char* real_shape : {"L1 8JQ", "M1 1AE", "ST4 1DZ", "GIR 0AA", "W1A 0AX"}) {
    EXPECT_FALSE(is_unissued_postcode(*normalise_postcode(real_shape))) << real_shape;
  }
  // Outward-code letters do not count: M and K are common there.
  EXPECT_FALSE(is_unissued_postcode("MK9 1AB"));
}

TEST(Postcode, KeysHaveNoSpaces) { EXPECT_EQ(postcode_key("EC1A 1BB"), "EC1A1BB"); }

}  // namespace
}  // namespace vg::directory
