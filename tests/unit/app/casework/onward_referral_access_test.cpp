// Who an onward referral is shared with: its holders, consented only while the case's consent is
// in force and the referral is open, so the access table refuses the partner the moment either
// ends. Invented ids only.
#include "app/casework/onward_referral_access.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

const access::Actor kPartner{accounts::Role::kPartnerCaseworker, "user-p", "org-rasa", "partner", {"merseyside"}, ""};

casework::CaseRecord a_case(std::string consent) {
  casework::CaseRecord c;
  c.id = "case-1";
  c.area = "merseyside";
  c.consent_state = std::move(consent);
  c.holder_organisation_id = "org-hub";
  return c;
}

bool may_answer(const casework::CaseRecord& c, const casework::OnwardReferral& r) {
  return access::decide(kPartner, access::Action::kAnswerOnwardReferral,
                        onward_referral_subject(c, r, {"org-rasa"}))
      .allowed;
}

TEST(OnwardReferralAccess, APartnerHoldingItAnswersWhileConsentIsInForce) {
  casework::OnwardReferral r;
  EXPECT_TRUE(may_answer(a_case("consented"), r));
  EXPECT_TRUE(may_answer(a_case("refer_unless_opted_out"), r));
  EXPECT_FALSE(may_answer(a_case("withdrawn"), r));
  EXPECT_FALSE(may_answer(a_case("awaiting_consent"), r));
}

TEST(OnwardReferralAccess, AClosedReferralIsNoLongerShared) {
  casework::OnwardReferral r;
  r.state = casework::OnwardState::kCompleted;
  EXPECT_FALSE(may_answer(a_case("consented"), r));
  r.state = casework::OnwardState::kAccepted;
  EXPECT_TRUE(may_answer(a_case("consented"), r));
}

TEST(OnwardReferralAccess, ItNeverMakesThePartnerAnOwnerOfTheCase) {
  const auto subject = onward_referral_subject(a_case("consented"), {}, {"org-rasa"});
  EXPECT_TRUE(subject.organisations.empty());
  // Whatever it reaches, it reaches through the share, never as the case's owner.
  EXPECT_EQ(access::decide(kPartner, access::Action::kReadReferral, subject).via,
            access::Scope::kSharedWithConsent);
  const access::Actor other{accounts::Role::kPartnerCaseworker, "user-o", "org-other", "partner", {"merseyside"}, ""};
  EXPECT_FALSE(access::decide(other, access::Action::kAnswerOnwardReferral, subject).allowed);
}

}  // namespace
}  // namespace vg::app
