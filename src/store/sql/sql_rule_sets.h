// RuleSetRepository over either backend's database: routing rule sets, each area's by version,
// kept for good. Store-internal; instantiated by <backend>_store.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_query.h"
#include "store/store.h"

namespace vg::store {

template <typename Db>
class SqlRuleSets final : public RuleSetRepository {
 public:
  explicit SqlRuleSets(Db& db) : db_(db) {}

  // Several servers starting together load the same file at once. A loser of the race on
  // (area, version) runs again: then it finds the winner's identical row, which is success.
  // (SQLite's one writer never races.)
  Result<bool> add_rule_set(const RuleSetRecord& rule_set, const AuditEntry& audit) override {
    constexpr int kAttempts = 4;
    auto added = try_add(rule_set, audit);
    for (int attempt = 1; attempt < kAttempts && !added && added.error().code == "retry";
         ++attempt) {
      added = try_add(rule_set, audit);
    }
    if (!added && added.error().code == "retry") return fail("internal", added.error().message);
    return added;
  }

  Result<std::optional<RuleSetRecord>> current_rule_set(const std::string& area) override {
    return read_first<RuleSetRecord>(db_, where("area = $1 ORDER BY seq DESC LIMIT 1"), {area},
                                     rule_set_from_row);
  }

  Result<std::optional<RuleSetRecord>> find_rule_set(const std::string& area,
                                                     const std::string& version) override {
    return read_first<RuleSetRecord>(db_, where("area = $1 AND version = $2"), {area, version},
                                     rule_set_from_row);
  }

  Result<std::vector<RuleSetRecord>> list_rule_sets(const std::string& area) override {
    return read_rows<RuleSetRecord>(db_, where("area = $1 ORDER BY seq DESC"), {area},
                                    rule_set_from_row);
  }

 private:
  static std::string where(const char* condition) {
    return select_from(kRuleSetColumns, std::string("rule_sets WHERE ") + condition);
  }

  Result<bool> try_add(const RuleSetRecord& r, const AuditEntry& audit) {
    bool added = false;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      added = false;
      auto existing = VG_TRY(first_of<std::string>(
          conn, "SELECT document FROM rule_sets WHERE area = $1 AND version = $2",
          {r.area, r.version}, text_of));
      if (existing) {
        if (*existing == r.document) return {};
        return fail("conflict",
                    "Version " + r.version + " of the " + r.area +
                        " rules is already loaded with different rules: give the changed "
                        "rules a new version",
                    {{"version", "taken", "is already loaded with different rules"}});
      }
      auto inserted = VG_TRY(conn.run(
          "INSERT INTO rule_sets (area, version, document, loaded_at, loaded_by) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (area, version) DO NOTHING RETURNING seq",
          {r.area, r.version, r.document, r.loaded_at, r.loaded_by}));
      // Another server stored this version a moment ago: look again, in a new transaction.
      if (inserted == 0) return fail("retry", "The version was stored by another server meanwhile");
      added = true;
      return append_audit(conn, audit);
    }));
    return added;
  }

  Db& db_;
};

}  // namespace vg::store
