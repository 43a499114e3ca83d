#include "store/sqlite/sqlite_rule_sets.h"

#include "store/instant_text.h"

namespace vg::store::sqlite {

Result<bool> SqliteRuleSets::add_rule_set(const RuleSetRecord& r, const AuditEntry& audit) {
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
    if (auto ran = insert.run(); !ran) return std::unexpected(ran.error());
    added = true;
    return append_audit(conn, audit);
  }));
  return added;
}

Result<std::vector<RuleSetRecord>> SqliteRuleSets::select(const std::string& where,
                                                          const std::vector<std::string>& params) {
  std::vector<RuleSetRecord> out;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    out.clear();
    auto stmt = VG_TRY(conn.prepare(
        "SELECT seq, area, version, document, loaded_at, loaded_by FROM rule_sets WHERE " + where));
    for (const auto& p : params) stmt.bind(p);
    while (VG_TRY(stmt.step())) {
      RuleSetRecord r;
      r.seq = stmt.int64(0);
      r.area = stmt.text(1);
      r.version = stmt.text(2);
      r.document = stmt.text(3);
      auto at = parse_instant(stmt.text(4));
      if (!at) return fail("internal", "A stored instant is not in the store's format");
      r.loaded_at = *at;
      r.loaded_by = stmt.text(5);
      out.push_back(std::move(r));
    }
    return {};
  }));
  return out;
}

Result<std::optional<RuleSetRecord>> SqliteRuleSets::current_rule_set(const std::string& area) {
  auto rows = VG_TRY(select("area = ? ORDER BY seq DESC LIMIT 1", {area}));
  if (rows.empty()) return std::optional<RuleSetRecord>{};
  return std::optional<RuleSetRecord>(std::move(rows.front()));
}

Result<std::optional<RuleSetRecord>> SqliteRuleSets::find_rule_set(const std::string& area,
                                                                   const std::string& version) {
  auto rows = VG_TRY(select("area = ? AND version = ?", {area, version}));
  if (rows.empty()) return std::optional<RuleSetRecord>{};
  return std::optional<RuleSetRecord>(std::move(rows.front()));
}

Result<std::vector<RuleSetRecord>> SqliteRuleSets::list_rule_sets(const std::string& area) {
  return select("area = ? ORDER BY seq DESC", {area});
}

}  // namespace vg::store::sqlite
