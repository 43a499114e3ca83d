// Who may send what: every (sender kind, channel, force, area) combination the intake binds.
#include "domain/intake/sender_scope.h"

#include <gtest/gtest.h>

namespace vg::intake {
namespace {

constexpr const char* kMerseysideForce = "E23000004";

Referral police_referral() {
  Referral r;
  r.channel = Channel::kPolice;
  r.area = "merseyside";
  r.reported_to_police = true;
  r.police_force_code = kMerseysideForce;
  r.crime_reference = "MP/0001";
  return r;
}

SenderScope merseyside_police() { return {"police", {"merseyside"}, {kMerseysideForce}}; }

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) {
    EXPECT_EQ(e.code, "not_permitted");
    out.push_back(e.field);
  }
  return out;
}

TEST(SenderScope, AForceSendsItsOwnPoliceReferrals) {
  EXPECT_TRUE(scope_violations(merseyside_police(), police_referral()).empty());
}

TEST(SenderScope, AForceMayNotNameAnotherForce) {
  auto r = police_referral();
  r.police_force_code = "E23000005";
  EXPECT_EQ(fields(scope_violations(merseyside_police(), r)),
            std::vector<std::string>{"$.police_force_code"});
}

TEST(SenderScope, AForceSendsOnlyOnThePoliceChannel) {
  auto r = police_referral();
  r.channel = Channel::kPartner;
  EXPECT_EQ(fields(scope_violations(merseyside_police(), r)), std::vector<std::string>{"$.channel"});
}

TEST(SenderScope, EveryoneOnlyForTheAreasTheyServe) {
  auto r = police_referral();
  r.area = "staffordshire";
  EXPECT_EQ(fields(scope_violations(merseyside_police(), r)), std::vector<std::string>{"$.area"});
  const SenderScope partner{"partner", {"merseyside"}, {}};
  r.channel = Channel::kPartner;
  EXPECT_EQ(fields(scope_violations(partner, r)), std::vector<std::string>{"$.area"});
}

TEST(SenderScope, APartnerCannotSendAsThePolice) {
  const SenderScope partner{"partner", {"merseyside"}, {}};
  EXPECT_EQ(fields(scope_violations(partner, police_referral())), std::vector<std::string>{"$.channel"});
  auto r = police_referral();
  r.channel = Channel::kPartner;  // citing the force's crime reference on its own channel is fine
  EXPECT_TRUE(scope_violations(partner, r).empty());
}

TEST(SenderScope, AGatewayTakesPhoneChatPartnerAndSelfButNeverPolice) {
  const SenderScope gateway{"gateway", {"merseyside"}, {}};
  auto r = police_referral();
  EXPECT_EQ(fields(scope_violations(gateway, r)), std::vector<std::string>{"$.channel"});
  for (auto c : {Channel::kPhone, Channel::kChat, Channel::kPartner, Channel::kSelf}) {
    r.channel = c;
    EXPECT_TRUE(scope_violations(gateway, r).empty());
  }
}

TEST(SenderScope, ACommissionerSendsNothing) {
  const SenderScope commissioner{"commissioner", {"merseyside"}, {}};
  EXPECT_EQ(fields(scope_violations(commissioner, police_referral())), std::vector<std::string>{"$"});
}

TEST(SenderScope, ThePublicSendsOnlySelfReferralsForAnyArea) {
  const SenderScope the_public{};
  auto r = police_referral();
  EXPECT_EQ(fields(scope_violations(the_public, r)), std::vector<std::string>{"$.channel"});
  r.channel = Channel::kSelf;
  r.area = "staffordshire";
  EXPECT_TRUE(scope_violations(the_public, r).empty());
}

TEST(SenderScope, AnUnknownKindSendsNothing) {
  EXPECT_TRUE(channels_for("bank").empty());
  EXPECT_FALSE(scope_violations({"bank", {"merseyside"}, {}}, police_referral()).empty());
}

}  // namespace
}  // namespace vg::intake
