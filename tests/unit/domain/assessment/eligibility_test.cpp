#include "domain/assessment/eligibility.h"

#include <gtest/gtest.h>

#include "referral_fixture.h"

namespace vg::assessment {
namespace {

using namespace fixture;

TEST(Eligibility, AnyCrimeAnyDateReportedOrNotIsEligible) {
  Referral r = valid_referral();
  EXPECT_EQ(assess_eligibility(r), Eligibility::kEligible);
  r.reported_to_police = false;
  r.crime_reference.clear();
  r.incident_date = date(1995, 1, 1);  // historic abuse is still a crime with a victim
  r.offence_category.clear();
  EXPECT_EQ(assess_eligibility(r), Eligibility::kEligible);
}

TEST(Eligibility, NonCrimeAntiSocialBehaviourIsNotChargedToTheGrant) {
  Referral r = valid_referral();
  r.flags.non_crime_asb = true;
  EXPECT_EQ(assess_eligibility(r), Eligibility::kNonCrimeAsb);
}

}  // namespace
}  // namespace vg::assessment
