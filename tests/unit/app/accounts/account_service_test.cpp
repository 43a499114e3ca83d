#include "app/accounts/account_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <future>

#include "app/accounts/totp.h"
#include "app/security/random_token.h"
#include "app/work_pool.h"
#include "domain/accounts/totp_steps.h"
#include "store/open/open_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

class AccountServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store("sqlite::memory:", 2);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->migrate().has_value());
    AccountPolicy policy;
    policy.session_idle = 30min;
    policy.session_absolute = 12h;
    policy.per_pair = {3, 30s, 15min};
    policy.per_address = {5, 60s, 60min};
    policy.per_account = {10, 5s, 5min};
    policy_ = policy;
    accounts_ = std::make_unique<AccountService>(*store_, clock_, policy);
    ASSERT_TRUE(accounts_->create_organisation({kOrg, "Test hub", "gateway"}, "test").has_value());
  }

  // An auditor by default: a role that signs in with its password alone, so the tests of
  // passwords and sessions see a whole sign-in (the second factor's tests choose their roles).
  accounts::User make_user(std::string email = "Casey@Example.org",
                           accounts::Role role = accounts::Role::kAuditor) {
    auto user = accounts_->create_user({email, "Casey Example", kPassword, role, kOrg}, "test");
    EXPECT_TRUE(user.has_value()) << (user ? "" : user.error().message);
    return *user;
  }

  static constexpr const char* kOrg = "00000000-0000-4000-8000-000000000001";
  static constexpr const char* kPassword = "correct horse battery";
  // Documentation addresses (RFC 5737): the account's owner, an outsider, someone else.
  static constexpr const char* kOwner = "203.0.113.5";
  static constexpr const char* kAttacker = "198.51.100.7";
  static constexpr const char* kOther = "198.51.100.99";
  AccountPolicy policy_;
  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 9h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<AccountService> accounts_;
};

TEST_F(AccountServiceTest, StoresEmailLowerCaseAndPasswordOnlyAsArgon2idHash) {
  auto user = make_user();
  EXPECT_EQ(user.email, "casey@example.org");
  EXPECT_EQ(user.password_hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(user.password_hash.find(kPassword), std::string::npos);
}

TEST_F(AccountServiceTest, RejectsBadInputWithFieldErrors) {
  auto r = accounts_->create_user({"not-an-email", "", "short", accounts::Role::kAuditor,
                                   "00000000-0000-4000-8000-00000000dead"},
                                  "test");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "validation_failed");
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields) fields.push_back(f.field);
  for (const char* expected : {"email", "display_name", "password", "organisation_id"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
  }
}

TEST_F(AccountServiceTest, DuplicateEmailIsAConflict) {
  make_user();
  auto again = accounts_->create_user(
      {"casey@example.org", "Other", kPassword, accounts::Role::kAuditor, kOrg}, "test");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "conflict");
}

TEST_F(AccountServiceTest, SignInResolvesTheSessionAndSignOutEndsIt) {
  auto user = make_user();
  auto login = accounts_->log_in("casey@example.org", kPassword);
  ASSERT_TRUE(login.has_value()) << login.error().message;
  EXPECT_EQ(login->session_id.size(), 64u);
  auto current = accounts_->current_user(login->session_id);
  ASSERT_TRUE(current.has_value());
  ASSERT_TRUE(current->has_value());
  EXPECT_EQ((*current)->user.id, user.id);
  ASSERT_TRUE(accounts_->log_out(login->session_id).has_value());
  auto after = accounts_->current_user(login->session_id);
  ASSERT_TRUE(after.has_value());
  EXPECT_FALSE(after->has_value());
}

// Every signed-in request needs the user's organisation (its kind and areas decide access): it is
// read at most once a second, and a change made through this service is seen at once.
TEST_F(AccountServiceTest, TheOrganisationIsReadAgainAfterASecondOrAtOnceWhenChangedHere) {
  make_user();
  auto login = accounts_->log_in("casey@example.org", kPassword);
  ASSERT_TRUE(login.has_value()) << login.error().message;
  auto areas = [&] { return accounts_->current_user(login->session_id).value()->organisation.areas; };
  EXPECT_TRUE(areas().empty());

  // Changed by another process (straight in the store): this one sees it within the second.
  accounts::AuditEntry audit;
  audit.actor = "test";
  audit.action = "organisation.upsert";
  ASSERT_TRUE(store_->accounts().upsert_organisation({kOrg, "Test hub", "gateway", {"merseyside"}, {}}, audit).has_value());
  EXPECT_TRUE(areas().empty());
  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(areas(), std::vector<std::string>{"merseyside"});

  // Changed through this service: seen on the next request.
  ASSERT_TRUE(accounts_->create_organisation({kOrg, "Test hub", "gateway", {"staffordshire"}, {}}, "test").has_value());
  EXPECT_EQ(areas(), std::vector<std::string>{"staffordshire"});
}

