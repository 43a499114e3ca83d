#include "store/postgres/pg_rule_sets.h"

#include "store/instant_text.h"

namespace vg::store::postgres {

Result<bool> PgRuleSets::try_add(const RuleSetRecord& r, const AuditEntry& audit) {
  bool added = false;
  VG_CHECK(pool_.write([&](Connection& conn) -> Result<void> {
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
    if (inserted->size() == 0) return fail("retry", "The version was stored by another server meanwhile");
    added = true;
    return append_audit(conn, audit);
  }));
  return added;
}

Result<bool> PgRuleSets::add_rule_set(const RuleSetRecord& r, const AuditEntry& audit) {
  // Several servers starting together load the same file at once. A loser of the race on
  // (area, version) runs again: then it finds the winner's identical row, which is success.
  constexpr int kAttempts = 4;
  auto added = try_add(r, audit);
  for (int attempt = 1; attempt < kAttempts && !added && added.error().code == "retry"; ++attempt) {
    added = try_add(r, audit);
  }
  if (!added && added.error().code == "retry") return fail("internal", added.error().message);
  return added;
}

Result<std::vector<RuleSetRecord>> PgRuleSets::select(const std::string& where, const Params& params) {
  std::vector<RuleSetRecord> out;
  VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
    out.clear();
    auto rows = VG_TRY(conn.query(
        "SELECT seq, area, version, document, loaded_at, loaded_by FROM rule_sets WHERE " + where, params));
    for (int i = 0; i < rows.size(); ++i) {
      RuleSetRecord r;
      r.seq = rows.int64(i, 0);
      r.area = rows.text(i, 1);
      r.version = rows.text(i, 2);
      r.document = rows.text(i, 3);
      auto at = parse_instant(rows.text(i, 4));
      if (!at) return fail("internal", "A stored instant is not in the store's format");
      r.loaded_at = *at;
      r.loaded_by = rows.text(i, 5);
      out.push_back(std::move(r));
    }
    return {};
  }));
  return out;
}

Result<std::optional<RuleSetRecord>> PgRuleSets::current_rule_set(const std::string& area) {
  auto rows = VG_TRY(select("area = $1 ORDER BY seq DESC LIMIT 1", {area}));
  if (rows.empty()) return std::optional<RuleSetRecord>{};
  return std::optional<RuleSetRecord>(std::move(rows.front()));
}

Result<std::optional<RuleSetRecord>> PgRuleSets::find_rule_set(const std::string& area,
                                                               const std::string& version) {
  auto rows = VG_TRY(select("area = $1 AND version = $2", {area, version}));
  if (rows.empty()) return std::optional<RuleSetRecord>{};
  return std::optional<RuleSetRecord>(std::move(rows.front()));
}

Result<std::vector<RuleSetRecord>> PgRuleSets::list_rule_sets(const std::string& area) {
  return select("area = $1 ORDER BY seq DESC", {area});
}

}  // namespace vg::store::postgres
