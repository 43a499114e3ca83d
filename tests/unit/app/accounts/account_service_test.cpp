#include "app/accounts/account_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/security/random_token.h"

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
    policy.lockout_threshold = 3;
    policy.lockout = 15min;
    accounts_ = std::make_unique<AccountService>(*store_, clock_, policy);
    ASSERT_TRUE(accounts_->create_organisation({kOrg, "Test hub", "gateway"}, "test").has_value());
  }

  accounts::User make_user(std::string email = "Casey@Example.org") {
    auto user = accounts_->create_user(
        {email, "Casey Example", kPassword, accounts::Role::kGatewayAdvisor, kOrg}, "test");
    EXPECT_TRUE(user.has_value()) << (user ? "" : user.error().message);
    return *user;
  }

  static constexpr const char* kOrg = "00000000-0000-4000-8000-000000000001";
  static constexpr const char* kPassword = "correct horse battery";
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

TEST_F(AccountServiceTest, LocksAfterRepeatedFailuresEvenForTheRightPasswordThenUnlocks) {
  make_user();
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(accounts_->log_in("casey@example.org", "wrong password!").error().code,
              "unauthorized");
  }
  EXPECT_EQ(accounts_->log_in("casey@example.org", "wrong password!").error().code, "locked");
  EXPECT_EQ(accounts_->log_in("casey@example.org", kPassword).error().code, "locked");
  clock_.advance(16min);
  EXPECT_TRUE(accounts_->log_in("casey@example.org", kPassword).has_value());
}

TEST_F(AccountServiceTest, SuccessfulSignInResetsTheFailureCount) {
  make_user();
  accounts_->log_in("casey@example.org", "wrong password!");
  accounts_->log_in("casey@example.org", "wrong password!");
  ASSERT_TRUE(accounts_->log_in("casey@example.org", kPassword).has_value());
  // Two more failures stay under the threshold of three once the count was reset.
  accounts_->log_in("casey@example.org", "wrong password!");
  EXPECT_EQ(accounts_->log_in("casey@example.org", "wrong password!").error().code,
            "unauthorized");
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
  accounts_->log_in("casey@example.org", "wrong password!");
  ASSERT_TRUE(accounts_->log_in("casey@example.org", kPassword).has_value());
  auto entries = store_->audit().read(0, 100);
  ASSERT_TRUE(entries.has_value());
  std::vector<std::string> actions;
  for (const auto& e : *entries) actions.push_back(e.action);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.create"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.login_failed"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.login"), actions.end());
  for (const auto& e : *entries) EXPECT_EQ(e.detail.find("casey"), std::string::npos);
}

}  // namespace
}  // namespace vg::app
