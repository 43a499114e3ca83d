// Re-computes the audit log's hash chain from the first entry to the last, so anyone can show
// that no entry was altered, removed or inserted. Reads only; never writes or repairs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

struct AuditVerification {
  std::int64_t entries_checked = 0;
  // The first entry whose stored hash, previous hash or sequence does not follow.
  std::optional<std::int64_t> first_broken_seq;
  std::string problem;  // why that entry is broken
};

Result<AuditVerification> verify_audit_chain(store::AuditLog& log);

}  // namespace vg::app
