// PublicFormRepository over either backend's database: drafts of public forms and rate-limit
// counters. Store-internal; instantiated by <backend>_store.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/result.h"
#include "store/sql/sql_query.h"
#include "store/store.h"

namespace vg::store {

template <typename Db>
class SqlPublicForms final : public PublicFormRepository {
 public:
  explicit SqlPublicForms(Db& db) : db_(db) {}

  Result<void> save_draft(const std::string& id_hash, const std::string& sealed,
                          Instant expires_at) override {
    VG_CHECK(write_statement(db_,
                             "INSERT INTO form_drafts (id_hash, sealed, expires_at) "
                             "VALUES ($1, $2, $3) ON CONFLICT (id_hash) DO UPDATE SET "
                             "sealed = excluded.sealed, expires_at = excluded.expires_at",
                             {id_hash, sealed, expires_at}));
    return {};
  }

  Result<std::optional<std::string>> find_draft(const std::string& id_hash, Instant now) override {
    return read_first<std::string>(
        db_, "SELECT sealed FROM form_drafts WHERE id_hash = $1 AND expires_at >= $2",
        {id_hash, now}, text_of);
  }

  Result<bool> replace_draft(const std::string& id_hash, const std::string& expected,
                             const std::string& replacement, Instant expires_at,
                             Instant now) override {
    auto replaced = VG_TRY(
        write_statement(db_,
                        "UPDATE form_drafts SET sealed = $1, expires_at = $2 "
                        "WHERE id_hash = $3 AND sealed = $4 AND expires_at >= $5 RETURNING 1",
                        {replacement, expires_at, id_hash, expected, now}));
    return replaced > 0;
  }

  Result<void> delete_draft(const std::string& id_hash) override {
    VG_CHECK(write_statement(db_, "DELETE FROM form_drafts WHERE id_hash = $1", {id_hash}));
    return {};
  }

  Result<std::int64_t> add_hit(const std::string& bucket, Instant window_start) override {
    std::optional<std::int64_t> hits;
    VG_CHECK(db_.write_one([&](auto& conn) -> Result<void> {
      hits = VG_TRY(first_of<std::int64_t>(
          conn,
          "INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES ($1, $2, 1) "
          "ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1 "
          "RETURNING hits",
          {bucket, window_start}, int64_of));
      return {};
    }));
    if (!hits) return fail("internal", "The rate-limit counter returned no row");
    return *hits;
  }

  Result<std::int64_t> purge(Instant now, Instant windows_before) override {
    std::int64_t purged = 0;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      purged = VG_TRY(conn.run("DELETE FROM form_drafts WHERE expires_at < $1 RETURNING 1", {now}));
      purged += VG_TRY(conn.run("DELETE FROM rate_limit_hits WHERE window_start < $1 RETURNING 1",
                                {windows_before}));
      return {};
    }));
    return purged;
  }

 private:
  Db& db_;
};

}  // namespace vg::store
