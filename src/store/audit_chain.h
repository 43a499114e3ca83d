// The audit chain's writer side, shared by both backends: seals appended entries (keyed MAC, or
// the unkeyed hash without a key) and publishes the chain's head after each commit. Never reads
// or writes the database itself; never logs an entry's contents.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/audit_anchor.h"
#include "store/store.h"

namespace vg::store {

// The end of the chain as the appending transaction found it.
struct AuditChainEnd {
  std::int64_t seq = 0;  // 0: the log is empty
  std::string hash;      // "" when empty
};

class AuditChain {
 public:
  explicit AuditChain(AuditAnchor anchor);
  AuditChain(const AuditChain&) = delete;
  AuditChain& operator=(const AuditChain&) = delete;

  bool keyed() const { return keyed_; }

  // The entries to insert after `end`, in order, each with prev_hash and hash set. Keyed, after unkeyed entries: a hand-over entry comes first, its MAC covering the last
  // unkeyed hash. Unkeyed after a keyed end is refused: it would break the chain.
  Result<std::vector<AuditEntry>> seal(const AuditChainEnd& end,
                                       const std::vector<AuditEntry>& entries) const;

  // After the commit that made `head` the chain's end: writes the head file if `head` is past
  // the one it holds (several writers may share one database) and calls on_head.
  void publish(const AuditHead& head);

 private:
  std::string mac(const AuditEntry& entry, const std::string& prev_hash) const;

  AuditAnchor anchor_;
  bool keyed_ = false;
  // HMAC state after absorbing the key: copied per entry instead of hashing the key each time.
  crypto_auth_hmacsha256_state keyed_state_{};
  std::mutex publish_mutex_;
  std::int64_t published_seq_ = 0;  // guarded by publish_mutex_
};

}  // namespace vg::store
