// Account use cases: create users, sign in (password, then a TOTP second factor for roles that
// see victims' details) and out, resolve a session, check CSRF tokens, and the operators'
// commands (list, disable, unlock, reset a password or a second factor).
// Passwords are hashed with Argon2id (libsodium) on a small bounded pool, never on the caller's
// thread for a sign-in; session ids live only in the cookie, the store keeps their SHA-256.
// Never logs emails, addresses, passwords, TOTP keys, codes or recovery codes.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/cache/trusted_for.h"
#include "app/clock.h"
#include "domain/accounts/account_records.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class RefusalTally;

class WorkPool;

// How many failed sign-ins a bucket may have before each further attempt must wait: the first
// wait follows the failure that reached `free_failures`, and each further failure doubles it, up
// to `longest_wait`. Attempts refused for waiting are not checked and not counted.
struct SignInLimit {
  int free_failures;
  std::chrono::seconds first_wait;
  std::chrono::seconds longest_wait;
};

struct AccountPolicy {
  std::chrono::minutes session_idle{30};
  std::chrono::hours session_absolute{12};
  // One address at one account: a person mistyping gets a few goes before short waits.
  SignInLimit per_pair{5, std::chrono::seconds(30), std::chrono::minutes(15)};
  // One address at any accounts (guessing across many): tighter than per account alone.
  SignInLimit per_address{20, std::chrono::minutes(1), std::chrono::minutes(60)};
  // One account from any addresses (guessing from many): loose, with short waits, and not
  // applied to an address that has signed in to the account before, so an outsider hammering an
  // account cannot keep its owner out from where they usually sign in.
  SignInLimit per_account{50, std::chrono::seconds(5), std::chrono::minutes(5)};
  std::chrono::hours forget_failures_after{24};      // since a bucket's last failure
  std::chrono::hours remember_sign_in{24 * 30};      // an address that signed in stays known
  // How long a half-way sign-in (password right, second factor still to come) may take.
  std::chrono::minutes second_factor_time{10};
  std::string totp_issuer = "Victim Gateway";  // what authenticator apps label the account with
  int hash_threads = 1;   // Argon2id workers (64 MiB each while hashing)
  int hash_queue = 32;    // sign-ins waiting for a worker before the rest are answered "busy"
  // The secret callers' addresses and emails are hashed with before they are counted (as for the
  // self-referral limits). Empty: a random key held in this process's memory.
  std::string address_key;
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
  // The user's organisation as it is now (its kind and areas decide what the user may reach):
  // read with the session, so an administrator's change applies from the next request. Only the
  // id is set when the organisation has gone.
  accounts::Organisation organisation = {};
};

// A successful log-in: the raw session id goes in the cookie, never anywhere else. When `stage`
// is not kSignedIn the password was right but the session is half-way: it is no signed-in
// person until the second factor passes (current_user answers nullopt for it).
struct LoginResult {
  std::string session_id;
  CurrentUser current;
  accounts::SessionStage stage = accounts::SessionStage::kSignedIn;
};

// A half-way sign-in, for the second-factor pages only.
struct PendingSignIn {
  accounts::User user;
  std::string session_id_hash;
  std::string csrf_token;
  accounts::SessionStage stage = accounts::SessionStage::kAwaitingCode;
  std::string enrolment_secret;  // kAwaitingEnrolment: the key offered (base32)
};

// What an authenticator app is set up with: the key in groups of four and the otpauth:// URI.
struct TotpEnrolment {
  std::string secret_groups;
  std::string otpauth_uri;
};

// An enrolment confirmed: signed in, and the recovery codes to show once.
struct EnrolledSignIn {
  LoginResult login;
  std::vector<std::string> recovery_codes;
};

class AccountService {
 public:
  // Passwords are between these lengths, counted in characters (UTF-8 code points), both when
  // set and at sign-in: any password that can be set can sign in.
  static constexpr std::size_t kMinPasswordLength = 12;
  static constexpr std::size_t kMaxPasswordLength = 1024;

  // `pool`: where sign-ins' password checks run; null = a pool of the policy's size, its own.
  AccountService(store::Store& store, const Clock& clock, AccountPolicy policy = {},
                 std::shared_ptr<WorkPool> pool = nullptr);
  ~AccountService();

