#include "store/instant_text.h"
#include "store/postgres/pg_database.h"
#include "store/sql/sql_repositories.h"

namespace vg::store::postgres {
namespace {

// Runs one statement outside any explicit transaction and keeps its first column of row 0.
Result<std::optional<std::string>> first_value(Pool& pool, const std::string& sql,
                                               const Params& params) {
  std::optional<std::string> value;
  VG_CHECK(pool.with_connection([&](Connection& conn) -> Result<void> {
    auto rows = VG_TRY(conn.query(sql, params));
    value.reset();
    if (rows.size() > 0) value = rows.text(0, 0);
    return {};
  }));
  return value;
}

}  // namespace
}  // namespace vg::store::postgres

namespace vg::store {
using namespace postgres;

template <>
Result<void> SqlPublicForms<Pool>::save_draft(const std::string& id_hash, const std::string& sealed,
                                              Instant expires_at) {
  VG_CHECK(first_value(db_,
                       "INSERT INTO form_drafts (id_hash, sealed, expires_at) VALUES ($1, $2, $3) "
                       "ON CONFLICT (id_hash) DO UPDATE SET sealed = excluded.sealed, "
                       "expires_at = excluded.expires_at",
                       {id_hash, sealed, format_instant(expires_at)}));
  return {};
}

template <>
Result<std::optional<std::string>> SqlPublicForms<Pool>::find_draft(const std::string& id_hash,
                                                                    Instant now) {
  return first_value(db_, "SELECT sealed FROM form_drafts WHERE id_hash = $1 AND expires_at >= $2",
                     {id_hash, format_instant(now)});
}

template <>
Result<bool> SqlPublicForms<Pool>::replace_draft(const std::string& id_hash,
                                                 const std::string& expected,
                                                 const std::string& replacement, Instant expires_at,
                                                 Instant now) {
  auto replaced = VG_TRY(first_value(
      db_,
      "UPDATE form_drafts SET sealed = $1, expires_at = $2 "
      "WHERE id_hash = $3 AND sealed = $4 AND expires_at >= $5 RETURNING 1",
      {replacement, format_instant(expires_at), id_hash, expected, format_instant(now)}));
  return replaced.has_value();
}

template <>
Result<void> SqlPublicForms<Pool>::delete_draft(const std::string& id_hash) {
  VG_CHECK(first_value(db_, "DELETE FROM form_drafts WHERE id_hash = $1", {id_hash}));
  return {};
}

template <>
Result<std::int64_t> SqlPublicForms<Pool>::add_hit(const std::string& bucket,
                                                   Instant window_start) {
  auto hits = VG_TRY(first_value(
      db_,
      "INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES ($1, $2, 1) "
      "ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1 "
      "RETURNING hits",
      {bucket, format_instant(window_start)}));
  if (!hits) return fail("internal", "The rate-limit counter returned no row");
  return std::stoll(*hits);
}

template <>
Result<std::int64_t> SqlPublicForms<Pool>::purge(Instant now, Instant windows_before) {
  auto purged = VG_TRY(
      first_value(db_,
                  "WITH drafts AS (DELETE FROM form_drafts WHERE expires_at < $1 RETURNING 1), "
                  "hits AS (DELETE FROM rate_limit_hits WHERE window_start < $2 RETURNING 1) "
                  "SELECT (SELECT count(*) FROM drafts) + (SELECT count(*) FROM hits)",
                  {format_instant(now), format_instant(windows_before)}));
  return purged ? std::stoll(*purged) : 0;
}

template class SqlPublicForms<Pool>;

}  // namespace vg::store
