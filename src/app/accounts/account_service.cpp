#include "app/accounts/account_service.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "app/accounts/recovery_codes.h"
#include "app/accounts/totp.h"
#include "app/audit/audit_entry.h"
#include "app/audit/refusal_tally.h"
#include "app/directory/local_authorities.h"
#include "app/security/random_token.h"
#include "app/work_pool.h"
#include "domain/access/second_factor.h"
#include "domain/accounts/totp_steps.h"

namespace vg::app {
namespace {

using accounts::AuditEntry;
using store::AccountRepository;

// Touching a session on every request would turn every page view into a write.
constexpr std::chrono::seconds kTouchInterval{60};
// What a full hash queue asks callers to wait: a few sign-ins' worth of hashing.
constexpr int kBusyRetrySeconds = 5;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool looks_like_email(const std::string& email) {
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at != email.rfind('@')) return false;
  auto dot = email.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot == email.size() - 1) return false;
  return email.size() <= 254 &&
         std::none_of(email.begin(), email.end(), [](unsigned char c) { return std::isspace(c); });
}

// Characters as a person counts them: UTF-8 code points (continuation bytes are not counted).
std::size_t characters(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

std::optional<FieldError> password_length_error(const std::string& password) {
  const auto n = characters(password);
  if (n < AccountService::kMinPasswordLength) {
    return FieldError{"password", "too_short", "Password must be 12 characters or more"};
  }
  if (n > AccountService::kMaxPasswordLength) {
    return FieldError{"password", "too_long", "Password must be 1,024 characters or fewer"};
  }
  return std::nullopt;
}

AuditEntry audit(accounts::Instant at, std::string actor, std::string action, std::string entity_type,
                 std::string entity_id, std::string detail = "{}") {
  return audit_entry(at, std::move(actor), std::move(action), std::move(entity_type),
                     std::move(entity_id), std::move(detail));
}

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  // Argon2id with libsodium's interactive limits: ~64 MiB and a fraction of a second per hash.
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return {};
  }
  return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// Verifying against this when the email is unknown keeps the response time the same, so the
// sign-in form does not reveal which emails have accounts.
const std::string& decoy_hash() {
  static const std::string hash = hash_password(random_hex(16));
  return hash;
}

// Areas and force codes must be ones the gateway knows (the shipped local-authority list); only a
// police force owns force codes, and a force owns at least one.
std::vector<FieldError> organisation_scope_errors(const accounts::Organisation& org) {
  std::vector<FieldError> errors;
  auto known = [](auto pick, const std::string& value) {
    return std::any_of(local_authorities().begin(), local_authorities().end(),
                       [&](const LocalAuthority& la) { return pick(la) == value; });
  };
  for (const auto& area : org.areas) {
    if (!known([](const LocalAuthority& la) { return area_id(la.police_force_area); }, area)) {
      errors.push_back({"areas", "unknown", "'" + area + "' is not an area this gateway serves"});
    }
  }
  for (const auto& code : org.police_force_codes) {
    if (!known([](const LocalAuthority& la) { return la.force_code; }, code)) {
      errors.push_back({"police_force_codes", "unknown", "'" + code + "' is not a police force code"});
    }
  }
  if (org.kind == "police" && org.police_force_codes.empty()) {
    errors.push_back({"police_force_codes", "required", "A police force needs its force code"});
  }
  if (org.kind != "police" && !org.police_force_codes.empty()) {
    errors.push_back({"police_force_codes", "not_police", "Only a police force has force codes"});
  }
  return errors;
}

// When a bucket's failures next allow an attempt; nullopt when they do not hold one back.
std::optional<accounts::Instant> wait_until(const AccountRepository::SignInCounter& counter,
                                            const SignInLimit& limit) {
  if (counter.failures < limit.free_failures) return std::nullopt;
  const int doublings = std::min(counter.failures - limit.free_failures, 30);
  const auto wait = std::min<std::chrono::seconds>(limit.first_wait * (std::int64_t{1} << doublings),
                                                   limit.longest_wait);
  return counter.last_failure_at + wait;
}

Error with_retry_after(std::string code, std::string message, std::int64_t seconds) {
  Error e{std::move(code), message, {}};
  e.fields.push_back({"retry_after", std::to_string(std::max<std::int64_t>(1, seconds)), message});
  return e;
}

}  // namespace

