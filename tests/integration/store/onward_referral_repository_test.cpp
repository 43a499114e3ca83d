// The storage conformance suite for onward referrals, run against SQLite and PostgreSQL: a
// referral written with its case round-trips, a change from a stale version is refused, a
// partner's inbox lists only its directory organisation's open referrals whose case may share,
// newest first and paged, and breaches are counted. Every case and service here is invented.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/casework/case_records.h"
#include "domain/casework/onward_referral.h"
#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

using casework::OnwardReferral;
using casework::OnwardState;
using namespace std::chrono;

const std::string kRasa = uuid(70);   // a directory organisation
const std::string kOther = uuid(71);  // another one

class OnwardReferralRepositoryTest : public ReferralFixture {
 protected:
  std::string open_case(int n, const std::string& consent = "consented") {
    auto r = referral(n);
    r.reference = "MY-2026-" + std::to_string(200000 + n);
    r.area = "merseyside";
    casework::CaseRecord c;
    c.id = r.id;
    c.reference = r.reference;
    c.area = r.area;
    c.local_authority = "E08000012";
    c.channel = "police";
    c.offence_category = "rape";
    c.consent_state = consent;
    c.source_organisation_id = kPolice;
    c.opened_at = at(minutes(n));
    c.updated_at = c.opened_at;
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      return unit.cases().insert({c}, {});
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return c.id;
  }

  OnwardReferral send(int n, const std::string& case_id, const std::string& organisation, int minute) {
    OnwardReferral r;
    r.id = uuid(800 + n);
    r.case_id = case_id;
    r.service_id = uuid(900 + n);
    r.directory_organization_id = organisation;
    r.area = "merseyside";
    r.sent_by = uuid(60);
    r.sent_at = at(minutes(minute) + 123456789ns);
    r.respond_by = year{2026} / December / 4;
    r.shared_fields = {"first_name", "safe_contact", "offence_category", "needs", "full_name"};
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> { return unit.onward_referrals().insert(r); });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return r;
  }

  casework::OnwardInboxQuery inbox_of(const std::string& organisation) {
    return {organisation, {"sent", "accepted"}, {"consented", "refer_unless_opted_out"}, 1, 25};
  }
};

TEST_F(OnwardReferralRepositoryTest, AReferralRoundTrips) {
  const auto sent = send(1, open_case(1), kRasa, 5);
  auto found = store_->onward_referrals().find(sent.id).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->case_id, sent.case_id);
  EXPECT_EQ(found->service_id, sent.service_id);
  EXPECT_EQ(found->directory_organization_id, kRasa);
  EXPECT_EQ(found->state, OnwardState::kSent);
  EXPECT_EQ(found->sent_at, sent.sent_at);
  EXPECT_FALSE(found->answered_at);
  EXPECT_EQ(found->respond_by, sent.respond_by);
  EXPECT_EQ(found->shared_fields, sent.shared_fields);
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(store_->onward_referrals().for_case(sent.case_id).value().size(), 1u);
  EXPECT_FALSE(store_->onward_referrals().find(uuid(899)).value());
}

TEST_F(OnwardReferralRepositoryTest, AnIdIsTakenOnce) {
  const auto sent = send(1, open_case(1), kRasa, 5);
  auto again = store_->write([&](UnitOfWork& unit) -> Result<void> { return unit.onward_referrals().insert(sent); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "conflict");
}

TEST_F(OnwardReferralRepositoryTest, AChangeFromAStaleVersionIsRefusedAndNothingLands) {
  auto r = send(1, open_case(1), kRasa, 5);
  r.state = OnwardState::kAccepted;
  r.answered_at = at(minutes(30));
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.onward_referrals().update(r, 1); }).has_value());
  r.state = OnwardState::kDeclined;
  r.reason = "no_capacity";
  auto stale = store_->write([&](UnitOfWork& unit) { return unit.onward_referrals().update(r, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, "conflict");
  auto found = store_->onward_referrals().find(r.id).value().value();
  EXPECT_EQ(found.state, OnwardState::kAccepted);
  EXPECT_EQ(found.answered_at, at(minutes(30)));
  EXPECT_EQ(found.reason, "");
  EXPECT_EQ(found.version, 2);
}

TEST_F(OnwardReferralRepositoryTest, AnInboxListsOnlyItsOwnOpenReferralsWithConsentNewestFirst) {
  const auto first = send(1, open_case(1), kRasa, 5);
  const auto second = send(2, open_case(2), kRasa, 9);
  send(3, open_case(3), kOther, 7);                           // another organisation's
  send(4, open_case(4, "withdrawn"), kRasa, 8);               // consent withdrawn
  auto declined = send(5, open_case(5), kRasa, 6);            // answered no
  declined.state = OnwardState::kDeclined;
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.onward_referrals().update(declined, 1); }).has_value());

  auto page = store_->onward_referrals().inbox(inbox_of(kRasa)).value();
  EXPECT_EQ(page.total_items, 2);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].referral.id, second.id);
  EXPECT_EQ(page.items[1].referral.id, first.id);
  EXPECT_EQ(page.items[1].reference, "MY-2026-200001");
  EXPECT_EQ(page.items[1].offence_category, "rape");

  auto paged = inbox_of(kRasa);
  paged.per_page = 1;
  paged.page = 2;
  auto second_page = store_->onward_referrals().inbox(paged).value();
  EXPECT_EQ(second_page.total_items, 2);
  ASSERT_EQ(second_page.items.size(), 1u);
  EXPECT_EQ(second_page.items[0].referral.id, first.id);
  EXPECT_TRUE(store_->onward_referrals().inbox(inbox_of("")).value().items.empty());
}

TEST_F(OnwardReferralRepositoryTest, BreachesAreReferralsStillSentAfterTheirDate) {
  send(1, open_case(1), kRasa, 5);
  auto answered = send(2, open_case(2), kRasa, 6);
  answered.state = OnwardState::kAccepted;
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.onward_referrals().update(answered, 1); }).has_value());
  EXPECT_EQ(store_->onward_referrals().count_breached(kRasa, year{2026} / December / 4).value(), 0);
  EXPECT_EQ(store_->onward_referrals().count_breached(kRasa, year{2026} / December / 5).value(), 1);
  EXPECT_EQ(store_->onward_referrals().count_breached(kOther, year{2026} / December / 5).value(), 0);
}

}  // namespace
}  // namespace vg::store::testing