TEST_F(AccountServiceTest, EachSignInIssuesANewSessionId) {
  make_user();
  auto first = accounts_->log_in("casey@example.org", kPassword);
  auto second = accounts_->log_in("casey@example.org", kPassword);
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->session_id, second->session_id);
  EXPECT_NE(first->current.csrf_token, second->current.csrf_token);
}

TEST_F(AccountServiceTest, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  make_user();
  auto wrong = accounts_->log_in("casey@example.org", "not the password");
  auto unknown = accounts_->log_in("nobody@example.org", kPassword);
  ASSERT_FALSE(wrong.has_value());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(wrong.error().code, "unauthorized");
  EXPECT_EQ(wrong.error().code, unknown.error().code);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

// An outsider's failures from their address must not keep the account's owner out from theirs:
// there is no lock an outsider can set off.
TEST_F(AccountServiceTest, FailuresFromOneAddressNeverKeepTheOwnerOutFromAnother) {
  make_user();
  for (int i = 0; i < 30; ++i) {
    auto r = accounts_->log_in("casey@example.org", "wrong password!", kAttacker);
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().code, "locked");
    clock_.advance(1min);
  }
  auto owner = accounts_->log_in("casey@example.org", kPassword, kOwner);
  EXPECT_TRUE(owner.has_value()) << owner.error().message;
}

TEST_F(AccountServiceTest, RepeatedFailuresMakeTheNextAttemptWaitLongerEachTime) {
  make_user();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(accounts_->log_in("casey@example.org", "wrong password!", kOwner).error().code,
              "unauthorized");
  }
  // Held back even with the right password: it is not checked (nor counted) while waiting.
  auto held = accounts_->log_in("casey@example.org", kPassword, kOwner);
  ASSERT_FALSE(held.has_value());
  EXPECT_EQ(held.error().code, "too_many_requests");
  EXPECT_EQ(AccountService::retry_after_seconds(held.error()), 30);
  EXPECT_EQ(held.error().message,
            "There have been too many attempts to sign in. Wait 1 minute, then try again");
  clock_.advance(31s);
  EXPECT_EQ(accounts_->log_in("casey@example.org", "wrong password!", kOwner).error().code,
            "unauthorized");
  auto longer = accounts_->log_in("casey@example.org", kPassword, kOwner);
  ASSERT_FALSE(longer.has_value());
  EXPECT_EQ(AccountService::retry_after_seconds(longer.error()), 60);
  clock_.advance(61s);
  EXPECT_TRUE(accounts_->log_in("casey@example.org", kPassword, kOwner).has_value());
  // A success forgives this address its failures at the account.
  EXPECT_EQ(accounts_->log_in("casey@example.org", "wrong password!", kOwner).error().code,
            "unauthorized");
}

TEST_F(AccountServiceTest, AnUnknownEmailIsHeldBackExactlyAsARealOne) {
  make_user();
  for (int i = 0; i < 6; ++i) {
    auto real = accounts_->log_in("casey@example.org", "wrong password!", kAttacker);
    auto unknown = accounts_->log_in("nobody@example.org", "wrong password!", kOther);
    ASSERT_FALSE(real.has_value());
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(real.error().code, unknown.error().code) << i;
    EXPECT_EQ(real.error().message, unknown.error().message) << i;
    EXPECT_EQ(AccountService::retry_after_seconds(real.error()),
              AccountService::retry_after_seconds(unknown.error()))
        << i;
    clock_.advance(1s);
  }
}