// What prepare learnt, for complete: nothing here is sent anywhere.
struct AccountService::Attempt {
  std::string password;
  std::optional<accounts::User> user;  // unset: no such email (or the account is disabled)
  Buckets buckets;
};

// A second-factor attempt that may go ahead: its half-way session and the buckets it counts in.
struct AccountService::SecondFactorAttempt {
  PendingSignIn pending;
  Buckets buckets;
};

AccountService::AccountService(store::Store& store, const Clock& clock, AccountPolicy policy,
                               std::shared_ptr<WorkPool> pool)
    : store_(store),
      clock_(clock),
      policy_(std::move(policy)),
      pool_(pool ? std::move(pool)
                 : std::make_shared<WorkPool>(policy_.hash_threads, policy_.hash_queue)) {
  random_hex(1);  // initialises libsodium before the first request
  bucket_key_.resize(crypto_generichash_KEYBYTES);
  if (policy_.address_key.empty()) {
    randombytes_buf(bucket_key_.data(), bucket_key_.size());
  } else {
    constexpr std::string_view kPurpose = "vg-sign-in-buckets";
    crypto_generichash(reinterpret_cast<unsigned char*>(bucket_key_.data()), bucket_key_.size(),
                       reinterpret_cast<const unsigned char*>(kPurpose.data()), kPurpose.size(),
                       reinterpret_cast<const unsigned char*>(policy_.address_key.data()),
                       policy_.address_key.size());
  }
  policy_.address_key.clear();  // only the derived key is kept
}

// Jobs on the pool refer to this service: none may outlive it.
AccountService::~AccountService() { pool_->drain(); }

Result<void> AccountService::create_organisation(const accounts::Organisation& org,
                                                 const std::string& actor) {
  std::vector<FieldError> errors;
  if (trim(org.name).empty()) errors.push_back({"name", "required", "Enter the organisation name"});
  static const std::vector<std::string> kKinds{"gateway", "police", "partner", "commissioner"};
  if (std::find(kKinds.begin(), kKinds.end(), org.kind) == kKinds.end()) {
    errors.push_back({"kind", "invalid", "Kind must be gateway, police, partner or commissioner"});
  }
  auto scope_errors = organisation_scope_errors(org);
  errors.insert(errors.end(), scope_errors.begin(), scope_errors.end());
  if (!errors.empty()) return validation_failed(std::move(errors));
  accounts::Organisation stored = org;
  if (stored.kind == "police" && stored.areas.empty()) {
    // A force serves the areas its force codes cover unless told otherwise.
    for (const auto& la : local_authorities()) {
      const auto area = area_id(la.police_force_area);
      if (std::find(org.police_force_codes.begin(), org.police_force_codes.end(), la.force_code) !=
              org.police_force_codes.end() &&
          std::find(stored.areas.begin(), stored.areas.end(), area) == stored.areas.end()) {
        stored.areas.push_back(area);
      }
    }
  }
  if (stored.id.empty()) stored.id = random_uuid();
  stored.name = trim(stored.name);
  VG_CHECK(store_.accounts().upsert_organisation(
      stored, audit(clock_.now(), actor, "organisation.upsert", "organisation", stored.id)));
  // After the write, so a request in between cannot keep the old one for its second.
  organisations_.forget_if([&](const accounts::Organisation& o) { return o.id == stored.id; });
  return {};
}

Result<accounts::User> AccountService::create_user(const NewUser& input,
                                                   const std::string& actor) {
  std::vector<FieldError> errors;
  std::string email = lower(trim(input.email));
  if (email.empty()) {
    errors.push_back({"email", "required", "Enter an email address"});
  } else if (!looks_like_email(email)) {
    errors.push_back({"email", "invalid",
                      "Enter an email address in the correct format, like name@example.com"});
  }
  if (trim(input.display_name).empty()) {
    errors.push_back({"display_name", "required", "Enter the person's name"});
  }
  if (auto length = password_length_error(input.password)) errors.push_back(*length);
  if (input.organisation_id.empty()) {
    errors.push_back({"organisation_id", "required", "Choose an organisation"});
  } else {
    auto org = VG_TRY(store_.accounts().find_organisation(input.organisation_id));
    if (!org) errors.push_back({"organisation_id", "not_found", "Organisation does not exist"});
  }
  if (!errors.empty()) return validation_failed(std::move(errors));

  accounts::User user;
  user.id = random_uuid();
  user.email = email;
  user.display_name = trim(input.display_name);
  user.password_hash = hash_password(input.password);
  if (user.password_hash.empty()) return fail("internal", "Password hashing failed");
  user.role = input.role;
  user.organisation_id = input.organisation_id;
  user.created_at = clock_.now();
  VG_CHECK(store_.accounts().create_user(
      user, audit(user.created_at, actor, "user.create", "user", user.id,
                  std::string("{\"role\":\"") + std::string(accounts::to_code(user.role)) +
                      "\"}")));
  return user;
}

