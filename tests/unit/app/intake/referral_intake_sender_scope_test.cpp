// The intake binds every sender to what its organisation may send, and a duplicate never tells a
// sender about a referral it did not send. Organisations and people invented.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/intake/referral_intake.h"
#include "intake_store.h"
#include "support/field_errors.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using vg::testing::field_names;

using namespace std::chrono_literals;
namespace json = boost::json;

const std::string kForce = "7a1c0e52-3d4b-4c1e-9f00-0000000000c1";
const std::string kPartner = "7a1c0e52-3d4b-4c1e-9f00-0000000000c2";
const std::string kCommissioner = "7a1c0e52-3d4b-4c1e-9f00-0000000000c3";
const std::string kOtherForce = "7a1c0e52-3d4b-4c1e-9f00-0000000000c4";

// A Merseyside police referral of a rape and domestic abuse (crime reference `crime`).
json::object police_referral(const std::string& crime) {
  return json::parse(R"({
    "channel": "police", "area": "merseyside", "reported_to_police": true,
    "police_force_code": "E23000004", "crime_reference": ")" + crime + R"(",
    "incident_date": "2026-11-20", "date_reported": "2026-11-21", "offence_category": "rape",
    "flags": {"sexual_offence": true, "domestic_abuse": true}, "local_authority": "E08000012",
    "victim": {"type": "person", "name": "Robin Inventedname", "date_of_birth": "1990-04-05"},
    "consent": {"basis": "explicit_consent", "captured_by": "police:E23000004",
                "captured_at": "2026-11-21T14:00:00Z", "method": "police_form"}})").as_object();
}

class IntakeSenderScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    add(kForce, "police", {"merseyside"}, {"E23000004"});
    add(kPartner, "partner", {"merseyside"}, {});
    add(kCommissioner, "commissioner", {"merseyside"}, {});
    add(kOtherForce, "police", {"greater-manchester"}, {"E23000005"});
    intake_ = std::make_unique<testing::Intake>(*store_, clock_, VG_SOURCE_DIR "/config");
  }

  void add(const std::string& id, const std::string& kind, std::vector<std::string> areas,
           std::vector<std::string> codes) {
    accounts::AuditEntry audit;
    audit.actor = "test";
    audit.action = "organisation.upsert";
    ASSERT_TRUE(store_->accounts()
                    .upsert_organisation({id, "Invented " + kind, kind, std::move(areas), std::move(codes)}, audit)
                    .has_value());
  }

  Result<IntakeOutcome> send(const json::object& referral, const std::string& org) {
    return intake_->referrals.submit(json::serialize(referral), org, "", "test");
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<testing::Intake> intake_;
};

TEST_F(IntakeSenderScopeTest, AForceSendsItsOwnReferrals) {
  auto sent = send(police_referral("MP/1"), kForce);
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(sent->kind, IntakeOutcome::Kind::kCreated);
}

TEST_F(IntakeSenderScopeTest, APartnerCannotSendAsThePoliceAndNothingIsStored) {
  auto sent = send(police_referral("MP/1"), kPartner);
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "forbidden");
  EXPECT_EQ(field_names(sent.error()), std::vector<std::string>{"$.channel"});
  EXPECT_EQ(store_->referrals().count().value(), 0);
}

TEST_F(IntakeSenderScopeTest, AnotherForceCannotNameThisForceOrItsArea) {
  auto sent = send(police_referral("MP/1"), kOtherForce);
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "forbidden");
  EXPECT_EQ(field_names(sent.error()), (std::vector<std::string>{"$.police_force_code", "$.area"}));
  EXPECT_EQ(store_->referrals().count().value(), 0);
}

TEST_F(IntakeSenderScopeTest, ACommissionerOrAnUnknownOrganisationSendsNothing) {
  for (const auto& org : {kCommissioner, std::string("7a1c0e52-3d4b-4c1e-9f00-0000000000ff")}) {
    auto sent = send(police_referral("MP/1"), org);
    ASSERT_FALSE(sent.has_value()) << org;
    EXPECT_EQ(sent.error().code, "forbidden");
  }
  EXPECT_EQ(store_->referrals().count().value(), 0);
}

TEST_F(IntakeSenderScopeTest, APlantedReferralNeitherLeaksNorDropsTheForcesOwn) {
  // The partner plants the force's crime reference on its own channel first...
  auto planted_body = police_referral("MP/2");
  planted_body["channel"] = "partner";
  auto planted = send(planted_body, kPartner);
  ASSERT_TRUE(planted.has_value()) << planted.error().message;
  EXPECT_EQ(planted->kind, IntakeOutcome::Kind::kCreated);
  // ...then the force sends its own: stored, answered as new, and the planted one is held.
  auto genuine = send(police_referral("MP/2"), kForce);
  ASSERT_TRUE(genuine.has_value()) << genuine.error().message;
  EXPECT_EQ(genuine->kind, IntakeOutcome::Kind::kCreated);
  EXPECT_NE(genuine->referral.reference, planted->referral.reference);
  EXPECT_EQ(genuine->referral.possible_duplicate_of, "") << "the force is told nothing of the planted one";
  EXPECT_EQ(store_->referrals().find(planted->referral.id).value()->possible_duplicate_of,
            genuine->referral.id);
  EXPECT_EQ(store_->referrals().find(genuine->referral.id).value()->possible_duplicate_of, "");
  // The partner sending it again learns only of its own referral.
  auto again = send(planted_body, kPartner);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->kind, IntakeOutcome::Kind::kDuplicate);
  EXPECT_EQ(again->referral.id, planted->referral.id);
  EXPECT_EQ(again->referral.reference, planted->referral.reference);
  EXPECT_EQ(store_->referrals().count().value(), 2);
}

TEST_F(IntakeSenderScopeTest, AFeedRowForAnotherForceIsRefusedWithItsField) {
  std::vector<FeedRow> rows{{2, police_referral("MP/3")}, {3, police_referral("MP/4")}};
  rows[1].referral["police_force_code"] = "E23000005";
  auto prepared = intake_->feeds.prepare_feed_batch(rows, kForce, "test");
  ASSERT_TRUE(prepared.has_value());
  auto stored = intake_->feeds.store_feed_batch(std::move(*prepared));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ((*stored)[0].kind, FeedRowOutcome::Kind::kAccepted);
  EXPECT_EQ((*stored)[1].kind, FeedRowOutcome::Kind::kRejected);
  ASSERT_EQ((*stored)[1].errors.size(), 1u);
  EXPECT_EQ((*stored)[1].errors[0].field, "$.police_force_code");
  EXPECT_EQ(store_->referrals().count().value(), 1);
}

}  // namespace
}  // namespace vg::app