TEST_F(AccountServiceTest, OneAddressTryingManyAccountsIsHeldBackForEveryAccount) {
  make_user();
  for (int i = 0; i < 5; ++i) {  // per address: 5 free failures, across any emails
    EXPECT_EQ(accounts_->log_in("guess" + std::to_string(i) + "@example.org", "wrong password!",
                                kAttacker)
                  .error()
                  .code,
              "unauthorized");
  }
  EXPECT_EQ(accounts_->log_in("casey@example.org", kPassword, kAttacker).error().code,
            "too_many_requests");
  EXPECT_TRUE(accounts_->log_in("casey@example.org", kPassword, kOwner).has_value());
}

TEST_F(AccountServiceTest, ManyAddressesAtOneAccountSlowNewAddressesButNotTheOwnersKnownOne) {
  make_user();
  ASSERT_TRUE(accounts_->log_in("casey@example.org", kPassword, kOwner).has_value());
  for (int i = 0; i < 10; ++i) {  // per account: 10 free failures, from any addresses
    EXPECT_EQ(accounts_->log_in("casey@example.org", "wrong password!",
                                "192.0.2." + std::to_string(i))
                  .error()
                  .code,
              "unauthorized");
  }
  EXPECT_EQ(accounts_->log_in("casey@example.org", kPassword, "192.0.2.200").error().code,
            "too_many_requests");
  EXPECT_TRUE(accounts_->log_in("casey@example.org", kPassword, kOwner).has_value());
}

TEST_F(AccountServiceTest, UnlockLiftsTheWaitsOnTheAccount) {
  auto user = make_user();
  for (int i = 0; i < 3; ++i) accounts_->log_in("casey@example.org", "wrong password!", kOwner);
  ASSERT_EQ(accounts_->log_in("casey@example.org", kPassword, kOwner).error().code,
            "too_many_requests");
  ASSERT_TRUE(accounts_->unlock(user.id, "test").has_value());
  EXPECT_TRUE(accounts_->log_in("casey@example.org", kPassword, kOwner).has_value());
}

TEST_F(AccountServiceTest, FailuresAreForgottenAfterAQuietDay) {
  make_user();
  for (int i = 0; i < 3; ++i) accounts_->log_in("casey@example.org", "wrong password!", kOwner);
  clock_.advance(25h);
  EXPECT_EQ(accounts_->log_in("casey@example.org", "wrong password!", kOwner).error().code,
            "unauthorized");
  EXPECT_TRUE(accounts_->log_in("casey@example.org", kPassword, kOwner).has_value());
}

// One limit: the longest password that can be set signs in; a longer one is refused at both
// with the same message. Characters, not bytes: "é" is two bytes and counts once.
TEST_F(AccountServiceTest, TheLongestPasswordThatCanBeSetSignsInAndLongerIsRefusedAtBoth) {
  std::string longest;
  for (int i = 0; i < 1024; ++i) longest += (i % 2 ? "é" : "x");
  auto user = accounts_->create_user(
      {"long@example.org", "Invented Long", longest, accounts::Role::kAuditor, kOrg}, "test");
  ASSERT_TRUE(user.has_value()) << user.error().message;
  EXPECT_TRUE(accounts_->log_in("long@example.org", longest, kOwner).has_value());

  auto too_long = accounts_->create_user(
      {"longer@example.org", "Invented Longer", longest + "x", accounts::Role::kAuditor, kOrg},
      "test");
  ASSERT_FALSE(too_long.has_value());
  ASSERT_EQ(too_long.error().fields.size(), 1u);
  EXPECT_EQ(too_long.error().fields[0].code, "too_long");
  auto sign_in = accounts_->log_in("long@example.org", longest + "x", kOwner);
  ASSERT_FALSE(sign_in.has_value());
  ASSERT_EQ(sign_in.error().fields.size(), 1u);
  EXPECT_EQ(sign_in.error().fields[0].field, "password");
  EXPECT_EQ(sign_in.error().fields[0].message, too_long.error().fields[0].message);
  EXPECT_EQ(accounts_->reset_password(user->id, longest + "x", "test").error().fields[0].code,
            "too_long");
}

TEST_F(AccountServiceTest, SignInOnThePoolGivesTheSameAnswers) {
  make_user();
  std::promise<Result<LoginResult>> good, bad;
  accounts_->log_in_async("casey@example.org", kPassword, kOwner,
                          [&](Result<LoginResult> r) { good.set_value(std::move(r)); });
  accounts_->log_in_async("casey@example.org", "wrong password!", kOwner,
                          [&](Result<LoginResult> r) { bad.set_value(std::move(r)); });
  auto g = good.get_future().get();
  auto b = bad.get_future().get();
  EXPECT_TRUE(g.has_value());
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().code, "unauthorized");
}

