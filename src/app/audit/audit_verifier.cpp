#include "app/audit/audit_verifier.h"

namespace vg::app {

Result<AuditVerification> verify_audit_chain(store::AuditLog& log) {
  constexpr int kBatch = 1000;  // bounded memory whatever the log's length
  AuditVerification result;
  std::string prev_hash;
  std::int64_t last_seq = 0;
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
      } else if (store::audit_hash(entry, prev_hash) != entry.hash) {
        broken("its contents do not match its hash (the entry was altered)");
      }
      if (result.first_broken_seq) return result;
      prev_hash = entry.hash;
      last_seq = entry.seq;
    }
    if (static_cast<int>(batch.size()) < kBatch) break;
  }
  return result;
}

}  // namespace vg::app
