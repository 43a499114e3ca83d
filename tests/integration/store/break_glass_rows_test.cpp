// The storage conformance suite for break-glass grants, run against SQLite and PostgreSQL: a
// grant is stored with its reason, sealed note and instants as written; only the holder's grants
// for that case are answered, newest first; sign-out stamps every open grant of that person (and
// only theirs), which are then no longer answered; whether one has run out is the domain's rule.
// Every person and case is invented.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/casework/break_glass.h"
#include "domain/casework/case_records.h"
#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

using casework::BreakGlassGrant;
using casework::BreakGlassReason;
using casework::CaseRecord;
using namespace std::chrono;

const std::string kTeam = uuid(52);

class BreakGlassRowsTest : public ReferralFixture {
 protected:
  void SetUp() override {
    ReferralFixture::SetUp();
    ASSERT_TRUE(store_->cases().upsert_team({kTeam, kGateway, "merseyside", "Invented team"}, audit_entry("team.upsert"))
                    .has_value());
  }

  std::string add_user(int n) {
    accounts::User u;
    u.id = uuid(70 + n);
    u.email = "reader" + std::to_string(n) + "@example.org";
    u.display_name = "Invented Reader";
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$invented$invented";
    u.organisation_id = kGateway;
    u.created_at = at();
    EXPECT_TRUE(store_->accounts().create_user(u, audit_entry("user.create")).has_value());
    return u.id;
  }

  std::string open_case(int n) {
    auto r = referral(n);
    r.area = "merseyside";
    CaseRecord c;
    c.id = r.id;
    c.reference = "MY-2026-" + std::to_string(400000 + n);
    r.reference = c.reference;
    c.area = r.area;
    c.local_authority = "E08000012";
    c.channel = r.channel;
    c.offence_category = "burglary_residential";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.team_id = kTeam;
    c.holder_organisation_id = kGateway;
    c.opened_at = at(minutes(n));
    c.updated_at = c.opened_at;
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      return unit.cases().insert({c}, {});
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return c.id;
  }

  static BreakGlassGrant grant(int n, const std::string& user, const std::string& case_id, minutes granted) {
    BreakGlassGrant g;
    g.id = uuid(500 + n);
    g.user_id = user;
    g.case_id = case_id;
    g.reason = BreakGlassReason::kDutyCover;
    g.granted_at = at(granted);
    g.expires_at = at(granted + hours(8));
    return g;
  }

  void insert(const BreakGlassGrant& g) {
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> { return unit.break_glass().insert(g); });
    ASSERT_TRUE(written.has_value()) << written.error().message;
  }
};

TEST_F(BreakGlassRowsTest, AGrantIsStoredAsWritten) {
  const auto reader = add_user(1);
  const auto case_id = open_case(1);
  auto g = grant(1, reader, case_id, minutes(10));
  g.reason = BreakGlassReason::kSafeguardingConcern;
  g.note = {"k1", "sealed-invented"};
  insert(g);
  auto found = store_->break_glass().open_grants(reader, case_id);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  const auto& back = found->front();
  EXPECT_EQ(back.id, g.id);
  EXPECT_EQ(back.user_id, reader);
  EXPECT_EQ(back.case_id, case_id);
  EXPECT_EQ(back.reason, BreakGlassReason::kSafeguardingConcern);
  EXPECT_EQ(back.note, g.note);
  EXPECT_EQ(back.granted_at, g.granted_at);
  EXPECT_EQ(back.expires_at, g.expires_at);
  EXPECT_FALSE(back.ended_at.has_value());
  EXPECT_TRUE(casework::in_force(back, at(hours(1))));
  EXPECT_FALSE(casework::in_force(back, at(minutes(10) + hours(8)))) << "run out after its hours";
}

TEST_F(BreakGlassRowsTest, OnlyTheHoldersGrantsForThatCaseAreAnsweredNewestFirst) {
  const auto reader = add_user(1);
  const auto other_reader = add_user(2);
  const auto case_id = open_case(1);
  const auto other_case = open_case(2);
  insert(grant(1, reader, case_id, minutes(10)));
  insert(grant(2, reader, case_id, minutes(30)));
  insert(grant(3, other_reader, case_id, minutes(20)));
  insert(grant(4, reader, other_case, minutes(20)));
  auto found = store_->break_glass().open_grants(reader, case_id).value();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].id, uuid(502));
  EXPECT_EQ(found[1].id, uuid(501));
  EXPECT_TRUE(store_->break_glass().open_grants(add_user(3), case_id).value().empty());
}

TEST_F(BreakGlassRowsTest, SignOutEndsEveryOpenGrantOfThatPersonOnly) {
  const auto reader = add_user(1);
  const auto other_reader = add_user(2);
  const auto case_id = open_case(1);
  const auto other_case = open_case(2);
  insert(grant(1, reader, case_id, minutes(10)));
  insert(grant(2, reader, other_case, minutes(10)));
  insert(grant(3, other_reader, case_id, minutes(10)));
  std::int64_t ended = 0;
  auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
    ended = VG_TRY(unit.break_glass().end_all(reader, at(hours(1))));
    return {};
  });
  ASSERT_TRUE(written.has_value()) << written.error().message;
  EXPECT_EQ(ended, 2);
  EXPECT_TRUE(store_->break_glass().open_grants(reader, case_id).value().empty());
  EXPECT_TRUE(store_->break_glass().open_grants(reader, other_case).value().empty());
  EXPECT_EQ(store_->break_glass().open_grants(other_reader, case_id).value().size(), 1u);
  // Nothing left to end: a second sign-out ends none.
  written = store_->write([&](UnitOfWork& unit) -> Result<void> {
    ended = VG_TRY(unit.break_glass().end_all(reader, at(hours(2))));
    return {};
  });
  ASSERT_TRUE(written.has_value());
  EXPECT_EQ(ended, 0);
}

TEST_F(BreakGlassRowsTest, AGrantForNoSuchCaseOrPersonIsRefused) {
  const auto reader = add_user(1);
  auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
    return unit.break_glass().insert(grant(1, reader, uuid(999), minutes(1)));
  });
  EXPECT_FALSE(written.has_value());
}

}  // namespace
}  // namespace vg::store::testing