std::string AccountService::bucket(std::string_view kind, std::string_view a,
                                   std::string_view b) const {
  // Keyed, so the counters in the database cannot be matched to addresses or emails by trying
  // them all; the separator keeps ("ab", "c") and ("a", "bc") apart.
  std::string input(a);
  input.push_back('\0');
  input.append(b);
  unsigned char out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), reinterpret_cast<const unsigned char*>(bucket_key_.data()),
                     bucket_key_.size());
  return std::string("sign-in-") + std::string(kind) + ":" + to_hex(out, sizeof out);
}

AccountService::Buckets AccountService::buckets_for(const std::string& email,
                                                    const std::string& address) const {
  return {bucket("pair", email, address), bucket("account", email), bucket("address", address)};
}

Result<void> AccountService::check_throttle(const Buckets& buckets) {
  const auto now = clock_.now();
  auto counters = VG_TRY(
      store_.accounts().find_sign_in_counters({buckets.pair, buckets.account, buckets.address}));
  const auto forget_before = now - policy_.forget_failures_after;
  bool known_address = false;
  for (const auto& c : counters) {
    if (c.bucket == buckets.pair && c.signed_in_at &&
        *c.signed_in_at >= now - policy_.remember_sign_in) {
      known_address = true;
    }
  }
  std::optional<accounts::Instant> wait;
  std::string_view held_by;  // the bucket whose wait is longest
  for (const auto& c : counters) {
    if (c.last_failure_at < forget_before) continue;
    const SignInLimit* limit = c.bucket == buckets.pair      ? &policy_.per_pair
                               : c.bucket == buckets.address ? &policy_.per_address
                               : known_address               ? nullptr
                                                             : &policy_.per_account;
    if (!limit) continue;
    if (auto until = wait_until(c, *limit); until && *until > now && (!wait || *until > *wait)) {
      wait = until;
      held_by = c.bucket == buckets.pair ? "pair" : c.bucket == buckets.address ? "address" : "account";
    }
  }
  if (wait) {
    // Refused without a look at the password: audited in aggregate per address, so a flood
    // against the wait is seen without drowning the log (refusal_tally.h).
    if (refusals_) {
      refusals_->count("sign-in:" + buckets.address,
                       audit(now, "system:sign-in", "user.login_throttled", "user", "",
                             "{\"held_by\":\"" + std::string(held_by) + "\"}"));
    }
    const auto seconds =
        std::chrono::ceil<std::chrono::seconds>(*wait - now).count();
    const auto minutes = (seconds + 59) / 60;
    return std::unexpected(with_retry_after(
        "too_many_requests",
        "There have been too many attempts to sign in. Wait " + std::to_string(minutes) +
            (minutes == 1 ? " minute" : " minutes") + ", then try again",
        seconds));
  }
  return {};
}

Result<void> AccountService::count_failure(const Buckets& buckets, const std::string& user_id,
                                           const accounts::AuditEntry& entry) {
  const auto now = clock_.now();
  VG_CHECK(store_.accounts().record_sign_in_failure(
      {{buckets.pair, user_id}, {buckets.account, user_id}, {buckets.address, ""}}, now,
      now - policy_.forget_failures_after, entry));
  return {};
}

