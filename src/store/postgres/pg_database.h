// PostgreSQL plumbing for the store: a bounded pool of libpq connections (opened lazily,
// replaced when broken), statements prepared once per connection, text parameters only, and
// transactions around every write. No domain logic here; no value is ever spliced into SQL.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/result.h"
#include "store/audit_chain.h"
#include "store/sql/connection_audit.h"
#include "store/sql/migration_version.h"
#include "store/sql/sql_dialect.h"
#include "store/sql/sql_query.h"
#include "store/sql/sql_row.h"
#include "store/store.h"

namespace vg::store::postgres {

// Text-format parameters; nullopt is SQL NULL.
using Params = std::vector<std::optional<std::string>>;

class RowOf;

// One query's rows, text format.
class Rows {
 public:
  explicit Rows(PGresult* result) : result_(result) {}
  Rows(Rows&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Rows& operator=(Rows&&) = delete;
  Rows(const Rows&) = delete;
  ~Rows() { PQclear(result_); }

  int size() const { return PQntuples(result_); }
  std::string text(int row, int column) const;
  bool is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
  std::int64_t int64(int row, int column) const;
  std::optional<int> optional_int(int row, int column) const;
  bool boolean(int row, int column) const { return text(row, column) == "t"; }
  // Row `row`, read through SqlRow (the shared row mappers do).
  RowOf row(int row) const;

 private:
  PGresult* result_;
};

class RowOf final : public SqlRow {
 public:
  RowOf(const Rows& rows, int row) : rows_(&rows), row_(row) {}
  std::string text(int column) const override { return rows_->text(row_, column); }
  std::int64_t int64(int column) const override { return rows_->int64(row_, column); }
  std::optional<int> optional_int(int column) const override {
    return rows_->optional_int(row_, column);
  }
  bool boolean(int column) const override { return rows_->boolean(row_, column); }
  bool is_null(int column) const override { return rows_->is_null(row_, column); }

 private:
  const Rows* rows_;
  int row_;
};

inline RowOf Rows::row(int row) const { return RowOf(*this, row); }

// ConnectionAudit: set by Pool::write for the open write transaction.
class Connection : public ConnectionAudit {
 public:
  // `connect_seconds`: how long connecting may take (libpq's connect_timeout; 2 at least).
  static Result<std::unique_ptr<Connection>> open(const std::string& url, int connect_seconds = 10);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs `sql` ($1, $2 ... placeholders) as a statement prepared once on this connection.
  Result<Rows> query(const std::string& sql, const Params& params = {});
  // The same with typed values (numbers and truth values sent as text the server casts), handing
  // each row to `on_row`; returns how many rows it answered (RETURNING rows for a write).
  Result<std::int64_t> run(const std::string& sql, const SqlParams& params = {},
                           const RowHandler& on_row = {});
  // Runs SQL text with no parameters (transaction control, migrations: may hold many statements).
  Result<void> exec(const std::string& sql);
  bool broken() const { return timed_out_ || PQstatus(conn_) != CONNECTION_OK; }
  // A statement went unanswered past the time limit; the connection is then given up.
  bool timed_out() const { return timed_out_; }
  // Limits how long each later statement may wait for its answer; zero: no limit.
  void limit_statement_time(std::chrono::milliseconds limit) { time_limit_ = limit; }
  // No transaction left open: safe to hand to the next caller.
  bool idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  Error error_from(const PGresult* result) const;
  // After a PQsend*: the statement's result (the last of several; the first error), waiting no
  // longer than the time limit. Null when the send failed or the limit passed (timed_out_).
  PGresult* answer(bool sent);

  PGconn* conn_;
  std::chrono::milliseconds time_limit_{0};
  bool timed_out_ = false;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  int next_statement_ = 0;
};

// A text[] literal, for `= ANY($n::text[])` or unnest(): one parameter whatever the list's
// length, so the prepared statement stays the same. Every element quoted, " and \ escaped.
inline std::string text_array(const std::vector<std::string>& values) {
  return text_list(SqlDialect::postgresql, values);
}

class Pool {
 public:
  static constexpr SqlDialect kDialect = SqlDialect::postgresql;

  Pool(std::string url, int size) : url_(std::move(url)), max_(std::max(1, size)) {}

  // Runs `work` inside BEGIN ... COMMIT; rolls back if it fails.
  Result<void> write(const std::function<Result<void>(Connection&)>& work);
  // Runs `work` in one read-only repeatable-read transaction (a consistent snapshot).
  Result<void> read(const std::function<Result<void>(Connection&)>& work);
  // Runs `work` with no transaction around it.
  Result<void> with_connection(const std::function<Result<void>(Connection&)>& work);
  // For work of one statement, safe to run again on a fresh connection: no transaction, each
  // statement is its own (SQLite's Database runs these in one).
  Result<void> read_one(const std::function<Result<void>(Connection&)>& work) {
    return with_connection(work);
  }
  Result<void> write_one(const std::function<Result<void>(Connection&)>& work) {
    return with_connection(work);
  }

  PoolStats stats() const;
  // Bounds each statement's wait, and a caller's wait for a free connection, from now on;
  // zero: no limit.
  void limit_statement_time(std::chrono::milliseconds limit);
  std::chrono::milliseconds statement_time_limit() const;
  // Seals the audit entries written through this pool; its head is published after COMMIT.
  void set_audit_chain(std::shared_ptr<AuditChain> chain) { audit_chain_ = std::move(chain); }

 private:
  std::shared_ptr<AuditChain> audit_chain_;
  // Runs `work` on a pooled connection. When the connection turns out broken (a server restart,
  // a dropped socket) and `work` left `retryable` true (it changed nothing), a fresh connection
  // replaces it and `work` runs once more.
  Result<void> run(const std::function<Result<void>(Connection&, bool& retryable)>& work);
  Result<std::unique_ptr<Connection>> acquire();
  void release(std::unique_ptr<Connection> conn);

  std::string url_;
  int max_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle + in use + being opened
  int in_use_ = 0;
  std::int64_t waits_total_ = 0;
  std::chrono::milliseconds time_limit_{0};  // guarded by mutex_
  // After a statement went unanswered, until when new connections are not tried: a frozen
  // server would hold each caller for a connect timeout more. Guarded by mutex_.
  std::chrono::steady_clock::time_point unresponsive_until_{};
};

// One text[] parameter per column, in order: the rows of a set-wise insert, passed column by
// column to `unnest($1::text[], $2::text[], …)`.
Params text_array_params(const std::vector<std::vector<std::string>>& columns);

// Appends `entry` inside the caller's transaction. An advisory transaction lock serialises
// appenders across every process sharing the database, so the chain never forks.
Result<void> append_audit(Connection& conn, const accounts::AuditEntry& entry);
// Appends `entries` in order, each chained to the one before: one lock, one read of the chain's
// end and one insert for all of them.
Result<void> append_audit_entries(Connection& conn, const std::vector<accounts::AuditEntry>& entries);

// PostcodeRepository::upsert (pg_postcodes.cpp).
Result<void> upsert_postcodes(Pool& pool, const std::vector<PostcodeRepository::Row>& rows);

// Generated from src/store/postgres/migrations/*.sql.
extern const Migrations kMigrations;

}  // namespace vg::store::postgres