  // Validates (email shape, password length, organisation exists).
  Result<accounts::User> create_user(const NewUser& user, const std::string& actor);
  Result<void> create_organisation(const accounts::Organisation& org, const std::string& actor);

  // Signs in from `address` (the caller's network address). Fails with:
  // - "unauthorized": a wrong email or password, or a disabled account, with one message, after
  //   the same work (an unknown email is checked against a decoy hash), counted and audited;
  // - "too_many_requests": this address, this account, or the two together failed too often
  //   lately; the same for an email with no account. fields[0] is {"retry_after", seconds as
  //   text, the message};
  // - "validation_failed": the password is longer than any that can be set (field "password").
  Result<LoginResult> log_in(const std::string& email, const std::string& password,
                             const std::string& address = {});
  // The same, run on the hash pool: `done` is called once, on a pool thread, or at once on the
  // caller's with "unavailable" when the pool's queue is full (fields[0] is then
  // {"retry_after", seconds, message}); the caller never waits.
  void log_in_async(const std::string& email, const std::string& password,
                    const std::string& address, std::function<void(Result<LoginResult>)> done);
  // Waits for sign-ins already on the hash pool to finish (before the server's loops go).
  void wait_for_sign_ins();

  // Resolves a cookie's session id; nullopt when missing, expired or idle too long, and for a
  // half-way sign-in (so nothing but the second-factor pages treats it as signed in).
  Result<std::optional<CurrentUser>> current_user(const std::string& session_id);
  // Whether a cookie's session id is still signed in as current_user would find it (not signed
  // out, revoked, expired or idle too long; its user active), without touching or ending it: for
  // a live chat socket checking again while its advisor may be away (http/chat_session_watch.h).
  Result<bool> still_signed_in(const std::string& session_id);

  // Second factor. A half-way sign-in from a cookie's session id; nullopt when there is none or
  // it is older than policy.second_factor_time.
  Result<std::optional<PendingSignIn>> pending_sign_in(const std::string& session_id);
  // What to set an authenticator app up with, for a sign-in awaiting enrolment.
  TotpEnrolment enrolment(const PendingSignIn& pending) const;
  // Each of these passes the second factor from `address`, rotating the session (a new id), or
  // fails with:
  // - "unauthorized": the code is wrong or spent; counted in the sign-in throttle's buckets
  //   and audited (user.second_factor.failed);
  // - "too_many_requests": as for log_in (fields[0] is retry_after);
  // - "validation_failed": empty or the wrong shape (field "code"); not counted;
  // - "expired": no half-way sign-in of that kind (gone, too old, or reset): sign in again.
  // A code from the app (6 digits; the current 30-second step or one either side, never a step
  // this user has spent).
  Result<LoginResult> verify_code(const std::string& session_id, const std::string& code,
                                  const std::string& address = {});
  // One of the user's recovery codes, spent by this (audited:
  // user.second_factor.recovery_code_used).
  Result<LoginResult> use_recovery_code(const std::string& session_id, const std::string& code,
                                        const std::string& address = {});
  // Confirms enrolment with a code from the newly set-up app; makes the recovery codes.
  Result<EnrolledSignIn> confirm_enrolment(const std::string& session_id, const std::string& code,
                                           const std::string& address = {});
  Result<void> log_out(const std::string& session_id);
  // Where sign-ins refused by the throttle are counted and audited in aggregate; none: they are
  // not audited (each counted failure before the wait always is).
  void set_refusals(RefusalTally* refusals) { refusals_ = refusals; }
  // A privilege gained mid-session (break glass; `reason` names it in the audit entry): the
  // session gets a new id and a new CSRF token and the old ones open nothing, so an id or token
  // learnt before the change (a fixed or sniffed cookie, a token in an old page) is worth
  // nothing after it. The sign-in's age carries over: the absolute limit still counts from it.
  // Returns the new id for the cookie and sets `current`'s hash and token to the new ones;
  // `not_found` when the session has gone meanwhile.
  Result<std::string> rotate_session(CurrentUser& current, std::string_view reason);

