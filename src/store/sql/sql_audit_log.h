// AuditLog over either backend's database: appends through the backend's append_audit (which
// seals the chain), reads in seq order. Store-internal; instantiated by <backend>_store.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/result.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_query.h"
#include "store/store.h"

namespace vg::store {

template <typename Db>
class SqlAuditLog final : public AuditLog {
 public:
  explicit SqlAuditLog(Db& db) : db_(db) {}

  Result<void> append(const AuditEntry& entry) override {
    return db_.write([&](auto& conn) { return append_audit(conn, entry); });
  }

  Result<std::vector<AuditEntry>> read(std::int64_t after_seq, int limit) override {
    if (limit <= 0) return std::vector<AuditEntry>();
    return read_rows<AuditEntry>(
        db_, select_from(kAuditColumns, "audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"),
        {after_seq, limit}, audit_entry_from_row);
  }

 private:
  Db& db_;
};

}  // namespace vg::store
