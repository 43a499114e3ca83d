#include "domain/insight/funding_stream.h"

#include <gtest/gtest.h>

namespace vg::insight {
namespace {

TEST(CountedFundingStream, NonCrimeAsbNeverCountsAgainstTheVictimsGrant) {
  EXPECT_EQ(counted_funding_stream("victims_grant", true), "asb_support");
  EXPECT_EQ(counted_funding_stream("asb_support", true), "asb_support");
  EXPECT_EQ(counted_funding_stream("none", true), "none");
}

TEST(CountedFundingStream, ACrimeKeepsRoutingsStream) {
  EXPECT_EQ(counted_funding_stream("victims_grant", false), "victims_grant");
  EXPECT_EQ(counted_funding_stream("none", false), "none");
  EXPECT_EQ(counted_funding_stream("", false), "none");
}

TEST(FundingStreamLabel, TheAreasNameElseTheFixedWords) {
  EXPECT_EQ(funding_stream_label("asb_support", {{"asb_support", "Community safety fund"}}), "Community safety fund");
  EXPECT_EQ(funding_stream_label("victims_grant"), "Victims' grant (Ministry of Justice)");
  EXPECT_EQ(funding_stream_label("pcc_core"), "pcc_core");
}

}  // namespace
}  // namespace vg::insight
