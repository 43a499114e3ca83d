#include "store/instant_text.h"
#include "store/sql/sql_repositories.h"
#include "store/sqlite/sqlite_database.h"

namespace vg::store {
using namespace sqlite;

template <>
Result<void> SqlPublicForms<Database>::save_draft(const std::string& id_hash,
                                                  const std::string& sealed, Instant expires_at) {
  return db_.write([&](Connection& conn) -> Result<void> {
    auto stmt = VG_TRY(conn.prepare(
        "INSERT INTO form_drafts (id_hash, sealed, expires_at) VALUES (?, ?, ?) "
        "ON CONFLICT (id_hash) DO UPDATE SET sealed = excluded.sealed, "
        "expires_at = excluded.expires_at"));
    stmt.bind(id_hash).bind(sealed).bind(format_instant(expires_at));
    return stmt.run();
  });
}

template <>
Result<std::optional<std::string>> SqlPublicForms<Database>::find_draft(const std::string& id_hash,
                                                                        Instant now) {
  std::optional<std::string> found;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    found.reset();
    auto stmt = VG_TRY(
        conn.prepare("SELECT sealed FROM form_drafts WHERE id_hash = ? AND expires_at >= ?"));
    stmt.bind(id_hash).bind(format_instant(now));
    if (VG_TRY(stmt.step())) found = stmt.text(0);
    return {};
  }));
  return found;
}

template <>
Result<bool> SqlPublicForms<Database>::replace_draft(const std::string& id_hash,
                                                     const std::string& expected,
                                                     const std::string& replacement,
                                                     Instant expires_at, Instant now) {
  bool replaced = false;
  VG_CHECK(db_.write([&](Connection& conn) -> Result<void> {
    replaced = false;
    auto stmt = VG_TRY(conn.prepare(
        "UPDATE form_drafts SET sealed = ?, expires_at = ? "
        "WHERE id_hash = ? AND sealed = ? AND expires_at >= ? RETURNING 1"));
    stmt.bind(replacement).bind(format_instant(expires_at)).bind(id_hash).bind(expected).bind(format_instant(now));
    replaced = VG_TRY(stmt.step());
    while (VG_TRY(stmt.step())) {
    }
    return {};
  }));
  return replaced;
}

template <>
Result<void> SqlPublicForms<Database>::delete_draft(const std::string& id_hash) {
  return db_.write([&](Connection& conn) -> Result<void> {
    auto stmt = VG_TRY(conn.prepare("DELETE FROM form_drafts WHERE id_hash = ?"));
    stmt.bind(id_hash);
    return stmt.run();
  });
}

template <>
Result<std::int64_t> SqlPublicForms<Database>::add_hit(const std::string& bucket,
                                                       Instant window_start) {
  std::int64_t hits = 0;
  VG_CHECK(db_.write([&](Connection& conn) -> Result<void> {
    auto stmt = VG_TRY(conn.prepare(
        "INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES (?, ?, 1) "
        "ON CONFLICT (bucket, window_start) DO UPDATE SET hits = hits + 1 RETURNING hits"));
    stmt.bind(bucket).bind(format_instant(window_start));
    if (!VG_TRY(stmt.step())) return fail("internal", "The rate-limit counter returned no row");
    hits = stmt.int64(0);
    while (VG_TRY(stmt.step())) {
    }
    return {};
  }));
  return hits;
}

template <>
Result<std::int64_t> SqlPublicForms<Database>::purge(Instant now, Instant windows_before) {
  std::int64_t purged = 0;
  VG_CHECK(db_.write([&](Connection& conn) -> Result<void> {
    purged = 0;
    auto drafts = VG_TRY(conn.prepare("DELETE FROM form_drafts WHERE expires_at < ? RETURNING 1"));
    drafts.bind(format_instant(now));
    while (VG_TRY(drafts.step())) ++purged;
    auto hits =
        VG_TRY(conn.prepare("DELETE FROM rate_limit_hits WHERE window_start < ? RETURNING 1"));
    hits.bind(format_instant(windows_before));
    while (VG_TRY(hits.step())) ++purged;
    return {};
  }));
  return purged;
}

template class SqlPublicForms<Database>;

}  // namespace vg::store
