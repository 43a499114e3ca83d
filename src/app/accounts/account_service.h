// Account use cases: create users, log in and out, resolve a session, check CSRF tokens.
// Passwords are hashed with Argon2id (libsodium); session ids live only in the cookie, the store
// keeps their SHA-256. Never logs emails or passwords.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "app/clock.h"
#include "domain/accounts/account_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

struct AccountPolicy {
  std::chrono::minutes session_idle{30};
  std::chrono::hours session_absolute{12};
  int lockout_threshold = 5;  // failed log-ins in a row before the account locks
  std::chrono::minutes lockout{15};
};

struct NewUser {
  std::string email;
  std::string display_name;
  std::string password;
  accounts::Role role = accounts::Role::kGatewayAdvisor;
  std::string organisation_id;
};

// What the HTTP layer learns about the person behind a request.
struct CurrentUser {
  accounts::User user;
  std::string session_id_hash;
  std::string csrf_token;
};

// A successful log-in: the raw session id goes in the cookie, never anywhere else.
struct LoginResult {
  std::string session_id;
  CurrentUser current;
};

class AccountService {
 public:
  AccountService(store::Store& store, const Clock& clock, AccountPolicy policy = {});

  // Validates (email shape, password at least 12 characters, organisation exists).
  Result<accounts::User> create_user(const NewUser& user, const std::string& actor);
  Result<void> create_organisation(const accounts::Organisation& org, const std::string& actor);

  // Fails with "unauthorized" for a wrong email or password (the same message for both), and
  // "locked" while the account is locked out.
  Result<LoginResult> log_in(const std::string& email, const std::string& password);
  // Resolves a cookie's session id; nullopt when missing, expired or idle too long.
  Result<std::optional<CurrentUser>> current_user(const std::string& session_id);
  Result<void> log_out(const std::string& session_id);

  // Constant-time comparison of a submitted CSRF token with the session's.
  static bool csrf_matches(const CurrentUser& current, const std::string& submitted);

  // The token for forms shown before log-in (the sign-in form itself): derived from a random
  // pre-session cookie value (double-submit), so it needs no server-side state and works across
  // several `serve` processes.
  static std::string anonymous_csrf_token(const std::string& presession_value);
  static bool anonymous_csrf_matches(const std::string& presession_value,
                                     const std::string& submitted);

 private:
  store::Store& store_;
  const Clock& clock_;
  AccountPolicy policy_;
};

}  // namespace vg::app
