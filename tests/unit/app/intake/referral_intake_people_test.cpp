// A referral a person enters on the staff form: the use case asks the access table whether this
// person may enter a referral in its area, before anything is assessed or stored. Organisations,
// people and crimes invented.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <future>

#include "app/intake/referral_intake.h"
#include "intake_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

const std::string kHub = "7a1c0e52-3d4b-4c1e-9f00-0000000000d1";

// A phone referral of a burglary in Merseyside, not reported to the police.
std::string phone_referral() {
  return R"({"channel": "phone", "area": "merseyside", "reported_to_police": false,
    "incident_date": "2026-11-20", "offence_category": "burglary_residential",
    "local_authority": "E08000012",
    "victim": {"type": "person", "name": "Alex Inventedname", "date_of_birth": "1985-02-03"},
    "consent": {"basis": "explicit_consent", "captured_by": "advisor:test",
                "captured_at": "2026-11-23T09:00:00Z", "method": "phone"}})";
}

class ReferralIntakePeopleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    accounts::AuditEntry audit;
    audit.actor = "test";
    audit.action = "organisation.upsert";
    ASSERT_TRUE(store_->accounts()
                    .upsert_organisation({kHub, "Invented Hub", "gateway", {"merseyside"}, {}}, audit)
                    .has_value());
    intake_ = std::make_unique<testing::Intake>(*store_, clock_, VG_SOURCE_DIR "/config");
  }

  static access::Actor person(accounts::Role role, std::vector<std::string> areas = {"merseyside"}) {
    return {role, "user-1", kHub, "gateway", std::move(areas), ""};
  }

  Result<IntakeOutcome> enter(const access::Actor& actor) {
    std::promise<Result<IntakeOutcome>> answered;
    auto answer = answered.get_future();
    intake_->referrals.submit_async(phone_referral(), actor, "",
                                    [&](Result<IntakeOutcome> a) { answered.set_value(std::move(a)); });
    return answer.get();
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<testing::Intake> intake_;
};

TEST_F(ReferralIntakePeopleTest, AnAdvisorEntersAReferralInTheirAreaAsTheirOrganisation) {
  auto sent = enter(person(accounts::Role::kGatewayAdvisor));
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_TRUE(sent->created());
  EXPECT_EQ(sent->referral.source_organisation_id, kHub);
  EXPECT_EQ(sent->referral.channel, "phone");
  // The audit entry names the person who entered it.
  auto entries = store_->audit().read(0, 100).value();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().action, "referral.create");
  EXPECT_EQ(entries.back().actor, "user-1");
}

TEST_F(ReferralIntakePeopleTest, ARoleWithNoLineForEnteringReferralsIsRefusedAndNothingIsStored) {
  auto sent = enter(person(accounts::Role::kCommissioner));
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "forbidden");
  ASSERT_EQ(sent.error().fields.size(), 1u);
  EXPECT_EQ(sent.error().fields[0].field, "$.area");
  EXPECT_EQ(store_->referrals().count().value(), 0);
}

TEST_F(ReferralIntakePeopleTest, NobodyEntersAReferralInAnAreaTheirOrganisationDoesNotServe) {
  auto sent = enter(person(accounts::Role::kGatewayAdvisor, {"staffordshire"}));
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, "forbidden");
  ASSERT_EQ(sent.error().fields.size(), 1u);
  EXPECT_EQ(sent.error().fields[0].field, "$.area");
  EXPECT_EQ(store_->referrals().count().value(), 0);
}

}  // namespace
}  // namespace vg::app
