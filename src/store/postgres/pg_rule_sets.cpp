#include "store/instant_text.h"
#include "store/postgres/pg_database.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_repositories.h"

namespace vg::store::postgres {
namespace {

Result<bool> try_add(Pool& pool, const RuleSetRecord& r, const AuditEntry& audit) {
  bool added = false;
  VG_CHECK(pool.write([&](Connection& conn) -> Result<void> {
    added = false;
    auto existing = VG_TRY(conn.query("SELECT document FROM rule_sets WHERE area = $1 AND version = $2",
                                      {r.area, r.version}));
    if (existing.size() > 0) {
      if (existing.text(0, 0) == r.document) return {};
      return fail("conflict", "Version " + r.version + " of the " + r.area +
                                  " rules is already loaded with different rules: give the changed "
                                  "rules a new version",
                  {{"version", "taken", "is already loaded with different rules"}});
    }
    auto inserted = conn.query(
        "INSERT INTO rule_sets (area, version, document, loaded_at, loaded_by) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (area, version) DO NOTHING RETURNING seq",
        {r.area, r.version, r.document, format_instant(r.loaded_at), r.loaded_by});
    if (!inserted) return std::unexpected(inserted.error());
    // Another server stored this version a moment ago: look again, in a new transaction.
    if (inserted->size() == 0)
      return fail("retry", "The version was stored by another server meanwhile");
    added = true;
    return append_audit(conn, audit);
  }));
  return added;
}

// The rule sets `where` picks, in its order.
Result<std::vector<RuleSetRecord>> select_rule_sets(Pool& pool, const std::string& where,
                                                    const Params& params) {
  std::vector<RuleSetRecord> out;
  VG_CHECK(pool.with_connection([&](Connection& conn) -> Result<void> {
    out.clear();
    auto rows = VG_TRY(conn.query(
        std::string("SELECT ") + kRuleSetColumns + " FROM rule_sets WHERE " + where, params));
    for (int i = 0; i < rows.size(); ++i) out.push_back(VG_TRY(rule_set_from_row(rows.row(i))));
    return {};
  }));
  return out;
}

Result<std::optional<RuleSetRecord>> first_rule_set(Pool& pool, const std::string& where,
                                                    const Params& params) {
  auto rows = VG_TRY(select_rule_sets(pool, where, params));
  if (rows.empty()) return std::optional<RuleSetRecord>{};
  return std::optional<RuleSetRecord>(std::move(rows.front()));
}

}  // namespace
}  // namespace vg::store::postgres

namespace vg::store {
using namespace postgres;

template <>
Result<bool> SqlRuleSets<Pool>::add_rule_set(const RuleSetRecord& r, const AuditEntry& audit) {
  // Several servers starting together load the same file at once. A loser of the race on
  // (area, version) runs again: then it finds the winner's identical row, which is success.
  constexpr int kAttempts = 4;
  auto added = try_add(db_, r, audit);
  for (int attempt = 1; attempt < kAttempts && !added && added.error().code == "retry"; ++attempt) {
    added = try_add(db_, r, audit);
  }
  if (!added && added.error().code == "retry") return fail("internal", added.error().message);
  return added;
}

template <>
Result<std::optional<RuleSetRecord>> SqlRuleSets<Pool>::current_rule_set(const std::string& area) {
  return first_rule_set(db_, "area = $1 ORDER BY seq DESC LIMIT 1", {area});
}

template <>
Result<std::optional<RuleSetRecord>> SqlRuleSets<Pool>::find_rule_set(const std::string& area,
                                                                      const std::string& version) {
  return first_rule_set(db_, "area = $1 AND version = $2", {area, version});
}

template <>
Result<std::vector<RuleSetRecord>> SqlRuleSets<Pool>::list_rule_sets(const std::string& area) {
  return select_rule_sets(db_, "area = $1 ORDER BY seq DESC", {area});
}

template class SqlRuleSets<Pool>;

}  // namespace vg::store