// A full hash queue answers at once ("unavailable", with a wait) rather than queueing the
// caller behind everyone else. Not timed: the pool is held busy by a job of the test's own.
TEST_F(AccountServiceTest, AFullHashQueueAnswersUnavailableAtOnce) {
  make_user();
  auto pool = std::make_shared<WorkPool>(1, 1);
  AccountService accounts(*store_, clock_, policy_, pool);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  ASSERT_TRUE(pool->try_submit([released] { released.wait(); }));  // the one worker, busy
  ASSERT_TRUE(pool->try_submit([] {}));                            // the one queue place, taken
  bool answered = false;
  Result<LoginResult> answer = fail("none", "");
  accounts.log_in_async("casey@example.org", kPassword, kOwner, [&](Result<LoginResult> r) {
    answered = true;
    answer = std::move(r);
  });
  EXPECT_TRUE(answered);  // called before log_in_async returned: nobody waited
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code, "unavailable");
  EXPECT_GT(AccountService::retry_after_seconds(answer.error()), 0);
  release.set_value();
  pool->drain();
  std::promise<Result<LoginResult>> later;
  accounts.log_in_async("casey@example.org", kPassword, kOwner,
                        [&](Result<LoginResult> r) { later.set_value(std::move(r)); });
  EXPECT_TRUE(later.get_future().get().has_value());
}

TEST_F(AccountServiceTest, DisablingEndsSessionsAndStopsSignIn) {
  auto user = make_user();
  auto login = accounts_->log_in("casey@example.org", kPassword, kOwner);
  ASSERT_TRUE(login.has_value());
  ASSERT_TRUE(accounts_->set_active(user.id, false, "test").has_value());
  EXPECT_FALSE(accounts_->current_user(login->session_id)->has_value());
  EXPECT_EQ(accounts_->log_in("casey@example.org", kPassword, kOwner).error().code,
            "unauthorized");
  ASSERT_TRUE(accounts_->set_active(user.id, true, "test").has_value());
  EXPECT_FALSE(accounts_->current_user(login->session_id)->has_value());
  EXPECT_TRUE(accounts_->log_in("casey@example.org", kPassword, kOwner).has_value());
}

TEST_F(AccountServiceTest, ResetPasswordReplacesItAndEndsSessions) {
  auto user = make_user();
  auto login = accounts_->log_in("casey@example.org", kPassword, kOwner);
  ASSERT_TRUE(login.has_value());
  ASSERT_TRUE(accounts_->reset_password(user.id, "an invented new passphrase", "test").has_value());
  EXPECT_FALSE(accounts_->current_user(login->session_id)->has_value());
  EXPECT_EQ(accounts_->log_in("casey@example.org", kPassword, kOwner).error().code,
            "unauthorized");
  EXPECT_TRUE(
      accounts_->log_in("casey@example.org", "an invented new passphrase", kOwner).has_value());
}

TEST_F(AccountServiceTest, SessionEndsAfterIdleTimeout) {
  make_user();
  auto login = accounts_->log_in("casey@example.org", kPassword);
  ASSERT_TRUE(login.has_value());
  clock_.advance(29min);
  EXPECT_TRUE(accounts_->current_user(login->session_id)->has_value());  // activity renews it
  clock_.advance(29min);
  EXPECT_TRUE(accounts_->current_user(login->session_id)->has_value());
  clock_.advance(31min);
  EXPECT_FALSE(accounts_->current_user(login->session_id)->has_value());
}

TEST_F(AccountServiceTest, SigningInClearsOutExpiredSessions) {
  make_user();
  auto old = accounts_->log_in("casey@example.org", kPassword);
  ASSERT_TRUE(old.has_value());
  const std::string old_hash = sha256_hex(old->session_id);
  ASSERT_TRUE(store_->accounts().find_session(old_hash)->has_value());
  clock_.advance(31min);  // the first session is now idle too long
  auto fresh = accounts_->log_in("casey@example.org", kPassword);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_FALSE(store_->accounts().find_session(old_hash)->has_value());
  EXPECT_TRUE(store_->accounts().find_session(sha256_hex(fresh->session_id))->has_value());
}

