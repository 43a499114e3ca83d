#include "domain/casework/case_consent.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

TEST(CaseConsentTest, OnlyConsentInForceShares) {
  EXPECT_TRUE(may_share("consented"));
  EXPECT_TRUE(may_share("refer_unless_opted_out"));
  EXPECT_FALSE(may_share("awaiting_consent"));
  EXPECT_FALSE(may_share("opted_out"));
  EXPECT_FALSE(may_share("withdrawn"));
  EXPECT_FALSE(may_share(""));
}

TEST(CaseConsentTest, AwaitingConsentCanBeGivenOrRefused) {
  EXPECT_EQ(consent_after("awaiting_consent", ConsentChange::kGive).value(), "consented");
  EXPECT_EQ(consent_after("awaiting_consent", ConsentChange::kRefuse).value(), "opted_out");
  EXPECT_FALSE(consent_after("awaiting_consent", ConsentChange::kWithdraw));
}

TEST(CaseConsentTest, WithdrawalStopsSharingAndConsentCanBeGivenAgain) {
  auto withdrawn = consent_after("consented", ConsentChange::kWithdraw).value();
  EXPECT_FALSE(may_share(withdrawn));
  EXPECT_EQ(consent_after(withdrawn, ConsentChange::kGive).value(), "consented");
  EXPECT_EQ(consent_after("refer_unless_opted_out", ConsentChange::kWithdraw).value(), "withdrawn");
}

TEST(CaseConsentTest, RefusingAfterConsentIsAWithdrawal) {
  auto refused = consent_after("consented", ConsentChange::kRefuse);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "change");
  EXPECT_FALSE(consent_after("consented", ConsentChange::kGive));
}

}  // namespace
}  // namespace vg::casework