Result<AccountService::Attempt> AccountService::prepare(const std::string& email_input,
                                                        const std::string& password,
                                                        const std::string& address) {
  std::string email = lower(trim(email_input));
  if (email.empty() || password.empty()) {
    return fail("unauthorized", "Enter a correct email address and password");
  }
  // Longer than any password that can be set: say so (it tells nothing about the account).
  if (characters(password) > kMaxPasswordLength) {
    return validation_failed(
        {{"password", "too_long", "Password must be 1,024 characters or fewer"}});
  }
  Attempt attempt;
  attempt.password = password;
  // Buckets follow the email typed, not the account found, so an email with no account is held
  // back exactly as a real one is and the answers never tell them apart.
  attempt.buckets = buckets_for(email, address);
  VG_CHECK(check_throttle(attempt.buckets));
  auto found = VG_TRY(store_.accounts().find_user_by_email(email));
  if (found && found->active) attempt.user = std::move(*found);
  return attempt;
}

accounts::Session AccountService::new_session(const accounts::User& user,
                                              accounts::SessionStage stage,
                                              std::string& session_id) const {
  const auto now = clock_.now();
  session_id = random_hex(32);
  accounts::Session session;
  session.id_hash = sha256_hex(session_id);
  session.user_id = user.id;
  session.csrf_token = random_hex(32);
  session.created_at = now;
  session.last_seen_at = now;
  session.stage = stage;
  return session;
}

Result<LoginResult> AccountService::signed_in(accounts::User user, const Buckets& buckets,
                                              const std::string& session_id,
                                              const accounts::Session& session) {
  const auto now = clock_.now();
  // Best effort from here: a failure must not undo a good sign-in. The pair's failures are
  // forgiven and the address remembered for the account; expired sessions and counters long
  // quiet are cleared out with each sign-in, so no separate job is needed.
  (void)store_.accounts().record_sign_in_success({buckets.pair, user.id}, now);
  (void)store_.accounts().purge_sessions(now - policy_.session_idle, now - policy_.session_absolute);
  (void)store_.accounts().purge_sign_in_counters(now - policy_.forget_failures_after,
                                                 now - policy_.remember_sign_in);
  user.failed_logins = 0;
  user.locked_until.reset();
  auto organisation = VG_TRY(organisation_of(user));
  return LoginResult{session_id, CurrentUser{std::move(user), session.id_hash, session.csrf_token,
                                             std::move(organisation)}};
}

Result<LoginResult> AccountService::complete(const Attempt& attempt) {
  const std::string& decoy = decoy_hash();  // made once, before either branch is timed
  const bool verified = attempt.user
                            ? verify_password(attempt.user->password_hash, attempt.password)
                            : (verify_password(decoy, attempt.password), false);
  const auto now = clock_.now();
  const std::string user_id = attempt.user ? attempt.user->id : std::string();
  if (!verified) {
    // Counted in all three buckets and audited, for a real account and an unknown email alike
    // (the same writes, so the same time); the audit never holds the email or the address.
    VG_CHECK(count_failure(attempt.buckets, user_id,
                           attempt.user
                               ? audit(now, "user:" + user_id, "user.login_failed", "user", user_id)
                               : audit(now, "system:sign-in", "user.login_failed", "user", "",
                                       "{\"reason\":\"no_active_account\"}")));
    return fail("unauthorized", "Enter a correct email address and password");
  }

  accounts::User user = *attempt.user;
  if (access::needs_second_factor(user.role)) {
    // Half-way: the session reaches only the second-factor pages, and the throttle forgives
    // nothing yet (a right password must not wipe the count of wrong codes before it).
    auto factor = VG_TRY(store_.accounts().find_second_factor(user.id));
    const auto stage =
        factor ? accounts::SessionStage::kAwaitingCode : accounts::SessionStage::kAwaitingEnrolment;
    std::string session_id;
    auto session = new_session(user, stage, session_id);
    if (!factor) session.enrolment_secret = new_totp_secret();
    VG_CHECK(store_.accounts().start_session(
        session, audit(now, "user:" + user.id, "user.login_password_accepted", "user", user.id,
                       factor ? "{\"next\":\"code\"}" : "{\"next\":\"enrol\"}")));
    return LoginResult{session_id,
                       CurrentUser{std::move(user), session.id_hash, session.csrf_token}, stage};
  }
  std::string session_id;
  const auto session = new_session(user, accounts::SessionStage::kSignedIn, session_id);
  VG_CHECK(store_.accounts().start_session(
      session, audit(now, "user:" + user.id, "user.login", "user", user.id)));
  return signed_in(std::move(user), attempt.buckets, session_id, session);
}

