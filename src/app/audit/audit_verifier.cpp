#include "app/audit/audit_verifier.h"

namespace vg::app {

Result<AuditVerification> verify_audit_chain(store::AuditLog& log,
                                             const AuditVerifyOptions& options) {
  constexpr int kBatch = 1000;  // bounded memory whatever the log's length
  AuditVerification result;
  std::string prev_hash;
  std::int64_t last_seq = 0;
  std::vector<bool> head_found(options.heads.size(), false);
  for (;;) {
    auto batch = VG_TRY(log.read(last_seq, kBatch));
    for (const auto& entry : batch) {
      ++result.entries_checked;
      auto broken = [&](std::string why) {
        result.first_broken_seq = entry.seq;
        result.problem = std::move(why);
      };
      if (entry.prev_hash != prev_hash) {
        broken("its previous-hash does not match the entry before it (an entry was removed, "
               "inserted or altered)");
      } else if (!store::is_keyed_audit_hash(entry.hash)) {
        if (result.keyed_from_seq) {
          broken("it is unkeyed after the keyed chain began (entries were rewritten without "
                 "the audit key)");
        } else if (store::audit_hash(entry, prev_hash) != entry.hash) {
          broken("its contents do not match its hash (the entry was altered)");
        }
      } else {
        if (options.key.empty()) {
          return fail("audit_key_missing",
                      "The audit log is keyed from entry " + std::to_string(entry.seq) +
                          ": set audit_key (VG_AUDIT_KEY) to verify it");
        }
        if (!result.keyed_from_seq) result.keyed_from_seq = entry.seq;
        if (store::audit_mac(options.key, entry, prev_hash) != entry.hash) {
          broken("its contents do not match its MAC (the entry was altered, the chain was "
                 "recomputed without the key, or audit_key is not the key it was written with)");
        }
      }
      for (std::size_t i = 0; !result.first_broken_seq && i < options.heads.size(); ++i) {
        const auto& head = options.heads[i];
        if (head_found[i]) continue;
        if (entry.seq == head.seq) {
          head_found[i] = true;
          if (entry.hash != head.mac) {
            broken("it is not the entry the head kept outside the database names (the log was "
                   "rewritten or replaced)");
          }
        } else if (entry.seq > head.seq) {
          result.first_broken_seq = head.seq;
          result.problem = "the entry the head kept outside the database names is missing";
        }
      }
      if (result.first_broken_seq) return result;
      prev_hash = entry.hash;
      last_seq = entry.seq;
    }
    if (static_cast<int>(batch.size()) < kBatch) break;
  }
  result.last_seq = last_seq;
  for (std::size_t i = 0; i < options.heads.size(); ++i) {
    if (head_found[i] || options.heads[i].seq == 0) continue;
    result.first_broken_seq = options.heads[i].seq;
    result.problem = "the log ends at entry " + std::to_string(last_seq) +
                     " but the head kept outside the database names entry " +
                     std::to_string(options.heads[i].seq) +
                     " (entries were removed from the end, or the database was rolled back to "
                     "an older copy)";
    return result;
  }
  result.unanchored = options.heads.empty() && result.entries_checked > 0;
  return result;
}

Result<void> check_audit_key(store::AuditLog& log, const std::string& key,
                             const store::AuditHead& head) {
  if (head.seq <= 0 || !store::is_keyed_audit_hash(head.mac)) return {};
  auto found = VG_TRY(log.read(head.seq - 1, 1));
  if (found.empty() || found[0].seq != head.seq || !store::is_keyed_audit_hash(found[0].hash)) {
    return {};
  }
  const auto& entry = found[0];
  if (store::audit_mac(key, entry, entry.prev_hash) != entry.hash) {
    return fail("audit_key_mismatch",
                "audit_key is not the key the audit log was written with (entry " +
                    std::to_string(entry.seq) +
                    " does not match it, or was altered): check the key, then run verify-audit");
  }
  return {};
}

}  // namespace vg::app
