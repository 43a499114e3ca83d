#include "domain/assessment/enhanced_rights.h"

#include <gtest/gtest.h>

#include "referral_fixture.h"

namespace vg::assessment {
namespace {

using namespace fixture;
using Reasons = std::vector<std::string>;

TEST(EnhancedRights, OrdinaryAdultBurglaryHasNone) {
  const auto rights = enhanced_rights(valid_referral(), nullptr, 40);
  EXPECT_TRUE(rights.reasons.empty());
  EXPECT_FALSE(rights.intimidated);
}

TEST(EnhancedRights, DomesticAbuseAndHateCrimeAreMostSerious) {
  Referral r = valid_referral();
  r.flags.domestic_abuse = true;
  r.flags.hate_crime = true;
  EXPECT_EQ(enhanced_rights(r, nullptr, 40).reasons,
            (Reasons{"most_serious_crime:domestic_abuse", "most_serious_crime:hate_crime"}));
}

TEST(EnhancedRights, SexualOffenceVictimsAreIntimidated) {
  Referral r = valid_referral();
  r.flags.sexual_offence = true;
  const auto rights = enhanced_rights(r, nullptr, 40);
  EXPECT_TRUE(rights.intimidated);
  EXPECT_EQ(rights.reasons, (Reasons{"most_serious_crime:sexual_offence", "intimidated"}));
}

TEST(EnhancedRights, SexualOffenceCategoryCountsWithoutTheFlag) {
  const OffenceCategory rape = category("rape", "", true);
  const auto rights = enhanced_rights(valid_referral(), &rape, 40);
  EXPECT_TRUE(rights.intimidated);
  EXPECT_EQ(rights.reasons, (Reasons{"most_serious_crime:sexual_offence", "intimidated"}));
}

TEST(EnhancedRights, TraffickingVictimsAreIntimidated) {
  Referral r = valid_referral();
  r.flags.modern_slavery = true;
  const auto rights = enhanced_rights(r, nullptr, 40);
  EXPECT_TRUE(rights.intimidated);
  EXPECT_EQ(rights.reasons, (Reasons{"most_serious_crime:human_trafficking", "intimidated"}));
}

TEST(EnhancedRights, TraffickingCategoryGivesOneReasonNotTwo) {
  Referral r = valid_referral();
  r.flags.modern_slavery = true;
  const OffenceCategory slavery = category("modern_slavery", "human_trafficking");
  EXPECT_EQ(enhanced_rights(r, &slavery, 40).reasons,
            (Reasons{"most_serious_crime:human_trafficking", "intimidated"}));
}

TEST(EnhancedRights, MostSeriousCategoryGivesItsCode) {
  const OffenceCategory attempted = category("attempted_murder", "attempted_murder");
  EXPECT_EQ(enhanced_rights(valid_referral(), &attempted, 40).reasons,
            (Reasons{"most_serious_crime:attempted_murder"}));
  const OffenceCategory kidnapping = category("kidnapping", "kidnap");
  EXPECT_EQ(enhanced_rights(valid_referral(), &kidnapping, 40).reasons,
            (Reasons{"most_serious_crime:kidnap"}));
}

TEST(EnhancedRights, UnknownMostSeriousCodeIsIgnored) {
  const OffenceCategory odd = category("odd", "murder");
  EXPECT_TRUE(enhanced_rights(valid_referral(), &odd, 40).reasons.empty());
}

TEST(EnhancedRights, BereavedAndPersistentlyTargeted) {
  Referral r = valid_referral();
  r.person.bereaved_relative = true;
  r.person.persistently_targeted = true;
  EXPECT_EQ(enhanced_rights(r, nullptr, 40).reasons,
            (Reasons{"bereaved", "persistently_targeted"}));
}

TEST(EnhancedRights, Under18IsVulnerableAndEighteenIsNot) {
  EXPECT_EQ(enhanced_rights(valid_referral(), nullptr, 17).reasons,
            (Reasons{"vulnerable:under_18"}));
  EXPECT_TRUE(enhanced_rights(valid_referral(), nullptr, 18).reasons.empty());
  EXPECT_TRUE(enhanced_rights(valid_referral(), nullptr, std::nullopt).reasons.empty());
}

TEST(EnhancedRights, DisabilitiesThatMakeAVictimVulnerable) {
  Referral r = valid_referral();
  r.person.disabilities = {"physical_disability", "sensory_impairment", "learning_disability",
                           "mental_disorder"};
  EXPECT_EQ(enhanced_rights(r, nullptr, 40).reasons,
            (Reasons{"vulnerable:mental_disorder", "vulnerable:learning_disability",
                     "vulnerable:physical_disability"}));
}

TEST(EnhancedRights, VictimWhoSaysTheyAreIntimidated) {
  Referral r = valid_referral();
  r.person.intimidated = true;
  const auto rights = enhanced_rights(r, nullptr, 40);
  EXPECT_TRUE(rights.intimidated);
  EXPECT_EQ(rights.reasons, (Reasons{"intimidated"}));
}

TEST(EnhancedRights, ReasonsComeInTheDocumentedOrder) {
  Referral r = valid_referral();
  r.flags.domestic_abuse = true;
  r.flags.hate_crime = true;
  r.flags.sexual_offence = true;
  r.flags.modern_slavery = true;
  r.person.bereaved_relative = true;
  r.person.persistently_targeted = true;
  r.person.disabilities = {"physical_disability", "learning_disability", "mental_disorder"};
  const OffenceCategory terrorism = category("terrorism", "terrorism");
  EXPECT_EQ(
      enhanced_rights(r, &terrorism, 12).reasons,
      (Reasons{"most_serious_crime:domestic_abuse", "most_serious_crime:hate_crime",
               "most_serious_crime:sexual_offence", "most_serious_crime:human_trafficking",
               "most_serious_crime:terrorism", "bereaved", "persistently_targeted",
               "vulnerable:under_18", "vulnerable:mental_disorder",
               "vulnerable:learning_disability", "vulnerable:physical_disability", "intimidated"}));
}

TEST(EnhancedRights, BusinessesGetNoPersonBasedReasons) {
  Referral r = valid_referral();
  r.victim_type = intake::VictimType::kBusiness;
  r.flags.hate_crime = true;
  r.flags.sexual_offence = true;
  r.person.bereaved_relative = true;
  r.person.intimidated = true;
  r.person.disabilities = {"mental_disorder"};
  const auto rights = enhanced_rights(r, nullptr, 12);
  EXPECT_EQ(rights.reasons,
            (Reasons{"most_serious_crime:hate_crime", "most_serious_crime:sexual_offence"}));
  EXPECT_FALSE(rights.intimidated);
}

TEST(MostSeriousCrimeCodes, AreTheCodesList) {
  for (std::string_view code :
       {"terrorism", "attempted_murder", "kidnap", "false_imprisonment", "arson_endangering_life",
        "wounding_with_intent", "human_trafficking"}) {
    EXPECT_TRUE(is_most_serious_crime_code(code)) << code;
  }
  EXPECT_FALSE(is_most_serious_crime_code("murder"));
  EXPECT_FALSE(is_most_serious_crime_code(""));
  EXPECT_EQ(most_serious_crime_codes().size(), 7u);
}

}  // namespace
}  // namespace vg::assessment
