// Break-glass grants over either backend, on a unit of work's connection (SqlBreakGlassRows) or
// a read of its own (SqlBreakGlass): one definition of every statement for SQLite and PostgreSQL.
// Store-internal; never deletes a grant (sign-out stamps ended_at), so every one stays answerable.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "domain/result.h"
#include "store/sql/sql_query.h"
#include "store/sql/sql_row.h"
#include "store/store.h"
#include "store/unit_of_work.h"

namespace vg::store {

namespace break_glass_sql {

inline constexpr const char* kColumns =
    "id, user_id, case_id, reason, note_key_id, note_sealed, granted_at, expires_at, ended_at";

inline Result<casework::BreakGlassGrant> grant_from_row(const SqlRow& row) {
  casework::BreakGlassGrant g;
  g.id = row.text(0);
  g.user_id = row.text(1);
  g.case_id = row.text(2);
  auto reason = casework::break_glass_reason_from_code(row.text(3));
  if (!reason) return fail("internal", "A stored break-glass grant holds an unknown reason");
  g.reason = *reason;
  g.note = {row.text(4), row.text(5)};
  g.granted_at = VG_TRY(instant_column(row, 6));
  g.expires_at = VG_TRY(instant_column(row, 7));
  if (!row.is_null(8)) g.ended_at = VG_TRY(instant_column(row, 8));
  return g;
}

}  // namespace break_glass_sql

template <typename Connection>
class SqlBreakGlassRows final : public BreakGlassRows {
 public:
  explicit SqlBreakGlassRows(Connection& conn) : conn_(conn) {}

  Result<void> insert(const casework::BreakGlassGrant& g) override {
    VG_CHECK(conn_.run(std::string("INSERT INTO case_break_glass (") + break_glass_sql::kColumns +
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                       {g.id, g.user_id, g.case_id, std::string(casework::to_code(g.reason)), g.note.key_id,
                        g.note.sealed, g.granted_at, g.expires_at, g.ended_at}));
    return {};
  }

  Result<std::vector<casework::BreakGlassGrant>> open_grants(const std::string& user_id,
                                                             const std::string& case_id) override {
    return rows_of<casework::BreakGlassGrant>(
        conn_,
        select_from(break_glass_sql::kColumns,
                    "case_break_glass WHERE user_id = $1 AND case_id = $2 AND ended_at IS NULL "
                    "ORDER BY granted_at DESC, id LIMIT 20"),
        {user_id, case_id}, break_glass_sql::grant_from_row);
  }

  Result<std::int64_t> end_all(const std::string& user_id, accounts::Instant at) override {
    return conn_.run("UPDATE case_break_glass SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL RETURNING id",
                     {user_id, at});
  }

 private:
  Connection& conn_;
};

// BreakGlassRepository over either backend's database: the rows' reads, each on a read of its own.
template <typename Db>
class SqlBreakGlass final : public BreakGlassRepository {
 public:
  explicit SqlBreakGlass(Db& db) : db_(db) {}

  Result<std::vector<casework::BreakGlassGrant>> open_grants(const std::string& user_id,
                                                             const std::string& case_id) override {
    return read_on<std::vector<casework::BreakGlassGrant>>(db_, [&](auto& conn) {
      return SqlBreakGlassRows<std::remove_reference_t<decltype(conn)>>(conn).open_grants(user_id, case_id);
    });
  }

 private:
  Db& db_;
};

}  // namespace vg::store