Result<LoginResult> AccountService::log_in(const std::string& email, const std::string& password,
                                           const std::string& address) {
  auto attempt = VG_TRY(prepare(email, password, address));
  return complete(attempt);
}

void AccountService::log_in_async(const std::string& email, const std::string& password,
                                  const std::string& address,
                                  std::function<void(Result<LoginResult>)> done) {
  // All of it on the pool, the store's reads too: on SQLite a read of the counters or users can
  // wait for the writer recording another sign-in, and no connection thread may wait for that.
  auto job = [this, email, password, address, done] { done(log_in(email, password, address)); };
  if (!pool_->try_submit(std::move(job))) {
    done(std::unexpected(with_retry_after(
        "unavailable", "Too many people are signing in at the moment. Try again in a minute",
        kBusyRetrySeconds)));
  }
}

void AccountService::wait_for_sign_ins() { pool_->drain(); }

Result<std::optional<CurrentUser>> AccountService::current_user(const std::string& session_id) {
  // Session ids are 64 hex characters; anything else cannot be ours, so skip the lookup.
  if (session_id.size() != 64) return std::optional<CurrentUser>{};
  const std::string id_hash = sha256_hex(session_id);
  auto session = VG_TRY(store_.accounts().find_session(id_hash));
  // A half-way sign-in is nobody signed in: only pending_sign_in reads it.
  if (!session || session->stage != accounts::SessionStage::kSignedIn) {
    return std::optional<CurrentUser>{};
  }
  const auto now = clock_.now();
  if (now - session->last_seen_at > policy_.session_idle ||
      now - session->created_at > policy_.session_absolute) {
    VG_CHECK(store_.accounts().end_session(
        id_hash, audit(now, "system:session", "user.session_expired", "user", session->user_id)));
    return std::optional<CurrentUser>{};
  }
  auto user = VG_TRY(store_.accounts().find_user(session->user_id));
  if (!user || !user->active) return std::optional<CurrentUser>{};
  if (now - session->last_seen_at >= kTouchInterval) {
    VG_CHECK(store_.accounts().touch_session(id_hash, now));
  }
  auto organisation = VG_TRY(organisation_of(*user));
  return std::optional<CurrentUser>{
      CurrentUser{std::move(*user), id_hash, session->csrf_token, std::move(organisation)}};
}

Result<bool> AccountService::still_signed_in(const std::string& session_id) {
  if (session_id.size() != 64) return false;
  auto session = VG_TRY(store_.accounts().find_session(sha256_hex(session_id)));
  if (!session || session->stage != accounts::SessionStage::kSignedIn) return false;
  const auto now = clock_.now();
  if (now - session->last_seen_at > policy_.session_idle || now - session->created_at > policy_.session_absolute) {
    return false;
  }
  auto user = VG_TRY(store_.accounts().find_user(session->user_id));
  return user && user->active;
}

Result<std::optional<PendingSignIn>> AccountService::pending_sign_in(
    const std::string& session_id) {
  if (session_id.size() != 64) return std::optional<PendingSignIn>{};
  const std::string id_hash = sha256_hex(session_id);
  auto session = VG_TRY(store_.accounts().find_session(id_hash));
  if (!session || session->stage == accounts::SessionStage::kSignedIn) {
    return std::optional<PendingSignIn>{};
  }
  const auto now = clock_.now();
  if (now - session->created_at > policy_.second_factor_time ||
      now - session->last_seen_at > policy_.session_idle) {
    VG_CHECK(store_.accounts().end_session(
        id_hash, audit(now, "system:session", "user.session_expired", "user", session->user_id)));
    return std::optional<PendingSignIn>{};
  }
  auto user = VG_TRY(store_.accounts().find_user(session->user_id));
  if (!user || !user->active) return std::optional<PendingSignIn>{};
  return std::optional<PendingSignIn>{PendingSignIn{std::move(*user), id_hash, session->csrf_token,
                                                    session->stage, session->enrolment_secret}};
}

TotpEnrolment AccountService::enrolment(const PendingSignIn& pending) const {
  return {base32_groups(pending.enrolment_secret),
          otpauth_uri(policy_.totp_issuer, pending.user.email, pending.enrolment_secret)};
}