TEST_F(AccountServiceTest, SessionEndsAtAbsoluteLimitDespiteActivity) {
  make_user();
  auto login = accounts_->log_in("casey@example.org", kPassword);
  ASSERT_TRUE(login.has_value());
  for (int i = 0; i < 28; ++i) {  // 11 h 40 min of activity every 25 minutes
    clock_.advance(25min);
    ASSERT_TRUE(accounts_->current_user(login->session_id)->has_value()) << i;
  }
  clock_.advance(25min);
  EXPECT_FALSE(accounts_->current_user(login->session_id)->has_value());
}

TEST_F(AccountServiceTest, UnknownOrMalformedSessionIdIsSignedOut) {
  EXPECT_FALSE(accounts_->current_user("abc")->has_value());
  EXPECT_FALSE(accounts_->current_user(std::string(64, 'a'))->has_value());
}

TEST_F(AccountServiceTest, CsrfTokenMustMatchTheSession) {
  make_user();
  auto login = accounts_->log_in("casey@example.org", kPassword);
  ASSERT_TRUE(login.has_value());
  EXPECT_TRUE(AccountService::csrf_matches(login->current, login->current.csrf_token));
  EXPECT_FALSE(AccountService::csrf_matches(login->current, ""));
  EXPECT_FALSE(AccountService::csrf_matches(login->current, std::string(64, '0')));
}

TEST_F(AccountServiceTest, PresessionTokenIsBoundToItsCookieValue) {
  const std::string cookie(64, 'a');
  const std::string other(64, 'b');
  auto token = AccountService::anonymous_csrf_token(cookie);
  EXPECT_TRUE(AccountService::anonymous_csrf_matches(cookie, token));
  EXPECT_FALSE(AccountService::anonymous_csrf_matches(other, token));
  EXPECT_FALSE(AccountService::anonymous_csrf_matches(cookie, ""));
}

TEST_F(AccountServiceTest, SignInsAndFailuresAreAudited) {
  make_user();
  accounts_->log_in("casey@example.org", "wrong password!", kOwner);
  accounts_->log_in("nobody@example.org", "wrong password!", kOwner);
  ASSERT_TRUE(accounts_->log_in("casey@example.org", kPassword, kOwner).has_value());
  auto entries = store_->audit().read(0, 100);
  ASSERT_TRUE(entries.has_value());
  std::vector<std::string> actions;
  for (const auto& e : *entries) actions.push_back(e.action);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.create"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.login_failed"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.login"), actions.end());
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "user.login_failed"), 2);
  for (const auto& e : *entries) {
    EXPECT_EQ(e.detail.find("casey"), std::string::npos);
    EXPECT_EQ(e.detail.find("nobody"), std::string::npos);
    EXPECT_EQ(e.detail.find(kOwner), std::string::npos);
  }
}

// ---- Second factor ----

class SecondFactorTest : public AccountServiceTest {
 protected:
  static constexpr const char* kKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";  // RFC 6238's key

  // The code an app holding `key` shows `steps` steps from now.
  std::string code(const std::string& key = kKey, int steps = 0) {
    return totp_code(*base32_decode(key), accounts::totp_step_at(clock_.now()) + steps);
  }

  // An advisor (a role that sees victims' details) enrolled with kKey.
  accounts::User enrolled_advisor(std::string email = "advisor@example.org") {
    auto user = make_user(email, accounts::Role::kGatewayAdvisor);
    EXPECT_TRUE(accounts_->enrol_with_secret(user.id, kKey, "test").has_value());
    return user;
  }

  LoginResult half_way(const std::string& email = "advisor@example.org") {
    auto login = accounts_->log_in(email, kPassword, kOwner);
    EXPECT_TRUE(login.has_value()) << (login ? "" : login.error().message);
    return *login;
  }

  std::vector<std::string> audit_actions() {
    std::vector<std::string> actions;
    const auto entries = store_->audit().read(0, 10000).value();
    for (const auto& e : entries) actions.push_back(e.action);
    return actions;
  }
};

TEST_F(SecondFactorTest, RolesThatSeeNoVictimsSignInWithTheirPasswordAlone) {
  make_user("auditor@example.org", accounts::Role::kAuditor);
  auto login = accounts_->log_in("auditor@example.org", kPassword);
  ASSERT_TRUE(login.has_value());
  EXPECT_EQ(login->stage, accounts::SessionStage::kSignedIn);
  EXPECT_TRUE(accounts_->current_user(login->session_id)->has_value());
}

