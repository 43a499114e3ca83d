// One line for the audit log, as every use case that writes makes it: who did what to which
// record, and when. Builds the entry only; the store chains and keeps it.
#pragma once

#include <string>

#include "app/clock.h"
#include "domain/accounts/account_records.h"

namespace vg::app {

// `detail` is short JSON and never personal data (the log is read by auditors, not caseworkers).
accounts::AuditEntry audit_entry(accounts::Instant at, std::string actor, std::string action,
                                 std::string entity_type, std::string entity_id,
                                 std::string detail = {});

// The same, at the clock's now.
accounts::AuditEntry audit_entry(const Clock& clock, std::string actor, std::string action,
                                 std::string entity_type, std::string entity_id,
                                 std::string detail = {});

}  // namespace vg::app