Result<AccountService::SecondFactorAttempt> AccountService::second_factor_attempt(
    const std::string& session_id, accounts::SessionStage stage, const std::string& address) {
  auto pending = VG_TRY(pending_sign_in(session_id));
  if (!pending || pending->stage != stage) {
    return fail("expired", "Your sign-in has expired. Sign in again");
  }
  SecondFactorAttempt attempt{std::move(*pending), {}};
  // The same buckets as the password step, so wrong codes and wrong passwords add up.
  attempt.buckets = buckets_for(attempt.pending.user.email, address);
  VG_CHECK(check_throttle(attempt.buckets));
  return attempt;
}

std::unexpected<Error> AccountService::second_factor_refused(const SecondFactorAttempt& attempt,
                                                             std::string_view method,
                                                             std::string message) {
  const auto& user_id = attempt.pending.user.id;
  auto counted =
      count_failure(attempt.buckets, user_id,
                    audit(clock_.now(), "user:" + user_id, "user.second_factor.failed", "user",
                          user_id, "{\"method\":\"" + std::string(method) + "\"}"));
  if (!counted) return std::unexpected(counted.error());
  return std::unexpected(Error{"unauthorized", std::move(message), {}});
}

namespace {

constexpr const char* kWrongCode =
    "The code is not correct or has been used. Enter the code your authenticator app shows now";

// Six digits, spaces allowed (apps show "123 456").
std::optional<FieldError> code_shape_error(const std::string& code) {
  std::string digits;
  for (char c : code) {
    if (c != ' ') digits.push_back(c);
  }
  if (digits.empty()) {
    return FieldError{"code", "required", "Enter the 6-digit code from your authenticator app"};
  }
  if (digits.size() != 6 ||
      !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return FieldError{"code", "invalid", "The code must be 6 digits"};
  }
  return std::nullopt;
}

}  // namespace

Result<LoginResult> AccountService::verify_code(const std::string& session_id,
                                                const std::string& code,
                                                const std::string& address) {
  if (auto shape = code_shape_error(code)) return validation_failed({*shape});
  auto attempt =
      VG_TRY(second_factor_attempt(session_id, accounts::SessionStage::kAwaitingCode, address));
  const auto& user = attempt.pending.user;
  auto factor = VG_TRY(store_.accounts().find_second_factor(user.id));
  auto key = factor ? base32_decode(factor->secret) : std::nullopt;
  if (!key) return fail("expired", "Your sign-in has expired. Sign in again");  // reset meanwhile
  const auto now = clock_.now();
  const auto steps =
      accounts::acceptable_totp_steps(accounts::totp_step_at(now), factor->last_step);
  const auto matched =
      steps.empty() ? std::nullopt : totp_matching_step(*key, code, steps.front(), steps.back());
  if (!matched) return second_factor_refused(attempt, "totp", kWrongCode);

  std::string session_id_new;
  store::AccountRepository::SecondFactorPass pass;
  pass.pending_id_hash = attempt.pending.session_id_hash;
  pass.session = new_session(user, accounts::SessionStage::kSignedIn, session_id_new);
  pass.step = *matched;
  pass.at = now;
  auto passed = store_.accounts().pass_second_factor(
      pass, audit(now, "user:" + user.id, "user.second_factor.verified", "user", user.id,
                  "{\"method\":\"totp\"}"));
  if (!passed) {
    // Another request spent the step first (the same code twice at once): a replay.
    if (passed.error().code == "conflict")
      return second_factor_refused(attempt, "totp", kWrongCode);
    if (passed.error().code == "not_found")
      return fail("expired", "Your sign-in has expired. Sign in again");
    return std::unexpected(passed.error());
  }
  return signed_in(user, attempt.buckets, session_id_new, pass.session);
}

