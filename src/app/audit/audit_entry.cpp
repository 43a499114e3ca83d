#include "app/audit/audit_entry.h"

namespace vg::app {

accounts::AuditEntry audit_entry(accounts::Instant at, std::string actor, std::string action,
                                 std::string entity_type, std::string entity_id,
                                 std::string detail) {
  accounts::AuditEntry a;
  a.at = at;
  a.actor = std::move(actor);
  a.action = std::move(action);
  a.entity_type = std::move(entity_type);
  a.entity_id = std::move(entity_id);
  a.detail = std::move(detail);
  return a;
}

accounts::AuditEntry audit_entry(const Clock& clock, std::string actor, std::string action,
                                 std::string entity_type, std::string entity_id,
                                 std::string detail) {
  return audit_entry(clock.now(), std::move(actor), std::move(action), std::move(entity_type),
                     std::move(entity_id), std::move(detail));
}

}  // namespace vg::app
