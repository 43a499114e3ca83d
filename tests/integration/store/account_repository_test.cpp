// Conformance: organisations, users and sessions, the same on every backend.
#include <gtest/gtest.h>

#include <algorithm>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

const std::string kOrg = uuid(1);

class AccountTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(store_->accounts()
                    .upsert_organisation({kOrg, "Invented Hub", "gateway"},
                                         audit_entry("organisation.upsert", kOrg))
                    .has_value());
  }

  User user(const std::string& id, const std::string& email) {
    User u;
    u.id = id;
    u.email = email;
    u.display_name = "Invented Person";
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$invented$invented";
    u.role = accounts::Role::kTeamLeader;
    u.organisation_id = kOrg;
    u.created_at = at(123456789ns);  // sub-second precision survives the round trip
    return u;
  }

  Session session(const std::string& id_hash, const std::string& user_id,
                  accounts::Instant created) {
    return Session{id_hash, user_id, "csrf-" + id_hash, created, created};
  }
};

TEST_F(AccountTest, OrganisationsUpsertAndFind) {
  auto found = store_->accounts().find_organisation(kOrg).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Invented Hub");
  EXPECT_EQ(found->kind, "gateway");
  ASSERT_TRUE(store_->accounts()
                  .upsert_organisation({kOrg, "Renamed Hub", "partner"}, audit_entry("org"))
                  .has_value());
  EXPECT_EQ(store_->accounts().find_organisation(kOrg).value()->name, "Renamed Hub");
  EXPECT_EQ(store_->accounts().find_organisation(uuid(99)).value(), std::nullopt);
}

TEST_F(AccountTest, AnOrganisationKeepsWhatItMaySend) {
  EXPECT_TRUE(store_->accounts().find_organisation(kOrg).value()->areas.empty()) << "nothing by default";
  ASSERT_TRUE(store_->accounts()
                  .upsert_organisation({kOrg, "Invented Constabulary", "police",
                                        {"merseyside", "staffordshire"}, {"E23000004", "E23000015"}},
                                       audit_entry("org"))
                  .has_value());
  auto found = store_->accounts().find_organisation(kOrg).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->areas, (std::vector<std::string>{"merseyside", "staffordshire"}));
  EXPECT_EQ(found->police_force_codes, (std::vector<std::string>{"E23000004", "E23000015"}));
  ASSERT_TRUE(store_->accounts()
                  .upsert_organisation({kOrg, "Invented Hub", "gateway", {"merseyside"}, {}}, audit_entry("org"))
                  .has_value());
  found = store_->accounts().find_organisation(kOrg).value();
  EXPECT_EQ(found->areas, std::vector<std::string>{"merseyside"});
  EXPECT_TRUE(found->police_force_codes.empty());
}

TEST_F(AccountTest, AnOrganisationKeepsItsLinkToTheDirectory) {
  // A partner charity's staff organisation and the directory organisation that runs its services.
  EXPECT_EQ(store_->accounts().find_organisation(kOrg).value()->directory_organization_id, "");
  Organisation partner{uuid(2), "Invented Partner Charity", "partner", {}, {}, uuid(3)};
  ASSERT_TRUE(store_->accounts().upsert_organisation(partner, audit_entry("org")).has_value());
  EXPECT_EQ(store_->accounts().find_organisation(uuid(2)).value()->directory_organization_id,
            uuid(3));
  partner.directory_organization_id = uuid(4);  // relinked
  ASSERT_TRUE(store_->accounts().upsert_organisation(partner, audit_entry("org")).has_value());
  EXPECT_EQ(store_->accounts().find_organisation(uuid(2)).value()->directory_organization_id,
            uuid(4));
  partner.directory_organization_id.clear();  // unlinked
  ASSERT_TRUE(store_->accounts().upsert_organisation(partner, audit_entry("org")).has_value());
  EXPECT_EQ(store_->accounts().find_organisation(uuid(2)).value()->directory_organization_id, "");
}

