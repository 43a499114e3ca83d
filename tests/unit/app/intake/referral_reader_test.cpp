// Reading a stored referral goes through the access table: its sender's staff may, others get
// "not_found" exactly as for a reference that does not exist, and a role that reads no referral
// gets "forbidden". Organisations and people invented.
#include "app/intake/referral_reader.h"

#include <gtest/gtest.h>

#include "app/intake/referral_intake.h"
#include "intake_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

const std::string kPartner = "7a1c0e52-3d4b-4c1e-9f00-0000000000d1";
const std::string kOtherPartner = "7a1c0e52-3d4b-4c1e-9f00-0000000000d2";

class ReferralReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    for (const auto& id : {kPartner, kOtherPartner}) {
      accounts::AuditEntry audit;
      audit.actor = "test";
      audit.action = "organisation.upsert";
      ASSERT_TRUE(store_->accounts().upsert_organisation({id, "Invented partner", "partner", {"merseyside"}, {}}, audit));
    }
    testing::Intake intake(*store_, clock_, VG_SOURCE_DIR "/config");
    auto sent = intake.referrals.submit(R"({"channel": "partner", "area": "merseyside", "reported_to_police": false,
      "incident_date": "2026-11-20", "date_reported": "2026-11-21", "offence_category": "burglary_residential",
      "local_authority": "E08000012",
      "victim": {"type": "person", "name": "Robin Inventedname", "date_of_birth": "1990-04-05"},
      "consent": {"basis": "explicit_consent", "captured_by": "partner:test",
                  "captured_at": "2026-11-21T14:00:00Z", "method": "partner_form"}})",
                              kPartner, "", "test");
    ASSERT_TRUE(sent.has_value()) << sent.error().message << " " << (sent.error().fields.empty() ? "" : sent.error().fields[0].field + ": " + sent.error().fields[0].message);
    reference_ = sent->referral.reference;
  }

  static access::Actor caseworker(const std::string& org, std::vector<std::string> areas = {"merseyside"}) {
    return {accounts::Role::kPartnerCaseworker, "user-1", org, "partner", std::move(areas), ""};
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::string reference_;
};

TEST_F(ReferralReaderTest, TheSendersStaffReadIt) {
  ReferralReader reader(*store_);
  auto found = reader.find_by_reference(caseworker(kPartner), reference_);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(found->reference, reference_);
}

TEST_F(ReferralReaderTest, AnotherOrganisationIsToldItDoesNotExist) {
  ReferralReader reader(*store_);
  auto theirs = reader.find_by_reference(caseworker(kOtherPartner), reference_);
  auto absent = reader.find_by_reference(caseworker(kOtherPartner), "MY-2026-999999");
  ASSERT_FALSE(theirs.has_value());
  ASSERT_FALSE(absent.has_value());
  EXPECT_EQ(theirs.error().code, "not_found");
  EXPECT_EQ(theirs.error().code, absent.error().code);
  EXPECT_EQ(theirs.error().message, absent.error().message);
}

TEST_F(ReferralReaderTest, ItsOwnSenderCannotReachItOutsideTheAreasItServesNow) {
  // The organisation's areas changed: what it sent for Merseyside is no longer reachable.
  ReferralReader reader(*store_);
  auto found = reader.find_by_reference(caseworker(kPartner, {"staffordshire"}), reference_);
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, "not_found");
}

TEST_F(ReferralReaderTest, ARoleThatReadsNoReferralsIsForbidden) {
  ReferralReader reader(*store_);
  access::Actor commissioner{accounts::Role::kCommissioner, "user-2", kPartner, "commissioner", {"merseyside"}, ""};
  auto found = reader.find_by_reference(commissioner, reference_);
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, "forbidden");
}

}  // namespace
}  // namespace vg::app
