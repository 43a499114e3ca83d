// What each organisation may send, as read from the store: the public's scope without an
// organisation, "forbidden" for one the store does not know, a scope trusted for a second and then
// read again (so a change reaches every process within it), and `check` naming each field a
// scope may not send. Organisations invented.
#include <gtest/gtest.h>

#include <memory>

#include "app/intake/sender_scopes.h"
#include "intake_store.h"
#include "support/field_errors.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using vg::testing::field_names;

using namespace std::chrono_literals;

const std::string kForce = "7a1c0e52-3d4b-4c1e-9f00-0000000000e1";
const std::string kUnknown = "7a1c0e52-3d4b-4c1e-9f00-0000000000ef";

// A Merseyside police referral, as a sender's organisation is checked against it.
intake::Referral police_referral() {
  intake::Referral r;
  r.channel = intake::Channel::kPolice;
  r.area = "merseyside";
  r.reported_to_police = true;
  r.police_force_code = "E23000004";
  r.crime_reference = "MP/1";
  return r;
}

class SenderScopesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    upsert(kForce, "police", {"merseyside"}, {"E23000004"});
  }

  void upsert(const std::string& id, const std::string& kind, std::vector<std::string> areas,
              std::vector<std::string> codes) {
    accounts::AuditEntry audit;
    audit.actor = "test";
    audit.action = "organisation.upsert";
    ASSERT_TRUE(store_->accounts()
                    .upsert_organisation({id, "Invented " + kind, kind, std::move(areas), std::move(codes)}, audit)
                    .has_value());
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
};

TEST_F(SenderScopesTest, NoOrganisationIsThePublic) {
  SenderScopes scopes(*store_, clock_);
  auto scope = scopes.scope_of("");
  ASSERT_TRUE(scope.has_value()) << scope.error().message;
  EXPECT_EQ(scope->kind, "");
  EXPECT_TRUE(scope->areas.empty());
  EXPECT_TRUE(scope->police_force_codes.empty());
}

TEST_F(SenderScopesTest, AnOrganisationsScopeIsItsKindAreasAndForceCodes) {
  SenderScopes scopes(*store_, clock_);
  auto scope = scopes.scope_of(kForce);
  ASSERT_TRUE(scope.has_value()) << scope.error().message;
  EXPECT_EQ(scope->kind, "police");
  EXPECT_EQ(scope->areas, std::vector<std::string>{"merseyside"});
  EXPECT_EQ(scope->police_force_codes, std::vector<std::string>{"E23000004"});
}

TEST_F(SenderScopesTest, AnUnknownOrganisationIsForbidden) {
  SenderScopes scopes(*store_, clock_);
  auto scope = scopes.scope_of(kUnknown);
  ASSERT_FALSE(scope.has_value());
  EXPECT_EQ(scope.error().code, "forbidden");
  ASSERT_EQ(scope.error().fields.size(), 1u);
  EXPECT_EQ(scope.error().fields[0].field, "$");
  EXPECT_EQ(scope.error().fields[0].code, "not_permitted");
}

TEST_F(SenderScopesTest, AnOrganisationAddedAfterARefusalIsKnownAtOnce) {
  SenderScopes scopes(*store_, clock_);
  ASSERT_FALSE(scopes.scope_of(kUnknown).has_value());
  upsert(kUnknown, "partner", {"merseyside"}, {});
  auto scope = scopes.scope_of(kUnknown);
  ASSERT_TRUE(scope.has_value()) << "a refusal is not remembered: " << scope.error().message;
  EXPECT_EQ(scope->kind, "partner");
}

TEST_F(SenderScopesTest, AScopeIsTrustedForASecondThenReadAgain) {
  SenderScopes scopes(*store_, clock_);
  ASSERT_EQ(scopes.scope_of(kForce).value().areas, std::vector<std::string>{"merseyside"});
  // Another process widens the force's areas.
  upsert(kForce, "police", {"merseyside", "greater-manchester"}, {"E23000004"});
  EXPECT_EQ(scopes.scope_of(kForce).value().areas, std::vector<std::string>{"merseyside"})
      << "read again within the second";
  // A second later the store is read again.
  clock_.advance(1s);
  EXPECT_EQ(scopes.scope_of(kForce).value().areas,
            (std::vector<std::string>{"merseyside", "greater-manchester"}));
}

TEST_F(SenderScopesTest, EachReadIsTrustedForItsOwnSecond) {
  FixedClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  SenderScopes scopes(*store_, clock);
  ASSERT_EQ(scopes.scope_of(kForce).value().kind, "police");
  upsert(kForce, "partner", {"merseyside"}, {});
  EXPECT_EQ(scopes.scope_of(kForce).value().kind, "police");
  clock.advance(1s);
  EXPECT_EQ(scopes.scope_of(kForce).value().kind, "partner");
  // A fresh read is itself trusted for its second.
  upsert(kForce, "police", {"merseyside"}, {"E23000004"});
  EXPECT_EQ(scopes.scope_of(kForce).value().kind, "partner");
}

TEST(SenderScopesCheck, AForceSendsItsOwnPoliceReferrals) {
  const intake::SenderScope force{"police", {"merseyside"}, {"E23000004"}};
  EXPECT_TRUE(SenderScopes::check(force, police_referral()).has_value());
}

TEST(SenderScopesCheck, NamesEachFieldAnotherForceMayNotSend) {
  const intake::SenderScope other{"police", {"greater-manchester"}, {"E23000005"}};
  auto checked = SenderScopes::check(other, police_referral());
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().code, "forbidden");
  EXPECT_EQ(field_names(checked.error()), (std::vector<std::string>{"$.police_force_code", "$.area"}));
  for (const auto& f : checked.error().fields) EXPECT_EQ(f.code, "not_permitted") << f.field;
}

TEST(SenderScopesCheck, APartnerMayNotSendOnThePoliceChannel) {
  const intake::SenderScope partner{"partner", {"merseyside"}, {}};
  auto checked = SenderScopes::check(partner, police_referral());
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().code, "forbidden");
  EXPECT_EQ(field_names(checked.error()), std::vector<std::string>{"$.channel"});
  auto own = police_referral();
  own.channel = intake::Channel::kPartner;
  EXPECT_TRUE(SenderScopes::check(partner, own).has_value()) << "may cite a force's crime reference";
}

TEST(SenderScopesCheck, ThePublicSendsOnlySelfReferrals) {
  const intake::SenderScope public_scope{};
  auto checked = SenderScopes::check(public_scope, police_referral());
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(field_names(checked.error()), std::vector<std::string>{"$.channel"});
  auto self = police_referral();
  self.channel = intake::Channel::kSelf;
  EXPECT_TRUE(SenderScopes::check(public_scope, self).has_value());
}

TEST(SenderScopesCheck, ACommissionerSendsNothing) {
  const intake::SenderScope commissioner{"commissioner", {"merseyside"}, {}};
  auto checked = SenderScopes::check(commissioner, police_referral());
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().code, "forbidden");
  EXPECT_EQ(field_names(checked.error()), std::vector<std::string>{"$"});
}

}  // namespace
}  // namespace vg::app
