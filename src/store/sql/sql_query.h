// One statement text for both backends ($1, $2 ... placeholders: SQLite reads them as named
// parameters), typed values each backend sends its own way, and reads that map rows to records.
// Store-internal; it opens no connection and never splices a value into SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/result.h"
#include "store/instant_text.h"
#include "store/sql/sql_row.h"

namespace vg::store {

// One parameter: NULL, text, a whole number or a truth value. An instant goes as the store's
// RFC 3339 text; an empty optional as NULL.
class SqlValue {
 public:
  using Value = std::variant<std::monostate, std::string, std::int64_t, bool>;

  SqlValue() = default;
  SqlValue(std::nullopt_t) {}
  SqlValue(std::string text) : value_(std::move(text)) {}
  SqlValue(std::string_view text) : value_(std::string(text)) {}
  SqlValue(const char* text) : value_(std::string(text)) {}
  SqlValue(std::int64_t number) : value_(number) {}
  SqlValue(int number) : value_(std::int64_t{number}) {}
  SqlValue(bool truth) : value_(truth) {}
  SqlValue(accounts::Instant at) : value_(format_instant(at)) {}
  template <typename T>
  SqlValue(const std::optional<T>& value) {
    if (value) *this = SqlValue(*value);
  }

  const Value& value() const { return value_; }

 private:
  Value value_;
};

using SqlParams = std::vector<SqlValue>;
// Called with each row a statement answers, in order; an error stops the statement.
using RowHandler = std::function<Result<void>(const SqlRow&)>;

// "SELECT <columns> FROM <rest>".
inline std::string select_from(std::string_view columns, std::string_view rest) {
  return std::string("SELECT ").append(columns).append(" FROM ").append(rest);
}

// Appends `value` to `params` and returns its placeholder, for SQL built from optional filters.
inline std::string add_param(SqlParams& params, SqlValue value) {
  params.push_back(std::move(value));
  std::string placeholder = "$";  // not "$" + ...: g++ 12 misreads that as an overlapping copy
  return placeholder.append(std::to_string(params.size()));
}

// The rows `sql` answers on `conn`, each made a T by `map` (which returns T or Result<T>).
template <typename T, typename Connection, typename Map>
Result<std::vector<T>> rows_of(Connection& conn, const std::string& sql, const SqlParams& params,
                               Map map) {
  std::vector<T> out;
  VG_CHECK(conn.run(sql, params, [&](const SqlRow& row) -> Result<void> {
    Result<T> item = map(row);
    if (!item) return std::unexpected(std::move(item.error()));
    out.push_back(std::move(*item));
    return {};
  }));
  return out;
}

// The same as one read of its own (Database::read_one, Pool::read_one).
template <typename T, typename Db, typename Map>
Result<std::vector<T>> read_rows(Db& db, const std::string& sql, const SqlParams& params, Map map) {
  std::vector<T> out;
  VG_CHECK(db.read_one([&](auto& conn) -> Result<void> {
    out = VG_TRY(rows_of<T>(conn, sql, params, map));
    return {};
  }));
  return out;
}

// What `body` answers on one read of its own: for reads written once over a connection, so a
// unit of work's rows and a repository's reads share them.
template <typename T, typename Db, typename Body>
Result<T> read_on(Db& db, Body body) {
  Result<T> out = fail("internal", "The read did not run");
  VG_CHECK(db.read_one([&](auto& conn) -> Result<void> {
    out = body(conn);
    if (!out) return std::unexpected(out.error());
    return {};
  }));
  return out;
}

// The same for a body of several statements that must see one snapshot (Database::read,
// Pool::read: PostgreSQL's repeatable read).
template <typename T, typename Db, typename Body>
Result<T> snapshot_on(Db& db, Body body) {
  Result<T> out = fail("internal", "The read did not run");
  VG_CHECK(db.read([&](auto& conn) -> Result<void> {
    out = body(conn);
    if (!out) return std::unexpected(out.error());
    return {};
  }));
  return out;
}

template <typename T>
std::optional<T> first(std::vector<T> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

// The first of those rows; nullopt when there is none.
template <typename T, typename Connection, typename Map>
Result<std::optional<T>> first_of(Connection& conn, const std::string& sql, const SqlParams& params,
                                  Map map) {
  return first(VG_TRY(rows_of<T>(conn, sql, params, map)));
}

template <typename T, typename Db, typename Map>
Result<std::optional<T>> read_first(Db& db, const std::string& sql, const SqlParams& params,
                                    Map map) {
  return first(VG_TRY(read_rows<T>(db, sql, params, map)));
}

// One statement on its own (Database::write_one, Pool::write_one); how many rows it answered.
template <typename Db>
Result<std::int64_t> write_statement(Db& db, const std::string& sql, const SqlParams& params) {
  std::int64_t rows = 0;
  VG_CHECK(db.write_one([&](auto& conn) -> Result<void> {
    rows = VG_TRY(conn.run(sql, params));
    return {};
  }));
  return rows;
}

// Inserts `rows` (each holding a value for every column `head` names, in order; `head` is
// "INSERT INTO t (a, b)")
// several to a statement. On PostgreSQL every statement is a round trip, and a group commit of 64
// creates once made three per referral (its case, two deadlines): the writer thread waited on the
// network. Rows go in runs of 64, 32, ... 1, so no table ever has more than seven statement texts
// among a connection's prepared statements. `tail` ends each statement (an ON CONFLICT clause).
template <typename Connection>
Result<void> insert_rows(Connection& conn, std::string_view head, const std::vector<SqlParams>& rows,
                         std::string_view tail = {}) {
  constexpr std::size_t kMostRows = 64;
  std::size_t next = 0;
  SqlParams params;
  while (next < rows.size()) {
    std::size_t run = kMostRows;
    while (run > rows.size() - next) run /= 2;
    std::string sql(head);
    sql.append(" VALUES ");
    params.clear();
    for (std::size_t r = 0; r < run; ++r) {
      sql.append(r == 0 ? "(" : ", (");
      const auto& row = rows[next + r];
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (c > 0) sql.append(", ");
        sql.append(add_param(params, row[c]));
      }
      sql.push_back(')');
    }
    sql.append(tail);
    VG_CHECK(conn.run(sql, params));
    next += run;
  }
  return {};
}

// Column 0 of a row, for reads of one value.
inline std::int64_t int64_of(const SqlRow& row) { return row.int64(0); }
inline std::string text_of(const SqlRow& row) { return row.text(0); }

}  // namespace vg::store