TEST_F(SecondFactorTest, AHalfWaySignInIsNobodyUntilTheCodePasses) {
  enrolled_advisor();
  auto login = half_way();
  EXPECT_EQ(login.stage, accounts::SessionStage::kAwaitingCode);
  EXPECT_FALSE(accounts_->current_user(login.session_id)->has_value());
  auto pending = accounts_->pending_sign_in(login.session_id).value();
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->user.email, "advisor@example.org");

  auto passed = accounts_->verify_code(login.session_id, code(), kOwner);
  ASSERT_TRUE(passed.has_value()) << passed.error().message;
  EXPECT_NE(passed->session_id, login.session_id) << "the session id is rotated";
  EXPECT_TRUE(accounts_->current_user(passed->session_id)->has_value());
  EXPECT_FALSE(accounts_->current_user(login.session_id)->has_value());
  EXPECT_FALSE(accounts_->pending_sign_in(login.session_id)->has_value()) << "it passes once";
  auto actions = audit_actions();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.second_factor.verified"),
            actions.end());
}

TEST_F(SecondFactorTest, TheCurrentStepAndOneEitherSideAreAcceptedNoFurther) {
  enrolled_advisor();
  EXPECT_EQ(accounts_->verify_code(half_way().session_id, code(kKey, -2), kOwner).error().code,
            "unauthorized");
  EXPECT_EQ(accounts_->verify_code(half_way().session_id, code(kKey, 2), kOwner).error().code,
            "unauthorized");
  EXPECT_TRUE(accounts_->verify_code(half_way().session_id, code(kKey, -1), kOwner).has_value());
  EXPECT_TRUE(accounts_->verify_code(half_way().session_id, code(kKey, 1), kOwner).has_value());
}

TEST_F(SecondFactorTest, ACodeIsNeverAcceptedTwiceNorOneFromBeforeIt) {
  enrolled_advisor();
  ASSERT_TRUE(accounts_->verify_code(half_way().session_id, code(), kOwner).has_value());
  auto replay = accounts_->verify_code(half_way().session_id, code(), kOwner);
  ASSERT_FALSE(replay.has_value());
  EXPECT_EQ(replay.error().code, "unauthorized");
  EXPECT_FALSE(accounts_->verify_code(half_way().session_id, code(kKey, -1), kOwner).has_value())
      << "an earlier step than the one spent";
  clock_.advance(30s);
  EXPECT_TRUE(accounts_->verify_code(half_way().session_id, code(), kOwner).has_value())
      << "the next step's code passes";
}

TEST_F(SecondFactorTest, BadlyShapedCodesSayWhyAndAreNotCounted) {
  enrolled_advisor();
  auto login = half_way();
  for (const char* typed : {"", "12345", "12a456", "1234567"}) {
    auto r = accounts_->verify_code(login.session_id, typed, kOwner);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, "validation_failed") << typed;
    EXPECT_EQ(r.error().fields.at(0).field, "code");
  }
  EXPECT_TRUE(accounts_->verify_code(login.session_id, code(), kOwner).has_value());
}

TEST_F(SecondFactorTest, WrongCodesCountInTheSignInThrottleAndARightPasswordForgivesNone) {
  enrolled_advisor();
  const std::string wrong = code() == "000000" ? "111111" : "000000";
  // per_pair: 3 free failures. Two wrong codes, a new password step, one more wrong code.
  auto login = half_way();
  EXPECT_EQ(accounts_->verify_code(login.session_id, wrong, kOwner).error().code, "unauthorized");
  EXPECT_EQ(accounts_->verify_code(login.session_id, wrong, kOwner).error().code, "unauthorized");
  login = half_way();
  EXPECT_EQ(accounts_->verify_code(login.session_id, wrong, kOwner).error().code, "unauthorized");
  // Now even the right code must wait.
  auto held = accounts_->verify_code(login.session_id, code(), kOwner);
  ASSERT_FALSE(held.has_value());
  EXPECT_EQ(held.error().code, "too_many_requests");
  EXPECT_GT(AccountService::retry_after_seconds(held.error()), 0);
  EXPECT_EQ(accounts_->log_in("advisor@example.org", kPassword, kOwner).error().code,
            "too_many_requests")
      << "the same buckets hold the password step back too";
  auto actions = audit_actions();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "user.second_factor.failed"), 3);
}

