#include "domain/casework/duplicate_likeness.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;

// Invented people; 0151 496 0xxx are Ofcom drama numbers.
intake::Referral person(const std::string& name, std::optional<intake::Date> born, const std::string& phone) {
  intake::Referral r;
  r.person.name = name;
  r.person.date_of_birth = born;
  r.person.phone = phone;
  return r;
}

TEST(DuplicateLikenessTest, NameAndDateOfBirthMatchWhateverTheCaseAndSpacing) {
  const auto a = person("Morgan  Inventedname", year{1960} / 2 / 3, "");
  const auto b = person(" morgan inventedname", year{1960} / 2 / 3, "0151 496 0000");
  EXPECT_EQ(likeness(a, b), (std::vector<MatchKey>{MatchKey::kName, MatchKey::kDateOfBirth}));
  EXPECT_EQ(likeness_text(likeness(a, b)), "Same name and date of birth");
}

TEST(DuplicateLikenessTest, APhoneNumberMatchesByItsDigitsWithPlus44AsZero) {
  const auto a = person("Sam Invented", year{1990} / 1 / 1, "+44 151 496 0000");
  const auto b = person("Alex Invented", year{1990} / 1 / 1, "0151-4960000");
  EXPECT_EQ(likeness(a, b), (std::vector<MatchKey>{MatchKey::kDateOfBirth, MatchKey::kPhone}));
  EXPECT_EQ(likeness_text(likeness(a, b)), "Same date of birth and phone number");
}

TEST(DuplicateLikenessTest, ACrimeReferenceMatchesOnlyWithTheSameForce) {
  auto a = person("Sam Invented", std::nullopt, "");
  auto b = person("Alex Invented", std::nullopt, "");
  a.police_force_code = b.police_force_code = "E23000004";
  a.crime_reference = "CR/1/26";
  b.crime_reference = "cr/1/26";
  EXPECT_EQ(likeness(a, b), (std::vector<MatchKey>{MatchKey::kCrimeReference}));
  b.police_force_code = "E23000005";
  EXPECT_TRUE(likeness(a, b).empty());
  EXPECT_EQ(likeness_text({}), "No details match");
}

TEST(DuplicateLikenessTest, WhatEitherLeavesOutIsNeverAMatch) {
  const auto a = person("", std::nullopt, "");
  EXPECT_TRUE(likeness(a, a).empty());
}

TEST(DuplicateLikenessTest, APersonAndABusinessAreNeverAlike) {
  auto a = person("Tamworth Invented Stores", std::nullopt, "0151 496 0001");
  auto b = a;
  b.victim_type = intake::VictimType::kBusiness;
  b.business.name = "Tamworth Invented Stores";
  b.business.contact_phone = "0151 496 0001";
  EXPECT_TRUE(likeness(a, b).empty());
  auto c = b;
  EXPECT_EQ(likeness(b, c), (std::vector<MatchKey>{MatchKey::kName, MatchKey::kPhone}));
}

TEST(DuplicateLikenessTest, ThreeKeysAreWordedAsAList) {
  EXPECT_EQ(likeness_text({MatchKey::kName, MatchKey::kDateOfBirth, MatchKey::kCrimeReference}),
            "Same name, date of birth and crime reference");
}

}  // namespace
}  // namespace vg::casework
