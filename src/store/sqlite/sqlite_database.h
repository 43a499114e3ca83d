// SQLite plumbing for the store: connections with cached prepared statements, one writer behind
// a mutex (every write in BEGIN IMMEDIATE) and a bounded pool of readers. No domain logic here.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
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

namespace vg::store::sqlite {

// The code a read reports when a shared-cache lock blocked it; Database::read retries the whole
// read when it sees it, so a reader never holds locks while it waits.
inline constexpr std::string_view kLockedCode = "sqlite_locked";
// A write transaction SQLite rolled back to break a lock: Database::write runs it again whole.
inline constexpr std::string_view kRolledBackCode = "sqlite_rolled_back";

// A cached prepared statement borrowed from its Connection; resets itself when dropped. Bind
// values in order with the bind_* calls, then step() or run(); read the current row through
// SqlRow (the shared row mappers do).
class Statement final : public SqlRow {
 public:
  // `numbered_in_order`: the i-th placeholder is named $i (or is a plain `?`), so bind_all need not
  // look each name up (a lookup is a walk of the names: a group's multi-row insert of 1,400
  // values spent a tenth of a create's time there).
  Statement(sqlite3_stmt* stmt, bool retry_locked, bool numbered_in_order = false)
      : stmt_(stmt), retry_locked_(retry_locked), numbered_in_order_(numbered_in_order) {}
  sqlite3_stmt* handle() const { return stmt_; }
  // Ready to bind and run again (one prepared statement for many rows).
  void reset();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement() override;

  Statement& bind(std::string_view text);
  Statement& bind(std::int64_t value);
  Statement& bind(int value) { return bind(static_cast<std::int64_t>(value)); }
  Statement& bind(std::optional<int> value);
  Statement& bind_null();
  // Each value at the placeholder that names its number ($1 for the first), or in order where the
  // SQL has plain `?` placeholders.
  Statement& bind_all(const SqlParams& params);

  // true: a row is ready; false: done.
  Result<bool> step();
  // Steps to the end, for statements that return no rows.
  Result<void> run();

  std::string text(int column) const override;
  std::int64_t int64(int column) const override;
  std::optional<int> optional_int(int column) const override;
  bool boolean(int column) const override { return int64(column) != 0; }
  bool is_null(int column) const override;

 private:
  sqlite3_stmt* stmt_;
  bool retry_locked_;
  bool numbered_in_order_;
  int next_index_ = 1;
  int bind_error_ = SQLITE_OK;
  bool produced_row_ = false;
};

// Maps an SQLite result code to a store Error (conflict, validation_failed, unavailable, ...).
// The message holds SQLite's text, which names tables and constraints, never values.
Error sqlite_error(sqlite3* db, int code);

// ConnectionAudit: the writer seals audit appends with the Database's chain.
class Connection : public ConnectionAudit {
 public:
  // `retry_locked`: wait and retry a statement blocked by a shared-cache table lock (the writer);
  // readers instead report kLockedCode and let Database::read start the read again.
  static Result<std::unique_ptr<Connection>> open(const std::string& filename, bool writer,
                                                  bool retry_locked);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A statement from this connection's cache, prepared on first use.
  Result<Statement> prepare(const std::string& sql);
  // Runs `sql` with `params` (Statement::bind_all), handing each row to `on_row`; returns how
  // many rows it answered (RETURNING rows for a write).
  Result<std::int64_t> run(const std::string& sql, const SqlParams& params = {},
                           const RowHandler& on_row = {});
  // Runs SQL text with no parameters (pragmas, transaction control, migrations).
  Result<void> exec(const std::string& sql);
  // The same for one statement run again and again (BEGIN, COMMIT): prepared once and kept,
  // instead of parsed at every transaction.
  Result<void> exec_cached(const std::string& sql);
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

 private:
  Result<void> exec_with(const std::string& sql, bool cached);
  Connection(sqlite3* db, bool retry_locked) : db_(db), retry_locked_(retry_locked) {}
  sqlite3* db_;
  bool retry_locked_;
  struct Prepared {
    sqlite3_stmt* stmt;
    bool numbered_in_order;  // see Statement
  };
  std::unordered_map<std::string, Prepared> statements_;
};

class Database {
 public:
  static constexpr SqlDialect kDialect = SqlDialect::sqlite;

  // `filename` is a path or a file: URI; `readers` bounds the reader pool (at least 1).
  static Result<std::unique_ptr<Database>> open(const std::string& filename, int readers,
                                                std::shared_ptr<AuditChain> audit_chain = {});

  // Runs `work` on the writer inside BEGIN IMMEDIATE ... COMMIT; rolls back if it fails.
  Result<void> write(const std::function<Result<void>(Connection&)>& work);
  // Runs `work` on a pooled reader inside one read transaction (a consistent snapshot).
  Result<void> read(const std::function<Result<void>(Connection&)>& work);
  // For work of one statement, which PostgreSQL runs outside a transaction: here the same as
  // read and write (a reader and the writer each need theirs).
  Result<void> read_one(const std::function<Result<void>(Connection&)>& work) { return read(work); }
  Result<void> write_one(const std::function<Result<void>(Connection&)>& work) {
    return write(work);
  }

  PoolStats stats() const;

 private:
  Database(std::string filename, int readers, std::unique_ptr<Connection> writer)
      : filename_(std::move(filename)), max_readers_(readers), writer_(std::move(writer)) {}
  // Runs `work` on the writer with no transaction around it.
  Result<void> with_writer(const std::function<Result<void>(Connection&)>& work);
  Result<Connection*> acquire_reader();
  void release_reader(Connection* reader);

  std::string filename_;
  int max_readers_;
  std::shared_ptr<AuditChain> audit_chain_;  // sealed on the writer; published after COMMIT

  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;
  bool writer_busy_ = false;  // guarded by pool_mutex_, for stats

  mutable std::mutex pool_mutex_;
  std::condition_variable reader_free_;
  std::vector<std::unique_ptr<Connection>> readers_;  // every reader opened
  std::vector<Connection*> idle_readers_;
  int readers_in_use_ = 0;
  std::int64_t waits_total_ = 0;
};

// Generated from src/store/sqlite/migrations/*.sql.
extern const Migrations kMigrations;

// PostcodeRepository::upsert (sqlite_postcodes.cpp).
Result<void> upsert_postcodes(Database& db, const std::vector<PostcodeRepository::Row>& rows);

// Appends `entry` to audit_log on `conn` (inside the caller's write transaction), assigning its
// seq, prev_hash and hash from the last entry.
Result<void> append_audit(Connection& conn, const accounts::AuditEntry& entry);
// Appends `entries` in order, each chained to the one before (one read of the chain's end).
Result<void> append_audit_entries(Connection& conn, const std::vector<accounts::AuditEntry>& entries);

}  // namespace vg::store::sqlite
