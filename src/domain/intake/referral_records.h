// Referrals as stored: the referral as received (personal data, kept apart) beside the facts of
// its assessment and routing that work queues and reports need; API keys; idempotency records.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace vg::intake {

// One referral. `document` holds the referral JSON as received (names, contact details, the
// account): it is personal and special-category data, read only by those allowed to.
// `assessment` holds the decision JSON (no personal data).
struct StoredReferral {
  std::string id;                 // UUID
  std::string reference;          // e.g. "MY-2026-000123": assigned by the store on create
  std::string area;               // area pack id
  std::string channel;            // police | self | partner | phone | chat
  std::chrono::system_clock::time_point received_at{};
  std::string source_organisation_id;  // who sent it (API key's organisation, or the user's)
  // Duplicate detection: the same force, crime reference and victim is one referral. Empty
  // when not reported to the police. victim_key is a hash, never the victim's name itself.
  std::string police_force_code;
  std::string crime_reference;
  std::string victim_key;
  std::string consent_state;      // assessment::ConsentState code
  std::string outcome;            // routed | queued | signposted
  std::string service_id;         // chosen service, may be empty
  std::string rule_set_version;
  std::string document;           // referral JSON as received (personal data)
  std::string assessment;         // routed referral JSON (no personal data)
  // Set when another sender's referral of the same crime and victim is held: the id of the
  // referral this one may repeat. Held from any contact until a person decides. Empty: not held.
  std::string possible_duplicate_of;
};

struct ApiKey {
  std::string id;               // UUID, shown to the operator
  std::string organisation_id;
  std::string label;            // e.g. "Merseyside Police case system"
  std::string secret_hash;      // SHA-256 hex of the secret; the secret itself is never stored
  std::chrono::system_clock::time_point created_at{};
  std::optional<std::chrono::system_clock::time_point> revoked_at;
};

// A referral created with an Idempotency-Key: a retry with the same key and body is answered as
// the create was, from the referral it points to (a stored decision is never rewritten, so the
// answer rendered again is the same).
struct IdempotencyRecord {
  std::string organisation_id;
  std::string key;              // the client's Idempotency-Key header
  std::string request_hash;     // SHA-256 of the body: the same key with another body is refused
  std::string referral_id;
  std::chrono::system_clock::time_point created_at{};
};

}  // namespace vg::intake