TEST_F(AccountTest, CreatedUserIsFoundByIdAndByEmailInAnyCase) {
  auto u = user(uuid(10), "casey@example.org");
  u.locked_until = at(1h);
  ASSERT_TRUE(store_->accounts().create_user(u, audit_entry("user.create")).has_value());
  auto by_id = store_->accounts().find_user(uuid(10)).value();
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->email, "casey@example.org");
  EXPECT_EQ(by_id->display_name, "Invented Person");
  EXPECT_EQ(by_id->password_hash, u.password_hash);
  EXPECT_EQ(by_id->role, accounts::Role::kTeamLeader);
  EXPECT_EQ(by_id->organisation_id, kOrg);
  EXPECT_EQ(by_id->failed_logins, 0);
  EXPECT_EQ(by_id->locked_until, at(1h));
  EXPECT_TRUE(by_id->active);
  EXPECT_EQ(by_id->created_at, u.created_at);
  auto by_email = store_->accounts().find_user_by_email("Casey@Example.ORG").value();
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->id, uuid(10));
  EXPECT_EQ(store_->accounts().find_user_by_email("nobody@example.org").value(), std::nullopt);
  EXPECT_EQ(store_->accounts().find_user(uuid(11)).value(), std::nullopt);
}

TEST_F(AccountTest, DuplicateEmailIsAConflictAndWritesNothing) {
  ASSERT_TRUE(store_->accounts()
                  .create_user(user(uuid(10), "casey@example.org"), audit_entry("user.create"))
                  .has_value());
  const auto audit_before = audit_count();
  auto again = store_->accounts().create_user(user(uuid(11), "CASEY@example.org"),
                                              audit_entry("user.create"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(store_->accounts().find_user(uuid(11)).value(), std::nullopt);
  EXPECT_EQ(audit_count(), audit_before);
}

TEST_F(AccountTest, UserOfUnknownOrganisationIsRefused) {
  auto u = user(uuid(10), "casey@example.org");
  u.organisation_id = uuid(98);
  auto result = store_->accounts().create_user(u, audit_entry("user.create"));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(store_->accounts().find_user(uuid(10)).value(), std::nullopt);
}

TEST_F(AccountTest, LoginFailuresAreRecordedWithTheLock) {
  ASSERT_TRUE(store_->accounts()
                  .create_user(user(uuid(10), "casey@example.org"), audit_entry("user.create"))
                  .has_value());
  ASSERT_TRUE(store_->accounts()
                  .record_login_failure(uuid(10), 3, at(15min), audit_entry("user.locked"))
                  .has_value());
  auto u = store_->accounts().find_user(uuid(10)).value();
  EXPECT_EQ(u->failed_logins, 3);
  EXPECT_EQ(u->locked_until, at(15min));
  ASSERT_TRUE(store_->accounts()
                  .record_login_failure(uuid(10), 4, std::nullopt, audit_entry("user.failed"))
                  .has_value());
  u = store_->accounts().find_user(uuid(10)).value();
  EXPECT_EQ(u->failed_logins, 4);
  EXPECT_EQ(u->locked_until, std::nullopt);
  auto missing =
      store_->accounts().record_login_failure(uuid(77), 1, std::nullopt, audit_entry("x"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "not_found");
}

TEST_F(AccountTest, StartSessionStoresItAndResetsFailures) {
  ASSERT_TRUE(store_->accounts()
                  .create_user(user(uuid(10), "casey@example.org"), audit_entry("user.create"))
                  .has_value());
  ASSERT_TRUE(store_->accounts()
                  .record_login_failure(uuid(10), 2, at(5min), audit_entry("user.failed"))
                  .has_value());
  const auto before = audit_count();
  ASSERT_TRUE(store_->accounts()
                  .start_session(session("hash-1", uuid(10), at(1s)), audit_entry("user.login"))
                  .has_value());
  EXPECT_EQ(audit_count(), before + 1);
  auto u = store_->accounts().find_user(uuid(10)).value();
  EXPECT_EQ(u->failed_logins, 0);
  EXPECT_EQ(u->locked_until, std::nullopt);
  auto s = store_->accounts().find_session("hash-1").value();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user_id, uuid(10));
  EXPECT_EQ(s->csrf_token, "csrf-hash-1");
  EXPECT_EQ(s->created_at, at(1s));
  EXPECT_EQ(s->last_seen_at, at(1s));
  EXPECT_EQ(store_->accounts().find_session("hash-unknown").value(), std::nullopt);
}

TEST_F(AccountTest, SessionsAreTouchedAndEnded) {
  ASSERT_TRUE(store_->accounts()
                  .create_user(user(uuid(10), "casey@example.org"), audit_entry("user.create"))
                  .has_value());
  ASSERT_TRUE(store_->accounts()
                  .start_session(session("hash-1", uuid(10), at()), audit_entry("user.login"))
                  .has_value());
  ASSERT_TRUE(store_->accounts().touch_session("hash-1", at(10min + 5ns)).has_value());
  EXPECT_EQ(store_->accounts().find_session("hash-1").value()->last_seen_at, at(10min + 5ns));
  ASSERT_TRUE(store_->accounts().end_session("hash-1", audit_entry("user.logout")).has_value());
  EXPECT_EQ(store_->accounts().find_session("hash-1").value(), std::nullopt);
}

TEST_F(AccountTest, RotatingASessionReplacesItsIdAndTokenInOneStep) {
  auto& a = store_->accounts();
  ASSERT_TRUE(a.create_user(user(uuid(10), "casey@example.org"), audit_entry("user.create")).has_value());
  ASSERT_TRUE(a.create_user(user(uuid(11), "robin@example.org"), audit_entry("user.create")).has_value());
  ASSERT_TRUE(a.start_session(session("hash-1", uuid(10), at()), audit_entry("user.login")).has_value());
  const auto before = audit_count();
  Session replacement = session("hash-2", uuid(10), at());
  replacement.csrf_token = "csrf-new";
  replacement.last_seen_at = at(5min);
  ASSERT_TRUE(a.rotate_session("hash-1", replacement, audit_entry("user.session_rotated")).has_value());
  EXPECT_EQ(a.find_session("hash-1").value(), std::nullopt);
  auto now = a.find_session("hash-2").value();
  ASSERT_TRUE(now);
  EXPECT_EQ(now->csrf_token, "csrf-new");
  EXPECT_EQ(now->created_at, at());  // the sign-in's age carries over
  EXPECT_EQ(now->last_seen_at, at(5min));
  EXPECT_EQ(audit_count(), before + 1);

  // Gone already (rotated by another request, or signed out): nothing is written.
  auto again = a.rotate_session("hash-1", session("hash-3", uuid(10), at()), audit_entry("x"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "not_found");
  // Another user's session is not theirs to rotate.
  auto other = a.rotate_session("hash-2", session("hash-4", uuid(11), at()), audit_entry("x"));
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, "not_found");
  EXPECT_TRUE(a.find_session("hash-2").value());
  EXPECT_EQ(a.find_session("hash-3").value(), std::nullopt);
  EXPECT_EQ(a.find_session("hash-4").value(), std::nullopt);
  EXPECT_EQ(audit_count(), before + 1);
}

TEST_F(AccountTest, PurgeRemovesIdleAndTooOldSessionsOnly) {
  ASSERT_TRUE(store_->accounts()
                  .create_user(user(uuid(10), "casey@example.org"), audit_entry("user.create"))
                  .has_value());
  auto& a = store_->accounts();
  ASSERT_TRUE(a.start_session(session("old", uuid(10), at()), audit_entry("l")).has_value());
  ASSERT_TRUE(a.start_session(session("idle", uuid(10), at(6h)), audit_entry("l")).has_value());
  ASSERT_TRUE(a.start_session(session("fresh", uuid(10), at(6h)), audit_entry("l")).has_value());
  ASSERT_TRUE(a.touch_session("old", at(13h)).has_value());
  ASSERT_TRUE(a.touch_session("fresh", at(13h)).has_value());
  // At 13h: idle limit 30 minutes, absolute limit 12 hours.
  auto purged = a.purge_sessions(at(13h - 30min), at(13h - 12h));
  ASSERT_TRUE(purged.has_value());
  EXPECT_EQ(*purged, 2);
  EXPECT_EQ(a.find_session("old").value(), std::nullopt);
  EXPECT_EQ(a.find_session("idle").value(), std::nullopt);
  EXPECT_TRUE(a.find_session("fresh").value().has_value());
  EXPECT_EQ(a.purge_sessions(at(13h - 30min), at(13h - 12h)).value(), 0);
}

TEST_F(AccountTest, OrganisationsAndUsersAreListedInOrder) {
  auto& a = store_->accounts();
  ASSERT_TRUE(a.upsert_organisation({uuid(2), "Another Invented Force", "police"}, audit_entry("o"))
                  .has_value());
  ASSERT_TRUE(a.create_user(user(uuid(11), "robin@example.org"), audit_entry("u")).has_value());
  ASSERT_TRUE(a.create_user(user(uuid(10), "casey@example.org"), audit_entry("u")).has_value());
  auto orgs = a.list_organisations().value();
  ASSERT_EQ(orgs.size(), 2u);
  EXPECT_EQ(orgs[0].name, "Another Invented Force");
  EXPECT_EQ(orgs[0].kind, "police");
  EXPECT_EQ(orgs[1].id, kOrg);
  auto users = a.list_users().value();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].email, "casey@example.org");
  EXPECT_EQ(users[1].id, uuid(11));
  EXPECT_EQ(users[1].role, accounts::Role::kTeamLeader);
}

