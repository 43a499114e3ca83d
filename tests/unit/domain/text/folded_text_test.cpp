// Folding typed text for comparison: case and spacing of names and references.
#include "domain/text/folded_text.h"

#include <gtest/gtest.h>

namespace vg::text {
namespace {

TEST(FoldedText, LowerCaseWithRunsOfSpaceAsOneAndNoneAtTheEnds) {
  EXPECT_EQ(folded("  Ann \t SMITH  "), "ann smith");
  EXPECT_EQ(folded("MY/2026/0001"), "my/2026/0001");
  EXPECT_EQ(folded(" \n "), "");
}

}  // namespace
}  // namespace vg::text
