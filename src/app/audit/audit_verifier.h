// Re-computes the audit log's chain from the first entry to the last, so anyone holding the
// audit key can show that no entry was altered, removed or inserted, and (against the head kept
// outside the database) that none was cut from the end. Reads only; never writes or repairs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/audit_anchor.h"
#include "store/store.h"

namespace vg::app {

struct AuditVerifyOptions {
  // audit_key: needed once the log holds keyed entries (an error without it, never "intact").
  std::string key;
  // Heads kept outside the database (the head file, a head copied from the log store). Each
  // entry they name must be in the log with that MAC; the log may run past them, never short.
  std::vector<store::AuditHead> heads;
};

struct AuditVerification {
  std::int64_t entries_checked = 0;
  // The first entry whose stored hash, previous hash or sequence does not follow.
  std::optional<std::int64_t> first_broken_seq;
  std::string problem;  // why that entry is broken
  std::optional<std::int64_t> keyed_from_seq;  // the first keyed entry, if any
  std::int64_t last_seq = 0;                   // the last entry read
  // No head was given: the chain holds together, but nothing shows its end was not cut off.
  bool unanchored = false;
};

Result<AuditVerification> verify_audit_chain(store::AuditLog& log,
                                             const AuditVerifyOptions& options = {});

// Before a process appends under `key`: the keyed entry `head` names must carry a MAC that key
// makes, so a process given another key refuses to start rather than extend the chain under it
// ("audit_key_mismatch"). A head the log does not reach, or an unkeyed one, passes: judging the
// log itself is verify-audit's work, and a server keeps taking referrals meanwhile.
Result<void> check_audit_key(store::AuditLog& log, const std::string& key,
                             const store::AuditHead& head);

}  // namespace vg::app
