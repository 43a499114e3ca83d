// The staff referral form becomes the referral JSON every channel sends, and the checks' errors
// point back at the inputs.
#include "app/intake/referral_form.h"

#include <gtest/gtest.h>

#include "app/intake/referral_json.h"

namespace vg::app::referral_form {
namespace {

const Entry kPhone{"phone", "user-1", "2026-11-23T10:00:00Z"};

FormFields person() {
  return {{"victim.type", "person"},
          {"victim.name", "Jamie Inventedname"},
          {"victim.date_of_birth-day", "1"},
          {"victim.date_of_birth-month", "2"},
          {"victim.date_of_birth-year", "1970"},
          {"local_authority", "E08000003"},
          {"reported_to_police", "yes"},
          {"crime_reference", "GM-42"},
          {"flags.domestic_abuse", "true"},
          {"victim.disabilities", "mental_disorder"},
          {"victim.disabilities", "other"},
          {"safe_contact.safe_channels", "call"},
          {"safe_contact.safe_phone", "0161 496 0000"},
          {"risk_history.police_callouts_last_12_months", "3"},
          {"consent", "given"}};
}

TEST(ReferralForm, AFilledFormBecomesAReferralTheReaderAccepts) {
  auto converted = to_referral_json(person(), kPhone);
  ASSERT_TRUE(converted.errors.empty());
  auto r = parse_referral_json(converted.json);
  ASSERT_TRUE(r.has_value()) << r.error().message << converted.json;
  EXPECT_EQ(r->channel, intake::Channel::kPhone);
  EXPECT_EQ(r->area, "greater-manchester");
  EXPECT_EQ(r->police_force_code, "E23000005");  // the force where it happened
  EXPECT_TRUE(r->flags.domestic_abuse);
  EXPECT_EQ(r->person.disabilities, (std::vector<std::string>{"mental_disorder", "other"}));
  EXPECT_EQ(r->risk_history.police_callouts_last_12_months, 3);
  ASSERT_TRUE(r->consent.has_value());
  EXPECT_EQ(r->consent->captured_by, "user-1");
  EXPECT_EQ(r->consent->method, "phone");
}

TEST(ReferralForm, ARefusalToBeReferredIsAnOptOutAndNotAskedIsNeither) {
  auto form = person();
  form.back() = {"consent", "refused"};
  auto r = parse_referral_json(to_referral_json(form, kPhone).json);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->opted_out);
  form.back() = {"consent", "not_asked"};
  r = parse_referral_json(to_referral_json(form, kPhone).json);
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->opted_out);
  EXPECT_FALSE(r->consent.has_value());
}

TEST(ReferralForm, ABusinessTakesItsNameFromTheBusinessInputAndTheContactFromTheVictimName) {
  FormFields form = {{"victim.type", "business"}, {"business.name", "Example Stores Ltd"},
                     {"victim.name", "Sam Owner"}, {"victim.phone", "01827 000 000"},
                     {"victim.date_of_birth-day", "1"}, {"victim.date_of_birth-month", "1"},
                     {"victim.date_of_birth-year", "1980"}, {"local_authority", "E07000199"},
                     {"consent", "given"}};
  auto r = parse_referral_json(to_referral_json(form, {"partner", "user-2", "2026-11-23T10:00:00Z"}).json);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->victim_type, intake::VictimType::kBusiness);
  EXPECT_EQ(r->business.name, "Example Stores Ltd");
  EXPECT_EQ(r->business.contact_name, "Sam Owner");
  EXPECT_EQ(r->business.contact_phone, "01827 000 000");
  EXPECT_TRUE(r->flags.business_crime);
  EXPECT_EQ(r->channel, intake::Channel::kPartner);
  EXPECT_EQ(input_for("$.victim.name", form), "business.name");
  EXPECT_EQ(input_for("$.victim.contact_name", form), "victim.name");
}

TEST(ReferralForm, UnreadableDatesAndNumbersAndMissingChoicesNameTheirInputs) {
  FormFields form = {{"victim.type", "person"}, {"victim.age", "abc"},
                     {"incident_date-day", "31"}, {"incident_date-month", "2"}, {"incident_date-year", "2026"}};
  auto converted = to_referral_json(form, kPhone);
  std::vector<std::string> fields;
  for (const auto& e : converted.errors) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"victim.age", "incident_date-day", "consent", "local_authority"}));
}

TEST(ReferralForm, ErrorPathsMapToTheInputsThatHoldThem) {
  const FormFields form = person();
  EXPECT_EQ(input_for("$.victim.date_of_birth", form), "victim.date_of_birth-day");
  EXPECT_EQ(input_for("$.safe_contact.safe_channels[0]", form), "safe_contact.safe_channels");
  EXPECT_EQ(input_for("$.area", form), "local_authority");
  EXPECT_EQ(input_for("$", form), "");
}

}  // namespace
}  // namespace vg::app::referral_form
