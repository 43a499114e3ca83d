// What a backend connection keeps for the audit log: the chain its appends are sealed with and
// the head its open write transaction publishes once committed. Holds state only; seals nothing.
#pragma once

#include <optional>

#include "store/audit_chain.h"

namespace vg::store {

class ConnectionAudit {
 public:
  // Null: unkeyed, no head.
  AuditChain* audit_chain() const { return audit_chain_; }
  void set_audit_chain(AuditChain* chain) { audit_chain_ = chain; }
  std::optional<AuditHead>& pending_audit_head() { return pending_audit_head_; }

 private:
  AuditChain* audit_chain_ = nullptr;
  std::optional<AuditHead> pending_audit_head_;
};

}  // namespace vg::store
