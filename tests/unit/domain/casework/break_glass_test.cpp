// Break glass's rules: the fixed reasons (codes both ways, a label each) and when a grant holds.
#include "domain/casework/break_glass.h"

#include <gtest/gtest.h>

#include <set>

namespace vg::casework {
namespace {

using namespace std::chrono;

const Instant kStart = sys_days{2026y / November / 25} + hours(9);

BreakGlassGrant grant() {
  BreakGlassGrant g;
  g.granted_at = kStart;
  g.expires_at = kStart + hours(8);
  return g;
}

TEST(BreakGlassReasons, EachHasACodeThatReadsBackAndALabel) {
  std::set<std::string_view> codes;
  for (const auto reason : kBreakGlassReasons) {
    EXPECT_EQ(break_glass_reason_from_code(to_code(reason)), reason);
    EXPECT_FALSE(break_glass_reason_label(reason).empty());
    EXPECT_TRUE(codes.insert(to_code(reason)).second);
  }
  EXPECT_EQ(codes, (std::set<std::string_view>{"safeguarding_concern", "victim_contacted_us", "covering_for_colleague",
                                               "duty_cover", "other"}));
  EXPECT_FALSE(break_glass_reason_from_code(""));
  EXPECT_FALSE(break_glass_reason_from_code("curious"));
}

TEST(BreakGlassGrantInForce, FromItsRecordingUntilItsHoursRunOut) {
  const auto g = grant();
  EXPECT_FALSE(in_force(g, kStart - seconds(1)));
  EXPECT_TRUE(in_force(g, kStart));
  EXPECT_TRUE(in_force(g, kStart + hours(8) - seconds(1)));
  EXPECT_FALSE(in_force(g, kStart + hours(8)));
}

TEST(BreakGlassGrantInForce, EndsWhenItsHolderSignsOut) {
  auto g = grant();
  g.ended_at = kStart + hours(1);
  EXPECT_TRUE(in_force(g, kStart + minutes(59)));
  EXPECT_FALSE(in_force(g, kStart + hours(1)));
  EXPECT_FALSE(in_force(g, kStart + hours(2)));
}

}  // namespace
}  // namespace vg::casework
