// The intake's checks on what a referral holds, through the service every channel uses (API,
// staff form, bulk feed): the local authority must exist and be in the referral's area (issue 10
// item 4), and a referral without an area, or for an area not served here, reports every other
// field error with the area's (item 8).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>

#include "app/intake/referral_intake.h"
#include "intake_store.h"
#include "support/field_errors.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using vg::testing::has_error;
using vg::testing::fields_of;

using namespace std::chrono_literals;
namespace json = boost::json;

constexpr const char* kPolice = "7a1c0e52-0000-4000-8000-00000000000a";

json::object referral() {
  return json::parse(R"({
    "channel": "police", "area": "merseyside", "reported_to_police": true,
    "police_force_code": "E23000004", "crime_reference": "CHECKS-1",
    "offence_category": "burglary_residential", "local_authority": "E08000012",
    "victim": {"type": "person", "name": "Jamie Inventedname", "age": 40}})")
      .as_object();
}

class IntakeInputChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    testing::add_police_organisation(*store_, kPolice);
    intake_ = std::make_unique<testing::Intake>(*store_, clock_, std::string(VG_SOURCE_DIR) + "/config");
  }

  std::vector<FieldError> preview_errors(const json::object& r) {
    auto answer = intake_->referrals.preview(json::serialize(r));
    EXPECT_FALSE(answer.has_value());
    if (answer) return {};
    EXPECT_EQ(answer.error().code, "validation_failed");
    return answer.error().fields;
  }

  std::vector<FieldError> feed_errors(const json::object& r) {
    auto prepared = intake_->feeds.prepare_feed_batch({FeedRow{2, r}}, kPolice, "system:test");
    EXPECT_TRUE(prepared.has_value());
    if (!prepared) return {};
    EXPECT_TRUE(prepared->groups.empty()) << "nothing to store";
    return prepared->outcomes.at(0).errors;
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<testing::Intake> intake_;
};

TEST_F(IntakeInputChecksTest, AValidReferralPasses) {
  auto answer = intake_->referrals.preview(json::serialize(referral()));
  EXPECT_TRUE(answer.has_value()) << fields_of(answer ? std::vector<FieldError>{} : answer.error().fields);
}

TEST_F(IntakeInputChecksTest, ALocalAuthorityMustExistAndBeInTheReferralsArea) {
  auto unknown = referral();
  unknown["local_authority"] = "E08999999";
  auto errors = preview_errors(unknown);
  EXPECT_TRUE(has_error(errors, "$.local_authority", "unknown")) << fields_of(errors);
  auto elsewhere = referral();
  elsewhere["local_authority"] = "E08000003";  // Manchester: Greater Manchester, not Merseyside
  errors = preview_errors(elsewhere);
  EXPECT_TRUE(has_error(errors, "$.local_authority", "not_in_area")) << fields_of(errors);
  errors = feed_errors(elsewhere);
  EXPECT_TRUE(has_error(errors, "$.local_authority", "not_in_area")) << fields_of(errors);
}

TEST_F(IntakeInputChecksTest, WithoutAnAreaEveryOtherErrorIsReportedToo) {
  auto r = referral();
  r.erase("area");
  r["victim"].as_object()["name"] = "";
  r["postcode"] = "L1 1AAAA";
  r["local_authority"] = "E08999999";
  for (const auto& errors : {preview_errors(r), feed_errors(r)}) {
    EXPECT_TRUE(has_error(errors, "$.area", "required")) << fields_of(errors);
    EXPECT_TRUE(has_error(errors, "$.victim.name", "required")) << fields_of(errors);
    EXPECT_TRUE(has_error(errors, "$.postcode", "malformed")) << fields_of(errors);
    EXPECT_TRUE(has_error(errors, "$.local_authority", "unknown")) << fields_of(errors);
  }
}

TEST_F(IntakeInputChecksTest, ForAnAreaNotServedHereEveryOtherErrorIsReportedToo) {
  auto r = referral();
  r["area"] = "atlantis";
  r.erase("crime_reference");
  for (const auto& errors : {preview_errors(r), feed_errors(r)}) {
    EXPECT_TRUE(has_error(errors, "$.area", "unknown")) << fields_of(errors);
    EXPECT_TRUE(has_error(errors, "$.crime_reference", "required")) << fields_of(errors);
    // A place that exists is not "in another area" of an area nobody knows.
    EXPECT_FALSE(has_error(errors, "$.local_authority", "not_in_area")) << fields_of(errors);
  }
}

TEST_F(IntakeInputChecksTest, NothingIsStoredForARefusedReferral) {
  auto r = referral();
  r["postcode"] = "L1 1AAAA";
  auto answer = intake_->referrals.submit(json::serialize(r), kPolice, "", "system:test");
  ASSERT_FALSE(answer.has_value());
  r.erase("postcode");
  answer = intake_->referrals.submit(json::serialize(r), kPolice, "", "system:test");
  ASSERT_TRUE(answer.has_value()) << answer.error().message;
  EXPECT_TRUE(answer->created()) << "the refused one was not stored as the original";
}

}  // namespace
}  // namespace vg::app