Result<LoginResult> AccountService::use_recovery_code(const std::string& session_id,
                                                      const std::string& code,
                                                      const std::string& address) {
  const std::string normalised = normalise_recovery_code(code);
  if (normalised.empty()) {
    return validation_failed({{"code", "required", "Enter a recovery code"}});
  }
  if (normalised.size() != 10) {
    return validation_failed(
        {{"code", "invalid", "A recovery code is 10 letters and numbers, like k7rm-2qxp-h4"}});
  }
  auto attempt =
      VG_TRY(second_factor_attempt(session_id, accounts::SessionStage::kAwaitingCode, address));
  const auto& user = attempt.pending.user;
  const auto now = clock_.now();
  const int held = VG_TRY(store_.accounts().count_recovery_codes(user.id));
  std::string session_id_new;
  store::AccountRepository::SecondFactorPass pass;
  pass.pending_id_hash = attempt.pending.session_id_hash;
  pass.session = new_session(user, accounts::SessionStage::kSignedIn, session_id_new);
  pass.recovery_code_hash = recovery_code_hash(code);
  pass.at = now;
  auto passed = store_.accounts().pass_second_factor(
      pass, audit(now, "user:" + user.id, "user.second_factor.recovery_code_used", "user", user.id,
                  "{\"remaining\":" + std::to_string(std::max(0, held - 1)) + "}"));
  if (!passed) {
    if (passed.error().code == "conflict") {
      return second_factor_refused(attempt, "recovery_code",
                                   "The recovery code is not correct or has been used");
    }
    if (passed.error().code == "not_found")
      return fail("expired", "Your sign-in has expired. Sign in again");
    return std::unexpected(passed.error());
  }
  return signed_in(user, attempt.buckets, session_id_new, pass.session);
}

Result<EnrolledSignIn> AccountService::confirm_enrolment(const std::string& session_id,
                                                         const std::string& code,
                                                         const std::string& address) {
  if (auto shape = code_shape_error(code)) return validation_failed({*shape});
  auto attempt = VG_TRY(
      second_factor_attempt(session_id, accounts::SessionStage::kAwaitingEnrolment, address));
  const auto& user = attempt.pending.user;
  auto key = base32_decode(attempt.pending.enrolment_secret);
  if (!key) return fail("expired", "Your sign-in has expired. Sign in again");
  const auto now = clock_.now();
  const auto steps = accounts::acceptable_totp_steps(accounts::totp_step_at(now), std::nullopt);
  const auto matched = totp_matching_step(*key, code, steps.front(), steps.back());
  if (!matched) {
    return second_factor_refused(
        attempt, "totp",
        "The code is not correct. Check the app is set up with the key shown, then enter the "
        "code it shows now");
  }
  EnrolledSignIn enrolled;
  enrolled.recovery_codes = new_recovery_codes();
  std::string session_id_new;
  store::AccountRepository::SecondFactorPass pass;
  pass.pending_id_hash = attempt.pending.session_id_hash;
  pass.session = new_session(user, accounts::SessionStage::kSignedIn, session_id_new);
  pass.step = *matched;
  pass.at = now;
  pass.enrol_secret = attempt.pending.enrolment_secret;
  for (const auto& c : enrolled.recovery_codes)
    pass.recovery_code_hashes.push_back(recovery_code_hash(c));
  auto passed = store_.accounts().pass_second_factor(
      pass, audit(now, "user:" + user.id, "user.second_factor.enrolled", "user", user.id,
                  "{\"recovery_codes\":" + std::to_string(enrolled.recovery_codes.size()) + "}"));
  if (!passed) {
    if (passed.error().code == "conflict" || passed.error().code == "not_found") {
      return fail("expired", "Your sign-in has expired. Sign in again");
    }
    return std::unexpected(passed.error());
  }
  enrolled.login = VG_TRY(signed_in(user, attempt.buckets, session_id_new, pass.session));
  return enrolled;
}

Result<accounts::Organisation> AccountService::organisation_of(const accounts::User& user) {
  const auto now = clock_.now();
  if (auto known = organisations_.find(user.organisation_id, now)) return std::move(*known);
  auto found = VG_TRY(store_.accounts().find_organisation(user.organisation_id));
  if (!found) return accounts::Organisation{user.organisation_id, {}, {}};
  organisations_.keep(user.organisation_id, *found, now);
  return std::move(*found);
}

Result<void> AccountService::log_out(const std::string& session_id) {
  const std::string id_hash = sha256_hex(session_id);
  auto session = VG_TRY(store_.accounts().find_session(id_hash));
  if (!session) return {};
  return store_.accounts().end_session(
      id_hash, audit(clock_.now(), "user:" + session->user_id, "user.logout", "user",
                     session->user_id));
}

