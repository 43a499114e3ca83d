#include "domain/assessment/age.h"

#include <gtest/gtest.h>

#include "referral_fixture.h"

namespace vg::assessment {
namespace {

using namespace fixture;

TEST(Age, BirthdayCountsOnTheDay) {
  EXPECT_EQ(age_on(date(2008, 3, 10), date(2026, 3, 10)), 18);
  EXPECT_EQ(age_on(date(2008, 3, 10), date(2026, 3, 9)), 17);
  EXPECT_EQ(age_on(date(2008, 3, 10), date(2026, 3, 11)), 18);
}

TEST(Age, LeapDayBirthTurnsOlderOnFirstMarchInCommonYears) {
  EXPECT_EQ(age_on(date(2008, 2, 29), date(2026, 2, 28)), 17);
  EXPECT_EQ(age_on(date(2008, 2, 29), date(2026, 3, 1)), 18);
  EXPECT_EQ(age_on(date(2008, 2, 29), date(2028, 2, 29)), 20);
  EXPECT_EQ(age_on(date(2008, 2, 29), date(2028, 2, 28)), 19);
}

TEST(Age, BornTodayIsZero) { EXPECT_EQ(age_on(date(2026, 3, 10), date(2026, 3, 10)), 0); }

TEST(Age, DateOfBirthWinsOverGivenAge) {
  Referral r = valid_referral();
  r.person.date_of_birth = date(2010, 3, 11);
  r.person.age = 30;
  EXPECT_EQ(victim_age(r, date(2026, 3, 10)), 15);
}

TEST(Age, GivenAgeWhenNoDateOfBirth) {
  Referral r = valid_referral();
  r.person.date_of_birth.reset();
  r.person.age = 72;
  EXPECT_EQ(victim_age(r, kToday), 72);
  r.person.age.reset();
  EXPECT_EQ(victim_age(r, kToday), std::nullopt);
}

TEST(Age, FutureDateOfBirthFallsBackToGivenAge) {
  Referral r = valid_referral();
  r.person.date_of_birth = date(2027, 1, 1);
  r.person.age.reset();
  EXPECT_EQ(victim_age(r, kToday), std::nullopt);
  r.person.age = 9;
  EXPECT_EQ(victim_age(r, kToday), 9);
}

TEST(Age, BusinessesHaveNoAge) {
  Referral r = valid_referral();
  r.victim_type = intake::VictimType::kBusiness;
  r.person.age = 40;
  EXPECT_EQ(victim_age(r, kToday), std::nullopt);
}

TEST(AgeBand, BoundariesAt18And65) {
  EXPECT_EQ(age_band(std::nullopt), "unknown");
  EXPECT_EQ(age_band(0), "under_18");
  EXPECT_EQ(age_band(17), "under_18");
  EXPECT_EQ(age_band(18), "18_to_64");
  EXPECT_EQ(age_band(64), "18_to_64");
  EXPECT_EQ(age_band(65), "65_and_over");
  EXPECT_EQ(age_band(104), "65_and_over");
}

}  // namespace
}  // namespace vg::assessment