  // Operators (the CLI): each change is audited with `actor`. Users are named by id or email.
  Result<std::vector<accounts::Organisation>> list_organisations();
  Result<std::vector<accounts::User>> list_users();
  Result<accounts::User> find_user(const std::string& id_or_email);
  // Disabling ends every session of the user at once.
  Result<void> set_active(const std::string& user_id, bool active, const std::string& actor);
  // Lifts every sign-in wait on the account (not on addresses).
  Result<void> unlock(const std::string& user_id, const std::string& actor);
  // Validates the length, replaces the hash, ends the user's sessions and lifts their waits.
  Result<void> reset_password(const std::string& user_id, const std::string& password,
                              const std::string& actor);
  // Forgets the user's TOTP key and recovery codes and ends their sessions: they enrol again at
  // their next sign-in.
  Result<void> reset_second_factor(const std::string& user_id, const std::string& actor);
  // Enrols the user with a key chosen by the caller (base32; the demo log-ins' documented keys),
  // with no recovery codes. A no-op when they are enrolled with that key already.
  Result<void> enrol_with_secret(const std::string& user_id, const std::string& secret_base32,
                                 const std::string& actor);

  // Constant-time comparison of a submitted CSRF token with the session's.
  static bool csrf_matches(const CurrentUser& current, const std::string& submitted);
  static bool csrf_matches(const PendingSignIn& pending, const std::string& submitted);

  // The token for forms shown before log-in (the sign-in form itself): derived from a random
  // pre-session cookie value (double-submit), so it needs no server-side state and works across
  // several `serve` processes.
  static std::string anonymous_csrf_token(const std::string& presession_value);
  static bool anonymous_csrf_matches(const std::string& presession_value,
                                     const std::string& submitted);

  // Seconds from a "too_many_requests" or "unavailable" error's retry_after field (0 if none).
  static int retry_after_seconds(const Error& error);

 private:
  // The user's organisation now (read at most once a second: every signed-in request needs it);
  // only its id when it has gone.
  Result<accounts::Organisation> organisation_of(const accounts::User& user);
  struct Attempt;
  // The throttle's three buckets for an email typed (or a user's) and an address.
  struct Buckets {
    std::string pair;
    std::string account;
    std::string address;
  };
  Buckets buckets_for(const std::string& email, const std::string& address) const;
  // "too_many_requests" when any bucket holds attempts back now.
  Result<void> check_throttle(const Buckets& buckets);
  // One more failure in each bucket, with `audit`.
  Result<void> count_failure(const Buckets& buckets, const std::string& user_id,
                             const accounts::AuditEntry& audit);
  // A new signed-in session for `user`, its LoginResult, and `stage`'s session when half-way.
  accounts::Session new_session(const accounts::User& user, accounts::SessionStage stage,
                                std::string& session_id) const;
  // After a full sign-in: the pair's failures forgiven, the address remembered, old rows purged.
  Result<LoginResult> signed_in(accounts::User user, const Buckets& buckets,
                                const std::string& session_id, const accounts::Session& session);
  // The half-way sign-in of `stage` behind `session_id`, throttled for `address`.
  struct SecondFactorAttempt;
  Result<SecondFactorAttempt> second_factor_attempt(const std::string& session_id,
                                                    accounts::SessionStage stage,
                                                    const std::string& address);
  // Counts a wrong second factor and answers "unauthorized" with `message`.
  std::unexpected<Error> second_factor_refused(const SecondFactorAttempt& attempt,
                                               std::string_view method, std::string message);
  // Everything before the password check: validation, the user, the throttle.
  Result<Attempt> prepare(const std::string& email, const std::string& password,
                          const std::string& address);
  // The password check (Argon2id) and what follows it.
  Result<LoginResult> complete(const Attempt& attempt);
  std::string bucket(std::string_view kind, std::string_view a, std::string_view b = {}) const;

  store::Store& store_;
  const Clock& clock_;
  AccountPolicy policy_;
  RefusalTally* refusals_ = nullptr;
  std::string bucket_key_;  // 32 bytes, from policy_.address_key or random
  std::shared_ptr<WorkPool> pool_;
  // A change made by another process reaches this one within the second; one made here, at once.
  TrustedFor<accounts::Organisation> organisations_{std::chrono::seconds(1), 1024};
};

}  // namespace vg::app