Result<std::string> AccountService::rotate_session(CurrentUser& current, std::string_view reason) {
  auto old = VG_TRY(store_.accounts().find_session(current.session_id_hash));
  if (!old || old->user_id != current.user.id) return not_found("The session");
  std::string session_id;
  auto session = new_session(current.user, old->stage, session_id);
  session.created_at = old->created_at;
  VG_CHECK(store_.accounts().rotate_session(
      old->id_hash, session,
      audit(clock_.now(), "user:" + current.user.id, "user.session_rotated", "user",
            current.user.id, "{\"reason\":\"" + std::string(reason) + "\"}")));
  current.session_id_hash = session.id_hash;
  current.csrf_token = session.csrf_token;
  return session_id;
}

Result<std::vector<accounts::Organisation>> AccountService::list_organisations() {
  return store_.accounts().list_organisations();
}

Result<std::vector<accounts::User>> AccountService::list_users() {
  return store_.accounts().list_users();
}

Result<accounts::User> AccountService::find_user(const std::string& id_or_email) {
  const std::string key = trim(id_or_email);
  auto found = key.find('@') != std::string::npos
                   ? VG_TRY(store_.accounts().find_user_by_email(lower(key)))
                   : VG_TRY(store_.accounts().find_user(key));
  if (!found) return not_found("The user");
  return std::move(*found);
}

Result<void> AccountService::set_active(const std::string& user_id, bool active,
                                        const std::string& actor) {
  return store_.accounts().set_user_active(
      user_id, active,
      audit(clock_.now(), actor, active ? "user.enable" : "user.disable", "user", user_id));
}

Result<void> AccountService::unlock(const std::string& user_id, const std::string& actor) {
  return store_.accounts().unlock_user(
      user_id, audit(clock_.now(), actor, "user.unlock", "user", user_id));
}

Result<void> AccountService::reset_password(const std::string& user_id,
                                            const std::string& password,
                                            const std::string& actor) {
  if (auto length = password_length_error(password)) return validation_failed({*length});
  const std::string hash = hash_password(password);
  if (hash.empty()) return fail("internal", "Password hashing failed");
  return store_.accounts().set_password_hash(
      user_id, hash, audit(clock_.now(), actor, "user.reset_password", "user", user_id));
}

Result<void> AccountService::reset_second_factor(const std::string& user_id,
                                                 const std::string& actor) {
  return store_.accounts().reset_second_factor(
      user_id, audit(clock_.now(), actor, "user.second_factor.reset", "user", user_id));
}

Result<void> AccountService::enrol_with_secret(const std::string& user_id,
                                               const std::string& secret_base32,
                                               const std::string& actor) {
  if (auto key = base32_decode(secret_base32); !key || key->size() < 10) {
    return validation_failed(
        {{"secret", "invalid", "The key must be base32, 16 characters or more"}});
  }
  auto held = VG_TRY(store_.accounts().find_second_factor(user_id));
  if (held && held->secret == secret_base32) return {};
  accounts::SecondFactor factor{secret_base32, std::nullopt, clock_.now()};
  return store_.accounts().enrol_second_factor(
      user_id, factor, {},
      audit(factor.enrolled_at, actor, "user.second_factor.enrolled", "user", user_id,
            "{\"recovery_codes\":0}"));
}

bool AccountService::csrf_matches(const CurrentUser& current, const std::string& submitted) {
  return !submitted.empty() && constant_time_equals(current.csrf_token, submitted);
}

bool AccountService::csrf_matches(const PendingSignIn& pending, const std::string& submitted) {
  return !submitted.empty() && constant_time_equals(pending.csrf_token, submitted);
}

std::string AccountService::anonymous_csrf_token(const std::string& presession_value) {
  return sha256_hex("vg-presession-csrf:" + presession_value);
}

bool AccountService::anonymous_csrf_matches(const std::string& presession_value,
                                            const std::string& submitted) {
  return presession_value.size() == 64 && !submitted.empty() &&
         constant_time_equals(anonymous_csrf_token(presession_value), submitted);
}

int AccountService::retry_after_seconds(const Error& error) {
  for (const auto& f : error.fields) {
    if (f.field == "retry_after") return std::max(1, std::atoi(f.code.c_str()));
  }
  return 0;
}

}  // namespace vg::app
