#include "domain/insight/grant_return.h"

#include <gtest/gtest.h>

namespace vg::insight {
namespace {

using namespace std::chrono;

FactGroup group(std::string stream, bool enhanced, std::int64_t referrals, std::int64_t contacted,
                std::int64_t supported, std::map<std::string, std::string> outcomes = {}) {
  FactGroup g;
  g.service_id = "svc-a";
  g.funding_stream = std::move(stream);
  g.enhanced = enhanced;
  g.referrals = referrals;
  g.contacted = contacted;
  g.supported = supported;
  g.closed = outcomes.empty() ? 0 : referrals;
  for (const auto& [need, outcome] : outcomes) g.outcomes[need][outcome] = referrals;
  return g;
}

TEST(GrantReturn, ExactCountsByStreamAndRightsNothingSuppressed) {
  const std::vector<FactGroup> groups = {
      group("victims_grant", false, 3, 2, 1, {{"safety", "yes"}, {"health", "partly"}}),
      group("victims_grant", true, 2, 2, 2, {{"safety", "yes"}}),
      group("victims_grant", false, 1, 0, 0),
      group("asb_support", false, 4, 3, 1, {{"safety", "no"}}),
  };
  const auto r = grant_return("invented-area", {year{2026} / January, year{2026} / March}, groups,
                              {{"asb_support", "Community safety fund"}});
  ASSERT_EQ(r.streams.size(), 2u);
  const auto& asb = r.streams[0];
  EXPECT_EQ(asb.funding_stream, "asb_support");
  EXPECT_EQ(asb.label, "Community safety fund");
  EXPECT_EQ(asb.referred, (RightsSplit{4, 0}));
  const auto& grant = r.streams[1];
  EXPECT_EQ(grant.label, "Victims' grant (Ministry of Justice)");
  EXPECT_EQ(grant.referred, (RightsSplit{4, 2})) << "small counts stay exact";
  EXPECT_EQ(grant.contacted, (RightsSplit{2, 2}));
  EXPECT_EQ(grant.supported, (RightsSplit{1, 2}));
  EXPECT_EQ(grant.closed, (RightsSplit{3, 2}));
  EXPECT_EQ(grant.outcomes.at("safety").at("yes"), (RightsSplit{3, 2}));
  EXPECT_EQ(grant.outcomes.at("health").at("partly"), (RightsSplit{3, 0}));
  EXPECT_FALSE(grant.outcomes.at("safety").contains("no")) << "ASB's outcome is not the grant's";
  EXPECT_EQ(r.all.referred.all(), 10);
  EXPECT_EQ(r.all.outcomes.at("safety").at("no"), (RightsSplit{4, 0}));
}

TEST(GrantReturn, NothingReceivedIsAllZero) {
  const auto r = grant_return("invented-area", {year{2026} / January, year{2026} / January}, {});
  EXPECT_TRUE(r.streams.empty());
  EXPECT_EQ(r.all.referred.all(), 0);
}

}  // namespace
}  // namespace vg::insight