TEST_F(AccountTest, DisablingAUserEndsEverySessionOfTheirsAtOnce) {
  auto& a = store_->accounts();
  ASSERT_TRUE(a.create_user(user(uuid(10), "casey@example.org"), audit_entry("u")).has_value());
  ASSERT_TRUE(a.create_user(user(uuid(11), "robin@example.org"), audit_entry("u")).has_value());
  ASSERT_TRUE(a.start_session(session("s1", uuid(10), at()), audit_entry("l")).has_value());
  ASSERT_TRUE(a.start_session(session("s2", uuid(10), at()), audit_entry("l")).has_value());
  ASSERT_TRUE(a.start_session(session("other", uuid(11), at()), audit_entry("l")).has_value());
  const auto before = audit_count();
  ASSERT_TRUE(a.set_user_active(uuid(10), false, audit_entry("user.disable")).has_value());
  EXPECT_EQ(audit_count(), before + 1);
  EXPECT_FALSE(a.find_user(uuid(10)).value()->active);
  EXPECT_EQ(a.find_session("s1").value(), std::nullopt);
  EXPECT_EQ(a.find_session("s2").value(), std::nullopt);
  EXPECT_TRUE(a.find_session("other").value().has_value());
  ASSERT_TRUE(a.set_user_active(uuid(10), true, audit_entry("user.enable")).has_value());
  EXPECT_TRUE(a.find_user(uuid(10)).value()->active);
  EXPECT_EQ(a.find_session("s1").value(), std::nullopt);  // re-enabling brings none back
  auto missing = a.set_user_active(uuid(77), false, audit_entry("x"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "not_found");
}

TEST_F(AccountTest, SignInFailuresAreCountedPerBucketAndForgottenAfterAQuietSpell) {
  auto& a = store_->accounts();
  ASSERT_TRUE(a.create_user(user(uuid(10), "casey@example.org"), audit_entry("u")).has_value());
  const std::vector<AccountRepository::SignInBucket> both{{"pair:1", uuid(10)}, {"address:1", ""}};
  const auto before = audit_count();
  EXPECT_EQ(a.record_sign_in_failure(both, at(1min), at(), audit_entry("f")).value(),
            (std::vector<int>{1, 1}));
  EXPECT_EQ(a.record_sign_in_failure(both, at(2min), at(), audit_entry("f")).value(),
            (std::vector<int>{2, 2}));
  EXPECT_EQ(audit_count(), before + 2);
  EXPECT_EQ(a.record_sign_in_failure({{"address:1", ""}}, at(3min), at(), audit_entry("f")).value(),
            (std::vector<int>{3}));
  auto counters = a.find_sign_in_counters({"pair:1", "address:1", "never"}).value();
  ASSERT_EQ(counters.size(), 2u);
  for (const auto& c : counters) {
    EXPECT_EQ(c.failures, c.bucket == "pair:1" ? 2 : 3) << c.bucket;
    EXPECT_EQ(c.last_failure_at, c.bucket == "pair:1" ? at(2min) : at(3min)) << c.bucket;
    EXPECT_EQ(c.signed_in_at, std::nullopt);
  }
  // A failure after the last one was forgotten starts the count again.
  EXPECT_EQ(a.record_sign_in_failure(both, at(2h), at(1h), audit_entry("f")).value(),
            (std::vector<int>{1, 1}));
}

TEST_F(AccountTest, ASuccessResetsItsBucketAndUnlockClearsTheUsersCounters) {
  auto& a = store_->accounts();
  ASSERT_TRUE(a.create_user(user(uuid(10), "casey@example.org"), audit_entry("u")).has_value());
  ASSERT_TRUE(a.record_sign_in_failure({{"pair:1", uuid(10)}, {"account:1", uuid(10)},
                                        {"address:1", ""}},
                                       at(1min), at(), audit_entry("f"))
                  .has_value());
  ASSERT_TRUE(a.record_sign_in_success({"pair:1", uuid(10)}, at(2min)).has_value());
  auto pair = a.find_sign_in_counters({"pair:1"}).value();
  ASSERT_EQ(pair.size(), 1u);
  EXPECT_EQ(pair[0].failures, 0);
  EXPECT_EQ(pair[0].signed_in_at, at(2min));
  ASSERT_TRUE(a.record_sign_in_success({"pair:2", uuid(10)}, at(3min)).has_value());
  EXPECT_EQ(a.find_sign_in_counters({"pair:2"}).value().at(0).signed_in_at, at(3min));

  const auto before = audit_count();
  ASSERT_TRUE(a.unlock_user(uuid(10), audit_entry("user.unlock")).has_value());
  EXPECT_EQ(audit_count(), before + 1);
  auto left = a.find_sign_in_counters({"pair:1", "pair:2", "account:1", "address:1"}).value();
  ASSERT_EQ(left.size(), 1u);  // an address's counter is not the account's to clear
  EXPECT_EQ(left[0].bucket, "address:1");
  auto missing = a.unlock_user(uuid(77), audit_entry("x"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "not_found");
}

TEST_F(AccountTest, PurgeKeepsRecentFailuresAndRecentSignIns) {
  auto& a = store_->accounts();
  ASSERT_TRUE(a.record_sign_in_failure({{"old", ""}, {"recent", ""}}, at(), at(), audit_entry("f"))
                  .has_value());
  ASSERT_TRUE(a.record_sign_in_failure({{"recent", ""}}, at(2h), at(), audit_entry("f")).has_value());
  ASSERT_TRUE(a.record_sign_in_success({"known", ""}, at()).has_value());
  ASSERT_TRUE(a.record_sign_in_success({"known-recently", ""}, at()).has_value());
  ASSERT_TRUE(a.record_sign_in_success({"known-recently", ""}, at(2h)).has_value());
  EXPECT_EQ(a.purge_sign_in_counters(at(1h), at(1h)).value(), 2);
  auto left = a.find_sign_in_counters({"old", "recent", "known", "known-recently"}).value();
  std::vector<std::string> buckets;
  for (const auto& c : left) buckets.push_back(c.bucket);
  std::sort(buckets.begin(), buckets.end());
  EXPECT_EQ(buckets, (std::vector<std::string>{"known-recently", "recent"}));
}

TEST_F(AccountTest, ResettingAPasswordEndsSessionsAndClearsCounters) {
  auto& a = store_->accounts();
  ASSERT_TRUE(a.create_user(user(uuid(10), "casey@example.org"), audit_entry("u")).has_value());
  ASSERT_TRUE(a.start_session(session("s1", uuid(10), at()), audit_entry("l")).has_value());
  ASSERT_TRUE(
      a.record_sign_in_failure({{"pair:1", uuid(10)}}, at(), at(), audit_entry("f")).has_value());
  const auto before = audit_count();
  ASSERT_TRUE(a.set_password_hash(uuid(10), "$argon2id$new", audit_entry("user.reset_password"))
                  .has_value());
  EXPECT_EQ(audit_count(), before + 1);
  EXPECT_EQ(a.find_user(uuid(10)).value()->password_hash, "$argon2id$new");
  EXPECT_EQ(a.find_session("s1").value(), std::nullopt);
  EXPECT_TRUE(a.find_sign_in_counters({"pair:1"}).value().empty());
  EXPECT_EQ(a.set_password_hash(uuid(77), "x", audit_entry("x")).error().code, "not_found");
}

// ---- Second factor ----

class SecondFactorStoreTest : public AccountTest {
 protected:
  void SetUp() override {
    AccountTest::SetUp();
    ASSERT_TRUE(store_->accounts()
                    .create_user(user(uuid(10), "casey@example.org"), audit_entry("u"))
                    .has_value());
  }

  Session half_way(const std::string& id_hash,
                   accounts::SessionStage stage = accounts::SessionStage::kAwaitingCode) {
    Session s = session(id_hash, uuid(10), at());
    s.stage = stage;
    if (stage == accounts::SessionStage::kAwaitingEnrolment)
      s.enrolment_secret = "OFFEREDKEY234567";
    EXPECT_TRUE(store_->accounts().start_session(s, audit_entry("l")).has_value());
    return s;
  }

  // A pass of half-way session `pending` into signed-in session `full`.
  AccountRepository::SecondFactorPass pass(const std::string& pending, const std::string& full) {
    AccountRepository::SecondFactorPass p;
    p.pending_id_hash = pending;
    p.session = session(full, uuid(10), at(1min));
    p.at = at(1min);
    return p;
  }

  void enrol(std::optional<std::int64_t> last_step = std::nullopt,
             std::vector<std::string> codes = {"hash-a", "hash-b"}) {
    ASSERT_TRUE(store_->accounts()
                    .enrol_second_factor(uuid(10), {"ENROLLEDKEY23456", last_step, at(5ns)}, codes,
                                         audit_entry("user.second_factor.enrolled"))
                    .has_value());
  }
};

TEST_F(SecondFactorStoreTest, AHalfWaySessionKeepsItsStageAndOfferedKey) {
  half_way("code", accounts::SessionStage::kAwaitingCode);
  half_way("enrol", accounts::SessionStage::kAwaitingEnrolment);
  auto& a = store_->accounts();
  EXPECT_EQ(a.find_session("code").value()->stage, accounts::SessionStage::kAwaitingCode);
  auto enrol = a.find_session("enrol").value();
  EXPECT_EQ(enrol->stage, accounts::SessionStage::kAwaitingEnrolment);
  EXPECT_EQ(enrol->enrolment_secret, "OFFEREDKEY234567");
  ASSERT_TRUE(a.start_session(session("full", uuid(10), at()), audit_entry("l")).has_value());
  EXPECT_EQ(a.find_session("full").value()->stage, accounts::SessionStage::kSignedIn);
}

TEST_F(SecondFactorStoreTest, EnrolmentIsKeptWithItsRecoveryCodesAndAudited) {
  auto& a = store_->accounts();
  EXPECT_EQ(a.find_second_factor(uuid(10)).value(), std::nullopt);
  EXPECT_EQ(a.find_second_factor(uuid(77)).value(), std::nullopt);
  const auto before = audit_count();
  enrol(41);
  EXPECT_EQ(audit_count(), before + 1);
  auto factor = a.find_second_factor(uuid(10)).value();
  ASSERT_TRUE(factor);
  EXPECT_EQ(factor->secret, "ENROLLEDKEY23456");
  EXPECT_EQ(factor->last_step, 41);
  EXPECT_EQ(factor->enrolled_at, at(5ns));
  EXPECT_EQ(a.count_recovery_codes(uuid(10)).value(), 2);
  enrol(std::nullopt, {"hash-c"});  // enrolling again replaces the key and every code
  EXPECT_EQ(a.find_second_factor(uuid(10)).value()->last_step, std::nullopt);
  EXPECT_EQ(a.count_recovery_codes(uuid(10)).value(), 1);
  EXPECT_EQ(a.enrol_second_factor(uuid(77), {"K", {}, at()}, {}, audit_entry("x")).error().code,
            "not_found");
}

TEST_F(SecondFactorStoreTest, ACodePassesOnceAndRotatesTheSession) {
  enrol(100);
  half_way("pending");
  auto& a = store_->accounts();
  auto p = pass("pending", "full");
  p.step = 100;  // spent already
  const auto before = audit_count();
  EXPECT_EQ(a.pass_second_factor(p, audit_entry("v")).error().code, "conflict");
  EXPECT_EQ(audit_count(), before) << "nothing lands";
  EXPECT_TRUE(a.find_session("pending").value().has_value()) << "nothing lands";
  EXPECT_EQ(a.find_session("full").value(), std::nullopt);

  p.step = 101;
  ASSERT_TRUE(a.pass_second_factor(p, audit_entry("user.second_factor.verified")).has_value());
  EXPECT_EQ(audit_count(), before + 1);
  EXPECT_EQ(a.find_second_factor(uuid(10)).value()->last_step, 101);
  EXPECT_EQ(a.find_session("pending").value(), std::nullopt);
  auto full = a.find_session("full").value();
  ASSERT_TRUE(full);
  EXPECT_EQ(full->stage, accounts::SessionStage::kSignedIn);

  p.session.id_hash = "again";
  p.step = 102;
  EXPECT_EQ(a.pass_second_factor(p, audit_entry("v")).error().code, "not_found")
      << "the half-way session passes once";
  half_way("pending-2");
  auto replay = pass("pending-2", "full-2");
  replay.step = 101;
  EXPECT_EQ(a.pass_second_factor(replay, audit_entry("v")).error().code, "conflict");
  EXPECT_EQ(a.find_second_factor(uuid(10)).value()->last_step, 101);
}

TEST_F(SecondFactorStoreTest, ARecoveryCodeIsSpentOnce) {
  enrol();
  auto& a = store_->accounts();
  half_way("p1");
  auto p = pass("p1", "f1");
  p.recovery_code_hash = "hash-unknown";
  EXPECT_EQ(a.pass_second_factor(p, audit_entry("r")).error().code, "conflict");
  p.recovery_code_hash = "hash-a";
  ASSERT_TRUE(
      a.pass_second_factor(p, audit_entry("user.second_factor.recovery_code_used")).has_value());
  EXPECT_EQ(a.count_recovery_codes(uuid(10)).value(), 1);
  half_way("p2");
  auto again = pass("p2", "f2");
  again.recovery_code_hash = "hash-a";
  EXPECT_EQ(a.pass_second_factor(again, audit_entry("r")).error().code, "conflict");
  EXPECT_TRUE(a.find_session("p2").value().has_value());
}

TEST_F(SecondFactorStoreTest, EnrollingWhilePassingRefusesAUserEnrolledMeanwhile) {
  auto& a = store_->accounts();
  half_way("p1", accounts::SessionStage::kAwaitingEnrolment);
  auto p = pass("p1", "f1");
  p.step = 7;
  p.enrol_secret = "OFFEREDKEY234567";
  p.recovery_code_hashes = {"h1", "h2", "h3"};
  ASSERT_TRUE(a.pass_second_factor(p, audit_entry("user.second_factor.enrolled")).has_value());
  auto factor = a.find_second_factor(uuid(10)).value();
  ASSERT_TRUE(factor);
  EXPECT_EQ(factor->secret, "OFFEREDKEY234567");
  EXPECT_EQ(factor->last_step, 7);
  EXPECT_EQ(factor->enrolled_at, at(1min));
  EXPECT_EQ(a.count_recovery_codes(uuid(10)).value(), 3);

  half_way("p2", accounts::SessionStage::kAwaitingEnrolment);
  auto second = pass("p2", "f2");
  second.step = 8;
  second.enrol_secret = "ANOTHERKEY234567";
  EXPECT_EQ(a.pass_second_factor(second, audit_entry("e")).error().code, "conflict");
  EXPECT_EQ(a.find_second_factor(uuid(10)).value()->secret, "OFFEREDKEY234567");
}

TEST_F(SecondFactorStoreTest, AResetForgetsTheKeyAndCodesAndEndsSessions) {
  enrol();
  auto& a = store_->accounts();
  ASSERT_TRUE(a.start_session(session("s1", uuid(10), at()), audit_entry("l")).has_value());
  half_way("p1");
  const auto before = audit_count();
  ASSERT_TRUE(a.reset_second_factor(uuid(10), audit_entry("user.second_factor.reset")).has_value());
  EXPECT_EQ(audit_count(), before + 1);
  EXPECT_EQ(a.find_second_factor(uuid(10)).value(), std::nullopt);
  EXPECT_EQ(a.count_recovery_codes(uuid(10)).value(), 0);
  EXPECT_EQ(a.find_session("s1").value(), std::nullopt);
  EXPECT_EQ(a.find_session("p1").value(), std::nullopt);
  EXPECT_EQ(a.reset_second_factor(uuid(77), audit_entry("x")).error().code, "not_found");
}

}  // namespace
}  // namespace vg::store::testing
