#include "app/accounts/recovery_codes.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace vg::app {
namespace {

TEST(RecoveryCodes, TenDifferentCodesEasyToReadOut) {
  const auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
  for (const auto& c : codes) {
    EXPECT_TRUE(
        std::regex_match(c, std::regex("[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{2}")))
        << c;
  }
}

TEST(RecoveryCodes, TheSameCodeHashesTheSameHoweverItIsTyped) {
  EXPECT_EQ(recovery_code_hash("k7rm-2qxp-h4"), recovery_code_hash(" K7RM 2QXP H4 "));
  EXPECT_NE(recovery_code_hash("k7rm-2qxp-h4"), recovery_code_hash("k7rm-2qxp-h5"));
  EXPECT_EQ(recovery_code_hash("k7rm-2qxp-h4").size(), 64u);
  EXPECT_EQ(recovery_code_hash("k7rm-2qxp-h4").find("k7rm"), std::string::npos);
}

}  // namespace
}  // namespace vg::app
