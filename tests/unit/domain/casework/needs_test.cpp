#include "domain/casework/needs.h"

#include <gtest/gtest.h>

#include <set>

namespace vg::casework {
namespace {

using enum NeedRating;

TEST(NeedsTest, TheDefaultListIsTheTenDomainsOfTheBriefWithUniqueCodes) {
  const auto& domains = default_need_domains();
  ASSERT_EQ(domains.size(), 10u);
  std::set<std::string> codes;
  for (const auto& d : domains) {
    EXPECT_FALSE(d.label.empty());
    codes.insert(d.code);
  }
  EXPECT_EQ(codes.size(), domains.size());
  EXPECT_TRUE(codes.contains("mental_health"));
  EXPECT_TRUE(codes.contains("children_family"));
}

TEST(NeedsTest, ANeedThatNoLongerAffectsThemIsAYes) {
  EXPECT_EQ(need_outcome(kHigh, kNone), NeedOutcome::kYes);
  EXPECT_EQ(need_outcome(kLow, kNone), NeedOutcome::kYes);
}

TEST(NeedsTest, ANeedThatAffectsThemLessIsPartly) {
  EXPECT_EQ(need_outcome(kHigh, kLow), NeedOutcome::kPartly);
  EXPECT_EQ(need_outcome(kMedium, kLow), NeedOutcome::kPartly);
  EXPECT_EQ(need_outcome(kHigh, kMedium), NeedOutcome::kPartly);
}

TEST(NeedsTest, TheSameOrWorseOrANewNeedIsANo) {
  EXPECT_EQ(need_outcome(kMedium, kMedium), NeedOutcome::kNo);
  EXPECT_EQ(need_outcome(kLow, kHigh), NeedOutcome::kNo);
  EXPECT_EQ(need_outcome(kNone, kLow), NeedOutcome::kNo);
}

TEST(NeedsTest, NeverANeedIsNotCountedEitherWay) {
  EXPECT_EQ(need_outcome(kNone, kNone), NeedOutcome::kNoNeed);
}

TEST(NeedsTest, OutcomesCoverDomainsRatedBothTimes) {
  auto out = need_outcomes({{"safety", kHigh}, {"finance", kLow}, {"accommodation", kMedium}},
                           {{"safety", kLow}, {"finance", kNone}});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out.at("safety"), NeedOutcome::kPartly);
  EXPECT_EQ(out.at("finance"), NeedOutcome::kYes);
}

TEST(NeedsTest, CodesRoundTrip) {
  for (auto r : {kNone, kLow, kMedium, kHigh}) EXPECT_EQ(need_rating_from_code(to_code(r)), r);
  for (auto o : {NeedOutcome::kYes, NeedOutcome::kPartly, NeedOutcome::kNo, NeedOutcome::kNoNeed}) {
    EXPECT_EQ(need_outcome_from_code(to_code(o)), o);
  }
  EXPECT_FALSE(need_rating_from_code("severe"));
}

TEST(NeedsTest, EveryDomainMustBeRatedAndEachMissingOneIsNamed) {
  const std::vector<NeedDomain> domains{{"safety", "Safety and security"},
                                        {"finance", "Finance and benefits"}};
  auto ok = read_ratings(domains, {{"safety", "high"}, {"finance", "none"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->at("safety"), kHigh);
  auto missing = read_ratings(domains, {{"safety", "high"}, {"finance", "severe"}});
  ASSERT_FALSE(missing);
  ASSERT_EQ(missing.error().fields.size(), 1u);
  EXPECT_EQ(missing.error().fields[0].field, "need_finance");
  auto unknown = read_ratings(domains, {{"safety", "low"}, {"finance", "low"}, {"pets", "low"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields[0].field, "need_pets");
}

}  // namespace
}  // namespace vg::casework
