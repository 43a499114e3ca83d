#include "domain/casework/onward_referral.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;

const deadlines::BankHolidayCalendar kCalendar({year{2026} / December / 25, year{2026} / December / 28});

TEST(OnwardReferralStates, ThePartnerAcceptsOrDeclinesASentReferralThenCompletesAnAcceptedOne) {
  EXPECT_EQ(onward_state_after(OnwardState::kSent, OnwardChange::kAccept, OnwardParty::kPartner).value(),
            OnwardState::kAccepted);
  EXPECT_EQ(onward_state_after(OnwardState::kSent, OnwardChange::kDecline, OnwardParty::kPartner).value(),
            OnwardState::kDeclined);
  EXPECT_EQ(onward_state_after(OnwardState::kAccepted, OnwardChange::kComplete, OnwardParty::kPartner).value(),
            OnwardState::kCompleted);
}

TEST(OnwardReferralStates, AnAnswerIsGivenOnce) {
  for (auto state : {OnwardState::kAccepted, OnwardState::kDeclined, OnwardState::kCompleted, OnwardState::kWithdrawn}) {
    auto again = onward_state_after(state, OnwardChange::kAccept, OnwardParty::kPartner);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "conflict");
    EXPECT_EQ(again.error().fields.at(0).field, "change");
  }
  EXPECT_FALSE(onward_state_after(OnwardState::kSent, OnwardChange::kComplete, OnwardParty::kPartner));
  EXPECT_FALSE(onward_state_after(OnwardState::kDeclined, OnwardChange::kComplete, OnwardParty::kPartner));
}

TEST(OnwardReferralStates, OnlyTheCaseworkerWithdrawsAndOnlyWhileItIsOpen) {
  EXPECT_EQ(onward_state_after(OnwardState::kSent, OnwardChange::kWithdraw, OnwardParty::kCaseworker).value(),
            OnwardState::kWithdrawn);
  EXPECT_EQ(onward_state_after(OnwardState::kAccepted, OnwardChange::kWithdraw, OnwardParty::kCaseworker).value(),
            OnwardState::kWithdrawn);
  EXPECT_FALSE(onward_state_after(OnwardState::kCompleted, OnwardChange::kWithdraw, OnwardParty::kCaseworker));
  EXPECT_EQ(onward_state_after(OnwardState::kSent, OnwardChange::kWithdraw, OnwardParty::kPartner).error().code,
            "forbidden");
  EXPECT_EQ(onward_state_after(OnwardState::kSent, OnwardChange::kAccept, OnwardParty::kCaseworker).error().code,
            "forbidden");
}

TEST(OnwardReferralDeadline, ThreeWorkingDaysSkippingWeekendsAndBankHolidays) {
  // Wednesday 23 December 2026: Thu 24, (Fri 25 and Mon 28 bank holidays), Tue 29, Wed 30.
  EXPECT_EQ(onward_respond_by(kCalendar, year{2026} / December / 23), year{2026} / December / 30);
  EXPECT_EQ(onward_respond_by(kCalendar, year{2026} / December / 1), year{2026} / December / 4);
}

TEST(OnwardReferralDeadline, BreachedWhenNotAnsweredByTheEndOfTheRespondByDay) {
  OnwardReferral r;
  r.respond_by = year{2026} / December / 4;
  EXPECT_FALSE(onward_breached(r, year{2026} / December / 4));
  EXPECT_TRUE(onward_breached(r, year{2026} / December / 5));
  r.state = OnwardState::kAccepted;
  r.answered_at = sys_days(year{2026} / December / 4) + hours(12);
  EXPECT_FALSE(onward_breached(r, year{2026} / December / 20));
  r.answered_at = sys_days(year{2026} / December / 7) + hours(12);
  EXPECT_TRUE(onward_breached(r, year{2026} / December / 20)) << "a late answer stays a breach";
  OnwardReferral withdrawn;
  withdrawn.respond_by = year{2026} / December / 4;
  withdrawn.state = OnwardState::kWithdrawn;
  withdrawn.withdrawn_at = sys_days(year{2026} / December / 2);
  EXPECT_FALSE(onward_breached(withdrawn, year{2026} / December / 20));
}

