#include "app/intake/referral_csv.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "app/intake/referral_json.h"

namespace vg::app {
namespace {

TEST(ReferralCsv, ARowBecomesTheApiShapeAndReadsAsAReferral) {
  auto layout = ReferralCsvLayout::from_header(
      "channel,area,reported_to_police,crime_reference,domestic_abuse,hate_strands,victim_name,"
      "victim_age,consent_basis").value();
  auto row = layout.row("police,merseyside,yes,CR-1,no,race; religion,\"Invented, Person\",40,explicit_consent").value();
  EXPECT_EQ(row.at("flags").at("domestic_abuse").as_bool(), false);
  EXPECT_EQ(row.at("flags").at("hate_strands").as_array().size(), 2u);
  EXPECT_EQ(row.at("victim").at("name").as_string(), "Invented, Person");
  EXPECT_EQ(row.at("victim").at("age").as_int64(), 40);
  auto referral = referral_from_json(row, "$");
  ASSERT_TRUE(referral.has_value());
  EXPECT_TRUE(referral->reported_to_police);
  EXPECT_EQ(referral->flags.hate_strands.size(), 2u);
}

TEST(ReferralCsv, EmptyCellsAreAbsentFields) {
  auto layout = ReferralCsvLayout::from_header("channel,victim_age,postcode").value();
  auto row = layout.row("police,,").value();
  EXPECT_FALSE(row.contains("postcode"));
  EXPECT_FALSE(row.contains("victim"));
}

TEST(ReferralCsv, UnknownAndRepeatedColumnsStopTheImport) {
  auto bad = ReferralCsvLayout::from_header("channel,colour,channel");
  ASSERT_FALSE(bad.has_value());
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].code, "unknown_column");
  EXPECT_EQ(bad.error().fields[1].code, "repeated_column");
}

TEST(ReferralCsv, BadCellsNameTheirColumn) {
  auto layout = ReferralCsvLayout::from_header("domestic_abuse,victim_age").value();
  auto row = layout.row("perhaps,forty");
  ASSERT_FALSE(row.has_value());
  ASSERT_EQ(row.error().fields.size(), 2u);
  EXPECT_EQ(row.error().fields[0].field, "domestic_abuse");
  EXPECT_EQ(row.error().fields[1].field, "victim_age");
  EXPECT_EQ(layout.row("yes").error().fields.at(0).field, "columns");
}

TEST(ReferralCsv, JsonPathsMapBackToColumns) {
  auto layout = ReferralCsvLayout::from_header("channel").value();
  EXPECT_EQ(layout.column_for("$.victim.date_of_birth"), "victim_date_of_birth");
  EXPECT_EQ(layout.column_for("$.flags.hate_strands[1]"), "hate_strands");
  EXPECT_EQ(layout.column_for("$.crime_reference"), "crime_reference");
  EXPECT_EQ(layout.column_for("$.consent.method"), "consent_method");
  EXPECT_EQ(layout.column_for("$.dash.answers"), "dash.answers");  // not a CSV column
}

}  // namespace
}  // namespace vg::app
