// The audit chain's anchor: the keyed MAC format, the key a store seals entries with, and the
// head (the chain's end) kept outside the database. Never holds an entry's contents.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "store/store.h"

namespace vg::store {

// Keyed entries' hashes start with this; the rest is HMAC-SHA-256 under the audit key, hex, over
// the same fields as audit_hash (with "vg-audit-2" in place of "vg-audit-1"). An entry's hash
// without it is today's unkeyed SHA-256 (audit_hash), written before a key was configured.
inline constexpr std::string_view kAuditMacPrefix = "hmac-sha256:";
// The entry that starts the keyed chain after unkeyed ones (see docs/operations.md).
inline constexpr std::string_view kAuditHandOverAction = "audit.chain.keyed";

inline bool is_keyed_audit_hash(std::string_view hash) {
  return hash.substr(0, kAuditMacPrefix.size()) == kAuditMacPrefix;
}

// An entry's keyed hash as stored: kAuditMacPrefix + HMAC-SHA-256 hex under `key` (the
// configured audit_key's bytes). Without the key nobody can recompute the chain.
std::string audit_mac(std::string_view key, const AuditEntry& entry, const std::string& prev_hash);

// The audit chain's end as last seen outside the database: the seq of its last entry and that
// entry's hash (its MAC once keyed). Written after every commit that appends audit entries, so
// verify-audit can tell a log cut short or rolled back (the head is ahead of the database).
struct AuditHead {
  std::int64_t seq = 0;
  std::string mac;
};

// What anchors a store's audit chain. Every field may be empty: no key writes the unkeyed
// format (refused once the chain is keyed), no head_path keeps no head file.
struct AuditAnchor {
  std::string key;        // audit_key: 32+ characters of secret
  std::string head_path;  // the head file; open_store fills in <file>.audit-head for SQLite
  // Called after the head advanced (after the commit), e.g. to log it; `problem` is empty, or
  // why the head file could not be written. Must not throw.
  std::function<void(const AuditHead&, std::string_view problem)> on_head;
};

// Where a database's head file is by default: "<file>.audit-head" beside a SQLite file; empty
// for in-memory SQLite and for PostgreSQL (configure audit_head).
std::string default_audit_head_path(const std::string& database_url);
// {"seq":N,"mac":"…"}: the head file's one line, and the log line's fields.
std::string format_audit_head(const AuditHead& head);
// Reads a head file: nullopt when there is none; an error when it is unreadable or malformed.
Result<std::optional<AuditHead>> read_audit_head(const std::string& path);
// "SEQ:MAC", as an operator copies it from the log (verify-audit --head).
std::optional<AuditHead> parse_audit_head_argument(std::string_view text);

}  // namespace vg::store