TEST_F(SecondFactorTest, EnrolmentShowsAKeyAndMakesTenRecoveryCodesOnceConfirmed) {
  make_user("new@example.org", accounts::Role::kTeamLeader);
  auto login = half_way("new@example.org");
  EXPECT_EQ(login.stage, accounts::SessionStage::kAwaitingEnrolment);
  auto pending = accounts_->pending_sign_in(login.session_id).value();
  ASSERT_TRUE(pending);
  auto shown = accounts_->enrolment(*pending);
  std::string key = shown.secret_groups;
  std::erase(key, ' ');
  EXPECT_EQ(key.size(), 32u);
  EXPECT_NE(shown.otpauth_uri.find("secret=" + key), std::string::npos);
  EXPECT_EQ(
      accounts_->enrolment(*accounts_->pending_sign_in(login.session_id).value()).secret_groups,
      shown.secret_groups)
      << "showing the page again shows the same key";

  EXPECT_EQ(accounts_->confirm_enrolment(login.session_id, code(kKey), kOwner).error().code,
            "unauthorized")
      << "a code from another key";
  auto enrolled = accounts_->confirm_enrolment(login.session_id, code(key), kOwner);
  ASSERT_TRUE(enrolled.has_value()) << enrolled.error().message;
  EXPECT_EQ(enrolled->recovery_codes.size(), 10u);
  EXPECT_TRUE(accounts_->current_user(enrolled->login.session_id)->has_value());

  clock_.advance(30s);
  auto next = half_way("new@example.org");
  EXPECT_EQ(next.stage, accounts::SessionStage::kAwaitingCode) << "enrolled now";
  EXPECT_TRUE(accounts_->verify_code(next.session_id, code(key), kOwner).has_value());
}

TEST_F(SecondFactorTest, ARecoveryCodeWorksOnceAndIsAudited) {
  make_user("new@example.org", accounts::Role::kPartnerCaseworker);
  auto login = half_way("new@example.org");
  std::string key = accounts_->pending_sign_in(login.session_id).value()->enrolment_secret;
  auto codes = accounts_->confirm_enrolment(login.session_id, code(key), kOwner)->recovery_codes;

  auto first =
      accounts_->use_recovery_code(half_way("new@example.org").session_id, codes[3], kOwner);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_TRUE(accounts_->current_user(first->session_id)->has_value());
  auto again =
      accounts_->use_recovery_code(half_way("new@example.org").session_id, codes[3], kOwner);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "unauthorized");
  EXPECT_TRUE(
      accounts_
          ->use_recovery_code(half_way("new@example.org").session_id, " " + codes[4] + " ", kOwner)
          .has_value());

  const auto entries = store_->audit().read(0, 10000).value();
  for (const auto& e : entries) {
    for (const auto& c : codes) EXPECT_EQ(e.detail.find(c), std::string::npos) << e.action;
    EXPECT_EQ(e.detail.find(key), std::string::npos) << e.action;
  }
  auto actions = audit_actions();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "user.second_factor.recovery_code_used"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "user.second_factor.enrolled"), 1);
}

TEST_F(SecondFactorTest, AResetEndsTheirSessionsAndTheyEnrolAgain) {
  auto user = enrolled_advisor();
  auto signed_in = accounts_->verify_code(half_way().session_id, code(), kOwner);
  ASSERT_TRUE(signed_in.has_value());
  auto waiting = half_way();
  ASSERT_TRUE(accounts_->reset_second_factor(user.id, "system:cli").has_value());
  EXPECT_FALSE(accounts_->current_user(signed_in->session_id)->has_value());
  EXPECT_EQ(accounts_->verify_code(waiting.session_id, code(kKey, 1), kOwner).error().code,
            "expired");
  EXPECT_EQ(half_way().stage, accounts::SessionStage::kAwaitingEnrolment);
  auto actions = audit_actions();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.second_factor.reset"), actions.end());
}

TEST_F(SecondFactorTest, AHalfWaySignInLastsTenMinutes) {
  enrolled_advisor();
  auto login = half_way();
  clock_.advance(std::chrono::seconds(policy_.second_factor_time) + 1s);
  EXPECT_FALSE(accounts_->pending_sign_in(login.session_id)->has_value());
  EXPECT_EQ(accounts_->verify_code(login.session_id, code(), kOwner).error().code, "expired");
}

}  // namespace
}  // namespace vg::app
