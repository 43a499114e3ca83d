#include "app/accounts/account_service.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "app/directory/local_authorities.h"
#include "app/security/random_token.h"

namespace vg::app {
namespace {

using accounts::AuditEntry;

constexpr std::size_t kMinPasswordLength = 12;
constexpr std::size_t kMaxPasswordLength = 1024;  // bounds Argon2 input; no real password is longer
// Touching a session on every request would turn every page view into a write.
constexpr std::chrono::seconds kTouchInterval{60};

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

AuditEntry audit(accounts::Instant at, std::string actor, std::string action, std::string entity_type,
                 std::string entity_id, std::string detail = "{}") {
  AuditEntry e;
  e.at = at;
  e.actor = std::move(actor);
  e.action = std::move(action);
  e.entity_type = std::move(entity_type);
  e.entity_id = std::move(entity_id);
  e.detail = std::move(detail);
  return e;
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

}  // namespace

AccountService::AccountService(store::Store& store, const Clock& clock, AccountPolicy policy)
    : store_(store), clock_(clock), policy_(policy) {
  random_hex(1);  // initialises libsodium before the first request
}

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
  return store_.accounts().upsert_organisation(
      stored, audit(clock_.now(), actor, "organisation.upsert", "organisation", stored.id));
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
  if (input.password.size() < kMinPasswordLength) {
    errors.push_back({"password", "too_short", "Password must be 12 characters or more"});
  } else if (input.password.size() > kMaxPasswordLength) {
    errors.push_back({"password", "too_long", "Password must be 1024 characters or fewer"});
  }
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

Result<LoginResult> AccountService::log_in(const std::string& email_input,
                                           const std::string& password) {
  auto bad_credentials = [] {
    return fail("unauthorized", "Enter a correct email address and password");
  };
  std::string email = lower(trim(email_input));
  if (email.empty() || password.empty() || password.size() > kMaxPasswordLength) {
    return bad_credentials();
  }
  auto found = VG_TRY(store_.accounts().find_user_by_email(email));
  const auto now = clock_.now();
  if (!found || !found->active) {
    verify_password(decoy_hash(), password);
    return bad_credentials();
  }
  accounts::User user = std::move(*found);
  if (user.locked_until && *user.locked_until > now) {
    return fail("locked", "This account is locked after too many failed sign-in attempts. "
                          "Try again later or ask an administrator to unlock it.");
  }
  if (!verify_password(user.password_hash, password)) {
    int failed = user.failed_logins + 1;
    std::optional<accounts::Instant> locked_until;
    if (failed >= policy_.lockout_threshold) locked_until = now + policy_.lockout;
    VG_CHECK(store_.accounts().record_login_failure(
        user.id, failed, locked_until,
        audit(now, "user:" + user.id, locked_until ? "user.locked" : "user.login_failed", "user",
              user.id, "{\"failed_logins\":" + std::to_string(failed) + "}")));
    if (locked_until) {
      return fail("locked", "This account is locked after too many failed sign-in attempts. "
                            "Try again later or ask an administrator to unlock it.");
    }
    return bad_credentials();
  }

  std::string session_id = random_hex(32);
  accounts::Session session;
  session.id_hash = sha256_hex(session_id);
  session.user_id = user.id;
  session.csrf_token = random_hex(32);
  session.created_at = now;
  session.last_seen_at = now;
  VG_CHECK(store_.accounts().start_session(
      session, audit(now, "user:" + user.id, "user.login", "user", user.id)));
  // Expired sessions are refused when used; each sign-in also clears them out, so the table holds
  // only live ones. Best effort: a failure here must not undo a good sign-in.
  (void)store_.accounts().purge_sessions(now - policy_.session_idle, now - policy_.session_absolute);
  user.failed_logins = 0;
  user.locked_until.reset();
  return LoginResult{session_id, CurrentUser{std::move(user), session.id_hash, session.csrf_token}};
}

Result<std::optional<CurrentUser>> AccountService::current_user(const std::string& session_id) {
  // Session ids are 64 hex characters; anything else cannot be ours, so skip the lookup.
  if (session_id.size() != 64) return std::optional<CurrentUser>{};
  const std::string id_hash = sha256_hex(session_id);
  auto session = VG_TRY(store_.accounts().find_session(id_hash));
  if (!session) return std::optional<CurrentUser>{};
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
  return std::optional<CurrentUser>{CurrentUser{std::move(*user), id_hash, session->csrf_token}};
}

Result<void> AccountService::log_out(const std::string& session_id) {
  const std::string id_hash = sha256_hex(session_id);
  auto session = VG_TRY(store_.accounts().find_session(id_hash));
  if (!session) return {};
  return store_.accounts().end_session(
      id_hash, audit(clock_.now(), "user:" + session->user_id, "user.logout", "user",
                     session->user_id));
}

bool AccountService::csrf_matches(const CurrentUser& current, const std::string& submitted) {
  return !submitted.empty() && constant_time_equals(current.csrf_token, submitted);
}

std::string AccountService::anonymous_csrf_token(const std::string& presession_value) {
  return sha256_hex("vg-presession-csrf:" + presession_value);
}

bool AccountService::anonymous_csrf_matches(const std::string& presession_value,
                                            const std::string& submitted) {
  return presession_value.size() == 64 && !submitted.empty() &&
         constant_time_equals(anonymous_csrf_token(presession_value), submitted);
}

}  // namespace vg::app
