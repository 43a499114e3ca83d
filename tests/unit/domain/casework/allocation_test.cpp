#include "domain/casework/allocation.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

TEST(AllocationTest, SkillsFollowTheReferral) {
  intake::Referral r;
  r.flags.sexual_offence = true;
  r.person.language = "PL";
  assessment::Assessment a;
  a.age_band = "under_18";
  EXPECT_EQ(skills_needed(r, a), (std::vector<std::string>{"children", "isva", "lang:pl"}));
  intake::Referral da;
  da.flags.domestic_abuse = true;
  assessment::Assessment high;
  high.risk.level = intake::RiskLevel::kHigh;
  EXPECT_EQ(skills_needed(da, high), std::vector<std::string>{"idva"});
  EXPECT_TRUE(skills_needed(da, assessment::Assessment{}).empty());
  intake::Referral shop;
  shop.victim_type = intake::VictimType::kBusiness;
  EXPECT_EQ(skills_needed(shop, assessment::Assessment{}), std::vector<std::string>{"business"});
}

TEST(AllocationTest, OffersTheSkilledCaseworkerWithMostRoom) {
  std::vector<Candidate> team{{"a", {"isva"}, 10, 9}, {"b", {"isva", "children"}, 20, 5}, {"c", {}, 20, 0}};
  EXPECT_EQ(offer_to(team, {"isva"}), "b");
  EXPECT_EQ(offer_to(team, {}), "c");
  EXPECT_EQ(offer_to(team, {"isva", "children"}), "b");
}

TEST(AllocationTest, NobodyFullAndNobodyWithoutTheSkills) {
  std::vector<Candidate> team{{"a", {"isva"}, 10, 10}, {"c", {}, 20, 0}};
  EXPECT_FALSE(offer_to(team, {"isva"}));
  EXPECT_FALSE(offer_to({}, {}));
}

TEST(AllocationTest, TheOfferDoesNotDependOnOrder) {
  std::vector<Candidate> one{{"x", {}, 10, 5}, {"y", {}, 20, 10}};
  std::vector<Candidate> two{{"y", {}, 20, 10}, {"x", {}, 10, 5}};
  EXPECT_EQ(offer_to(one, {}), offer_to(two, {}));
  EXPECT_EQ(offer_to(one, {}), "x");  // equal room for their size: fewer cases first
}

}  // namespace
}  // namespace vg::casework
