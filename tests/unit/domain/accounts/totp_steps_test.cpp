#include "domain/accounts/totp_steps.h"

#include <gtest/gtest.h>

namespace vg::accounts {
namespace {

using namespace std::chrono_literals;

Instant unix_seconds(std::int64_t s) { return Instant{} + std::chrono::seconds(s); }

// RFC 6238 appendix B's times and the step (T, in hex there) each one falls in. (Its last row,
// the year 2603, is past what a nanosecond system_clock holds; its code is checked by step in
// tests/unit/app/accounts/totp_test.cpp.)
TEST(TotpSteps, StepsAreThoseOfTheRfcAppendix) {
  EXPECT_EQ(totp_step_at(unix_seconds(59)), 0x1);
  EXPECT_EQ(totp_step_at(unix_seconds(1111111109)), 0x23523EC);
  EXPECT_EQ(totp_step_at(unix_seconds(1111111111)), 0x23523ED);
  EXPECT_EQ(totp_step_at(unix_seconds(1234567890)), 0x273EF07);
  EXPECT_EQ(totp_step_at(unix_seconds(2000000000)), 0x3F940AA);
}

TEST(TotpSteps, AStepLastsThirtySecondsFromItsStart) {
  EXPECT_EQ(totp_step_at(unix_seconds(60)), 2);
  EXPECT_EQ(totp_step_at(unix_seconds(89) + 999ms), 2);
  EXPECT_EQ(totp_step_at(unix_seconds(90)), 3);
}

TEST(TotpSteps, TheCurrentStepAndOneEitherSideAreAccepted) {
  EXPECT_EQ(acceptable_totp_steps(100, std::nullopt), (std::vector<std::int64_t>{99, 100, 101}));
}

TEST(TotpSteps, AStepAlreadySpentIsNeverAcceptedAgain) {
  EXPECT_EQ(acceptable_totp_steps(100, 99), (std::vector<std::int64_t>{100, 101}));
  EXPECT_EQ(acceptable_totp_steps(100, 100), (std::vector<std::int64_t>{101}));
  EXPECT_TRUE(acceptable_totp_steps(100, 101).empty());
  EXPECT_EQ(acceptable_totp_steps(100, 50), (std::vector<std::int64_t>{99, 100, 101}));
}

}  // namespace
}  // namespace vg::accounts