TEST(OnwardReferralVisibility, APartnerSeesOnlySentAndAcceptedReferralsAndOnlyWithConsentInForce) {
  EXPECT_TRUE(partner_may_see(OnwardState::kSent));
  EXPECT_TRUE(partner_may_see(OnwardState::kAccepted));
  EXPECT_FALSE(partner_may_see(OnwardState::kDeclined));
  EXPECT_FALSE(partner_may_see(OnwardState::kCompleted));
  EXPECT_FALSE(partner_may_see(OnwardState::kWithdrawn));
  EXPECT_EQ(partner_visible_state_codes(), (std::vector<std::string>{"sent", "accepted"}));
  EXPECT_EQ(sharing_consent_states(), (std::vector<std::string>{"consented", "refer_unless_opted_out"}));
}

TEST(OnwardReferralSharing, TheSafeContactProfileAndFirstNameAreAlwaysShared) {
  auto fields = fields_to_share({}, "referral_to_support").value();
  EXPECT_EQ(fields, (std::vector<std::string>{"first_name", "safe_contact", "offence_category", "needs"}));
  auto more = fields_to_share({"address", "full_name"}, "referral_to_support").value();
  EXPECT_EQ(more.size(), 6u);
  EXPECT_EQ(more[4], "full_name");
  EXPECT_EQ(fields_to_share({"bank_details"}, "all_support").error().fields.at(0).field, "shared_fields");
}

TEST(OnwardReferralSharing, TheirOwnWordsOnlyWithConsentToShareWithAnyService) {
  auto refused = fields_to_share({"account"}, "named_services");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).code, "no_consent");
  EXPECT_TRUE(fields_to_share({"account"}, "all_support"));
}

intake::Referral invented_referral() {
  intake::Referral r;
  r.person.name = "Morgan Inventedname";
  r.person.phone = "0151 496 0000";
  r.person.address = "1 Invented Street";
  r.person.date_of_birth = year{1960} / February / 3;
  r.offence_category = "rape";
  r.needs = {"emotional_support"};
  r.account = "Invented words";
  intake::SafeContactProfile p;
  p.safe_channels = {intake::ContactChannel::kCall};
  p.safe_phone = "0151 496 0123";
  r.safe_contact = p;
  return r;
}

TEST(OnwardReferralView, ShowsOnlyWhatWasShared) {
  auto fields = fields_to_share({}, "referral_to_support").value();
  auto view = shared_view(invented_referral(), fields, "referral_to_support");
  EXPECT_EQ(view.first_name, "Morgan");
  ASSERT_TRUE(view.safe_contact);
  EXPECT_EQ(view.safe_contact->safe_phone, "0151 496 0123");
  EXPECT_EQ(view.offence_category, "rape");
  EXPECT_EQ(view.needs.size(), 1u);
  EXPECT_TRUE(view.full_name.empty());
  EXPECT_TRUE(view.phone.empty());
  EXPECT_TRUE(view.address.empty());
  EXPECT_FALSE(view.date_of_birth);
  EXPECT_TRUE(view.account.empty());
}

TEST(OnwardReferralView, TheAccountDisappearsWhenConsentNoLongerCoversIt) {
  auto fields = fields_to_share({"account", "full_name"}, "all_support").value();
  EXPECT_EQ(shared_view(invented_referral(), fields, "all_support").account, "Invented words");
  auto narrowed = shared_view(invented_referral(), fields, "referral_to_support");
  EXPECT_TRUE(narrowed.account.empty());
  EXPECT_EQ(narrowed.full_name, "Morgan Inventedname");
}

TEST(OnwardReferralView, TheConsentScopeInForceIsTheLastOneGiven) {
  std::vector<CaseEvent> events{
      {1, "c", {}, "u", "consent_given", R"({"change":"give","scope":"all_support"})"},
      {2, "c", {}, "u", "contact_attempt", R"({"channel":"call"})"},
      {3, "c", {}, "u", "consent_given", R"({"change":"give","scope":"named_services"})"},
  };
  EXPECT_EQ(consent_scope_in_force(events, std::nullopt), "named_services");
  intake::ConsentRecord police;
  police.scope = "all_support";
  EXPECT_EQ(consent_scope_in_force({}, police), "all_support");
  EXPECT_EQ(consent_scope_in_force({}, std::nullopt), "referral_to_support");
}

}  // namespace
}  // namespace vg::casework
