#include "store/instant_text.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_repositories.h"
#include "store/sqlite/sqlite_database.h"

namespace vg::store::sqlite {
namespace {

Result<std::vector<RuleSetRecord>> select_rule_sets(Database& db, const std::string& where,
                                                    const std::vector<std::string>& params) {
  std::vector<RuleSetRecord> out;
  VG_CHECK(db.read([&](Connection& conn) -> Result<void> {
    out.clear();
    auto stmt = VG_TRY(
        conn.prepare(std::string("SELECT ") + kRuleSetColumns + " FROM rule_sets WHERE " + where));
    for (const auto& p : params) stmt.bind(p);
    while (VG_TRY(stmt.step())) out.push_back(VG_TRY(rule_set_from_row(stmt)));
    return {};
  }));
  return out;
}

std::optional<RuleSetRecord> first(std::vector<RuleSetRecord> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

}  // namespace
}  // namespace vg::store::sqlite

namespace vg::store {
using namespace sqlite;

template <>
Result<bool> SqlRuleSets<Database>::add_rule_set(const RuleSetRecord& r, const AuditEntry& audit) {
  bool added = false;
  VG_CHECK(db_.write([&](Connection& conn) -> Result<void> {
    added = false;
    auto existing = VG_TRY(conn.prepare("SELECT document FROM rule_sets WHERE area = ? AND version = ?"));
    existing.bind(r.area).bind(r.version);
    if (VG_TRY(existing.step())) {
      if (existing.text(0) == r.document) return {};
      return fail("conflict", "Version " + r.version + " of the " + r.area +
                                  " rules is already loaded with different rules: give the changed "
                                  "rules a new version",
                  {{"version", "taken", "is already loaded with different rules"}});
    }
    auto insert = VG_TRY(conn.prepare(
        "INSERT INTO rule_sets (area, version, document, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?)"));
    insert.bind(r.area).bind(r.version).bind(r.document).bind(format_instant(r.loaded_at)).bind(r.loaded_by);
    VG_CHECK(insert.run());
    added = true;
    return append_audit(conn, audit);
  }));
  return added;
}

template <>
Result<std::optional<RuleSetRecord>> SqlRuleSets<Database>::current_rule_set(
    const std::string& area) {
  return first(VG_TRY(select_rule_sets(db_, "area = ? ORDER BY seq DESC LIMIT 1", {area})));
}

template <>
Result<std::optional<RuleSetRecord>> SqlRuleSets<Database>::find_rule_set(
    const std::string& area, const std::string& version) {
  return first(VG_TRY(select_rule_sets(db_, "area = ? AND version = ?", {area, version})));
}

template <>
Result<std::vector<RuleSetRecord>> SqlRuleSets<Database>::list_rule_sets(const std::string& area) {
  return select_rule_sets(db_, "area = ? ORDER BY seq DESC", {area});
}

template class SqlRuleSets<Database>;

}  // namespace vg::store
