// Referral references and when a referral can be recognised as a repeat of another.
#include "domain/intake/referral_reference.h"

#include <gtest/gtest.h>

namespace vg::intake {
namespace {

TEST(ReferralReference, NumbersArePaddedToSixDigitsAndGrowBeyond) {
  EXPECT_EQ(reference_for("MY-2026-", 1), "MY-2026-000001");
  EXPECT_EQ(reference_for("GM-2027-", 123), "GM-2027-000123");
  EXPECT_EQ(reference_for("ST-2026-", 999999), "ST-2026-999999");
  EXPECT_EQ(reference_for("ST-2026-", 1000000), "ST-2026-1000000");
}

TEST(ReferralReference, APrefixIsRequired) {
  EXPECT_TRUE(check_reference_prefix("MY-2026-").has_value());
  auto refused = check_reference_prefix("");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "validation_failed");
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "reference_prefix");
}

TEST(ReferralReference, ARepeatIsRecognisedOnlyWithForceCrimeReferenceAndVictim) {
  StoredReferral r;
  r.police_force_code = "E23000004";
  r.crime_reference = "mp/0001/26";
  r.victim_key = "victim-key";
  EXPECT_TRUE(has_crime_reference(r));
  for (auto* field : {&r.police_force_code, &r.crime_reference, &r.victim_key}) {
    auto kept = *field;
    field->clear();
    EXPECT_FALSE(has_crime_reference(r));
    *field = kept;
  }
}

}  // namespace
}  // namespace vg::intake
