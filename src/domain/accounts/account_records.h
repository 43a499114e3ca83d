// Stored shapes for organisations, users, sessions, second factors and the audit log. Pure
// values; no I/O. Password hashes, session ids and recovery codes are stored only hashed; the one
// secret held in clear is a second factor's TOTP key (its encryption is a later issue).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/role.h"

namespace vg::accounts {

using Instant = std::chrono::system_clock::time_point;

struct Organisation {
  std::string id;    // UUID
  std::string name;
  std::string kind;  // gateway | police | partner | commissioner
  // What it may send (domain/intake/sender_scope.h): the areas it serves (area pack ids) and,
  // for a police force, the force codes it owns. Empty: it may send nothing.
  std::vector<std::string> areas = {};
  std::vector<std::string> police_force_codes = {};
  // The directory organisation (OrganizationRecord id) this staff organisation is, when it runs
  // services in the directory: a partner's caseworkers work on its services' referrals. Empty
  // when it has none. (Defaults, so {id, name, kind} still initialises the rest.)
  std::string directory_organization_id = {};
};

struct User {
  std::string id;  // UUID
  std::string email;  // log-in name, stored lower-case
  std::string display_name;
  std::string password_hash;  // libsodium Argon2id encoded string
  Role role = Role::kGatewayAdvisor;
  std::string organisation_id;
  int failed_logins = 0;
  std::optional<Instant> locked_until;
  bool active = true;
  Instant created_at{};
};

// How far a sign-in has got. Only a kSignedIn session is a signed-in person: the others are
// half-way (the password was right, the second factor is still to come) and reach nothing but
// the second-factor pages.
enum class SessionStage {
  kSignedIn,
  kAwaitingCode,       // enrolled: asked for a code (or a recovery code)
  kAwaitingEnrolment,  // not enrolled yet: shown `enrolment_secret` to set up an app with
};

struct Session {
  std::string id_hash;  // SHA-256 (hex) of the random session id held in the cookie
  std::string user_id;
  std::string csrf_token;  // random, per session
  Instant created_at{};
  Instant last_seen_at{};
  SessionStage stage = SessionStage::kSignedIn;
  // kAwaitingEnrolment: the TOTP key offered (base32), kept until it is confirmed or the
  // session goes, so showing the page again shows the same key. Empty otherwise.
  std::string enrolment_secret = {};
};

// A user's TOTP second factor (RFC 6238). Not enrolled: no record.
struct SecondFactor {
  std::string secret;                     // base32, 20 bytes of key
  std::optional<std::int64_t> last_step;  // the last time step a code was spent for
  Instant enrolled_at{};
};

// One line of the append-only audit log. `hash` chains each entry to the one before it, so an
// edit or deletion anywhere breaks every later hash (checked by `victim-gateway verify-audit`).
struct AuditEntry {
  std::int64_t seq = 0;  // assigned by the store
  Instant at{};
  std::string actor;        // user id, "api-key:<id>", or "system:<command>"
  std::string action;       // e.g. "directory.service.update", "user.login"
  std::string entity_type;  // e.g. "service"
  std::string entity_id;
  std::string detail;       // short JSON, never personal data
  std::string prev_hash;    // assigned by the store
  std::string hash;         // assigned by the store
};

}  // namespace vg::accounts
