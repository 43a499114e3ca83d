#include "store/sqlite/sqlite_database.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "store/instant_text.h"

namespace vg::store::sqlite {

namespace {

using namespace std::chrono_literals;

// How long a statement or a read waits for a shared-cache lock (in-memory databases only; file
// databases in WAL mode never see SQLITE_LOCKED between connections) before giving up.
constexpr auto kLockPatience = 10s;
constexpr int kBusyTimeoutMs = 10000;

bool is_locked(int code) { return (code & 0xFF) == SQLITE_LOCKED; }

void pause_briefly(int attempt) {
  std::this_thread::sleep_for(std::chrono::microseconds(std::min(100 * (1 << std::min(attempt, 7)),
                                                                 10000)));
}

}  // namespace

Error sqlite_error(sqlite3* db, int code) {
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error{"conflict", "A record with the same key already exists (" + message + ")", {}};
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error{"validation_failed", "A referenced record does not exist (" + message + ")", {}};
    default:
      break;
  }
  if (is_locked(code)) return Error{std::string(kLockedCode), "database table is locked", {}};
  if ((code & 0xFF) == SQLITE_BUSY) {
    return Error{"unavailable", "The database is busy; try again (" + message + ")", {}};
  }
  return Error{"internal", "Database error: " + message, {}};
}

// --- Statement ---------------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : stmt_(other.stmt_),
      retry_locked_(other.retry_locked_),
      numbered_in_order_(other.numbered_in_order_),
      next_index_(other.next_index_),
      bind_error_(other.bind_error_),
      produced_row_(other.produced_row_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  next_index_ = 1;
  bind_error_ = SQLITE_OK;
  produced_row_ = false;
}

Statement& Statement::bind(std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, next_index_++, text.data(), text.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::bind(std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, next_index_++, value);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::bind(std::optional<int> value) {
  return value ? bind(static_cast<std::int64_t>(*value)) : bind_null();
}

Statement& Statement::bind_all(const SqlParams& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (numbered_in_order_) {
      next_index_ = static_cast<int>(i) + 1;
    } else {
      char name[24];
      std::snprintf(name, sizeof name, "$%zu", i + 1);
      const int index = sqlite3_bind_parameter_index(stmt_, name);
      next_index_ = index > 0 ? index : static_cast<int>(i) + 1;
    }
    const auto& value = params[i].value();
    if (const auto* text = std::get_if<std::string>(&value)) {
      bind(*text);
    } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
      bind(*number);
    } else if (const auto* truth = std::get_if<bool>(&value)) {
      bind(std::int64_t{*truth ? 1 : 0});
    } else {
      bind_null();
    }
  }
  return *this;
}

Statement& Statement::bind_null() {
  int rc = sqlite3_bind_null(stmt_, next_index_++);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Result<bool> Statement::step() {
  sqlite3* db = sqlite3_db_handle(stmt_);
  if (bind_error_ != SQLITE_OK) return std::unexpected(sqlite_error(db, bind_error_));
  const auto deadline = std::chrono::steady_clock::now() + kLockPatience;
  // Inside a transaction, SQLite may answer a lock by rolling the whole transaction back;
  // retrying the statement then would carry on outside any transaction and half-land a write.
  const bool in_transaction = sqlite3_get_autocommit(db) == 0;
  for (int attempt = 0;; ++attempt) {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      produced_row_ = true;
      return true;
    }
    if (rc == SQLITE_DONE) return false;
    rc = sqlite3_extended_errcode(db);
    if (in_transaction && sqlite3_get_autocommit(db) != 0) {
      sqlite3_reset(stmt_);
      return std::unexpected(Error{std::string(kRolledBackCode),
                                   "the transaction was rolled back by a lock; run it again", {}});
    }
    // A shared-cache table lock is released when the other connection's transaction ends:
    // reset and try again, but only before any row went out (a restart would repeat rows).
    if (is_locked(rc) && retry_locked_ && !produced_row_ &&
        std::chrono::steady_clock::now() < deadline) {
      sqlite3_reset(stmt_);
      pause_briefly(attempt);
      continue;
    }
    Error error = sqlite_error(db, rc);
    sqlite3_reset(stmt_);
    return std::unexpected(std::move(error));
  }
}

Result<void> Statement::run() {
  for (;;) {
    bool row = VG_TRY(step());
    if (!row) return {};
  }
}

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!data) return {};
  return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<int> Statement::optional_int(int column) const {
  if (is_null(column)) return std::nullopt;
  return sqlite3_column_int(stmt_, column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

// --- Connection --------------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::open(const std::string& filename, bool writer,
                                                     bool retry_locked) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  if (writer) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(filename.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error error{"unavailable",
                std::string("Cannot open the SQLite database: ") +
                    (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)),
                {}};
    sqlite3_close(db);
    return std::unexpected(std::move(error));
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  std::unique_ptr<Connection> conn(new Connection(db, retry_locked));
  // Foreign keys on for every connection; the writer also asks for WAL (readers then never block
  // it) and synchronous=FULL: in WAL mode NORMAL can lose the last commits on power loss, and an
  // acknowledged write must survive.
  VG_CHECK(conn->exec("PRAGMA foreign_keys = ON"));
  if (writer) {
    VG_CHECK(conn->exec("PRAGMA journal_mode = WAL"));
    VG_CHECK(conn->exec("PRAGMA synchronous = FULL"));
    // Statement journals (each insert into several indexes inside a transaction keeps one, to
    // undo just that statement) in memory: on file, every referral stored wrote and read a
    // temporary file, which made bulk feeds half again slower.
    VG_CHECK(conn->exec("PRAGMA temp_store = MEMORY"));
    // Fresh planner statistics, sampled (a fifth of a second at a million cases): without them
    // SQLite cannot tell a small partial index (cases awaiting consent) from a large one, and
    // walked "my cases" to find the few possible duplicates among them. PRAGMA optimize (3.40)
    // only analyses tables this connection has queried, and readers may not write.
    VG_CHECK(conn->exec("PRAGMA analysis_limit = 1000"));
    VG_CHECK(conn->exec("ANALYZE"));
  } else {
    VG_CHECK(conn->exec("PRAGMA query_only = ON"));
    // Readers read pages through a memory map, not a pread each: in WAL mode every commit by
    // the writer empties the other connections' page caches, so under a steady stream of
    // referrals each read would otherwise fetch its pages again with system calls. Not the
    // writer: a bulk import touching the whole file would count all of it as its memory. As much
    // of the file as SQLite maps at most (2 GB): case pages read referrals from all over it.
    VG_CHECK(conn->exec("PRAGMA mmap_size = 2147418112"));
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared.stmt);
  sqlite3_close_v2(db_);
}

Result<Statement> Connection::prepare(const std::string& sql) {
  // Bounded: search builds its SQL from the filters given, a few hundred shapes at most.
  constexpr std::size_t kMaxCached = 512;
  auto found = statements_.find(sql);
  if (found != statements_.end()) {
    return Statement(found->second.stmt, retry_locked_, found->second.numbered_in_order);
  }
  if (statements_.size() >= kMaxCached) {
    for (auto& [text, prepared] : statements_) sqlite3_finalize(prepared.stmt);
    statements_.clear();
  }
  sqlite3_stmt* stmt = nullptr;
  const auto deadline = std::chrono::steady_clock::now() + kLockPatience;
  for (int attempt = 0;; ++attempt) {
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc == SQLITE_OK) break;
    rc = sqlite3_extended_errcode(db_);
    // Preparing reads the schema, which a shared-cache writer may hold locked for a moment.
    if (is_locked(rc) && retry_locked_ && std::chrono::steady_clock::now() < deadline) {
      pause_briefly(attempt);
      continue;
    }
    return std::unexpected(sqlite_error(db_, rc));
  }
  bool in_order = true;
  for (int k = 1, count = sqlite3_bind_parameter_count(stmt); k <= count && in_order; ++k) {
    const char* name = sqlite3_bind_parameter_name(stmt, k);
    in_order = name == nullptr || (name[0] == '$' && std::string_view(name + 1) == std::to_string(k));
  }
  statements_.emplace(sql, Prepared{stmt, in_order});
  return Statement(stmt, retry_locked_, in_order);
}

Result<std::int64_t> Connection::run(const std::string& sql, const SqlParams& params,
                                     const RowHandler& on_row) {
  auto stmt = VG_TRY(prepare(sql));
  stmt.bind_all(params);
  std::int64_t rows = 0;
  while (VG_TRY(stmt.step())) {
    ++rows;
    if (on_row) VG_CHECK(on_row(stmt));
  }
  return rows;
}

Result<void> Connection::exec(const std::string& sql) { return exec_with(sql, false); }

Result<void> Connection::exec_cached(const std::string& sql) { return exec_with(sql, true); }

Result<void> Connection::exec_with(const std::string& sql, bool cached) {
  sqlite3_stmt* stmt = nullptr;
  if (cached) {
    // Through prepare's cache; the Statement's own reset is harmless here.
    auto prepared = VG_TRY(prepare(sql));
    stmt = prepared.handle();
  }
  const auto deadline = std::chrono::steady_clock::now() + kLockPatience;
  for (int attempt = 0;; ++attempt) {
    int rc = SQLITE_OK;
    if (stmt) {
      rc = sqlite3_step(stmt);
      sqlite3_reset(stmt);
      if (rc == SQLITE_DONE || rc == SQLITE_ROW) rc = SQLITE_OK;
    } else {
      rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
    }
    if (rc == SQLITE_OK) return {};
    rc = sqlite3_extended_errcode(db_);
    if (is_locked(rc) && retry_locked_ && std::chrono::steady_clock::now() < deadline) {
      pause_briefly(attempt);
      continue;
    }
    return std::unexpected(sqlite_error(db_, rc));
  }
}

// --- Database ----------------------------------------------------------------------------------

Result<std::unique_ptr<Database>> Database::open(const std::string& filename, int readers,
                                                 std::shared_ptr<AuditChain> audit_chain) {
  auto writer = VG_TRY(Connection::open(filename, /*writer=*/true, /*retry_locked=*/true));
  writer->set_audit_chain(audit_chain.get());
  auto db = std::unique_ptr<Database>(
      new Database(filename, std::max(1, readers), std::move(writer)));
  db->audit_chain_ = std::move(audit_chain);
  return db;
}

Result<void> Database::with_writer(const std::function<Result<void>(Connection&)>& work) {
  std::unique_lock lock(writer_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) {
    {
      std::lock_guard pool(pool_mutex_);
      ++waits_total_;
    }
    lock.lock();
  }
  {
    std::lock_guard pool(pool_mutex_);
    writer_busy_ = true;
  }
  auto result = work(*writer_);
  {
    std::lock_guard pool(pool_mutex_);
    writer_busy_ = false;
  }
  return result;
}

Result<void> Database::write(const std::function<Result<void>(Connection&)>& work) {
  return with_writer([&](Connection& conn) -> Result<void> {
    const auto deadline = std::chrono::steady_clock::now() + kLockPatience;
    for (int attempt = 0;; ++attempt) {
      conn.pending_audit_head().reset();
      VG_CHECK(conn.exec_cached("BEGIN IMMEDIATE"));
      auto result = work(conn);
      if (result) result = conn.exec_cached("COMMIT");
      if (result) {
        // Once per commit, never per entry: the head moves only when the entries are durable.
        if (auto& head = conn.pending_audit_head(); head && audit_chain_) {
          audit_chain_->publish(*head);
        }
        conn.pending_audit_head().reset();
        return result;
      }
      conn.pending_audit_head().reset();
      // Nothing half-lands: whatever failed, the whole transaction goes.
      (void)conn.exec_cached("ROLLBACK");
      // A transaction SQLite rolled back to break a lock is run again from the start, whole.
      if (result.error().code != kRolledBackCode || std::chrono::steady_clock::now() >= deadline) {
        return result;
      }
      pause_briefly(attempt);
    }
  });
}

Result<Connection*> Database::acquire_reader() {
  std::unique_lock lock(pool_mutex_);
  auto can_proceed = [&] {
    return !idle_readers_.empty() || static_cast<int>(readers_.size()) < max_readers_;
  };
  if (!can_proceed()) {
    ++waits_total_;
    reader_free_.wait(lock, can_proceed);
  }
  if (!idle_readers_.empty()) {
    Connection* conn = idle_readers_.back();
    idle_readers_.pop_back();
    ++readers_in_use_;
    return conn;
  }
  // Room for another reader: open it outside the lock so others are not held up.
  readers_.push_back(nullptr);
  ++readers_in_use_;
  lock.unlock();
  auto opened = Connection::open(filename_, /*writer=*/false, /*retry_locked=*/false);
  lock.lock();
  if (!opened) {
    readers_.erase(std::find(readers_.begin(), readers_.end(), nullptr));
    --readers_in_use_;
    reader_free_.notify_one();
    return std::unexpected(std::move(opened.error()));
  }
  Connection* conn = opened->get();
  *std::find(readers_.begin(), readers_.end(), nullptr) = std::move(*opened);
  return conn;
}

void Database::release_reader(Connection* reader) {
  {
    std::lock_guard lock(pool_mutex_);
    idle_readers_.push_back(reader);
    --readers_in_use_;
  }
  reader_free_.notify_one();
}

Result<void> Database::read(const std::function<Result<void>(Connection&)>& work) {
  const auto deadline = std::chrono::steady_clock::now() + kLockPatience;
  for (int attempt = 0;; ++attempt) {
    Connection* conn = VG_TRY(acquire_reader());
    auto result = conn->exec_cached("BEGIN");
    if (result) {
      result = work(*conn);
      auto ended = conn->exec_cached(result ? "COMMIT" : "ROLLBACK");
      if (result && !ended) result = std::move(ended);
    }
    release_reader(conn);
    if (result || result.error().code != kLockedCode ||
        std::chrono::steady_clock::now() >= deadline) {
      if (!result && result.error().code == kLockedCode) {
        return fail("unavailable", "The database is busy; try again");
      }
      return result;
    }
    // Blocked by the writer's table lock (shared-cache memory database): the read let go of
    // every lock it held above, so start it again once the writer has moved on.
    pause_briefly(attempt);
  }
}

PoolStats Database::stats() const {
  std::lock_guard lock(pool_mutex_);
  PoolStats stats;
  stats.connections_open = 1 + static_cast<int>(readers_.size());
  stats.connections_in_use = readers_in_use_ + (writer_busy_ ? 1 : 0);
  stats.waits_total = waits_total_;
  return stats;
}

// --- audit -------------------------------------------------------------------------------------

Result<void> append_audit(Connection& conn, const accounts::AuditEntry& entry) {
  return append_audit_entries(conn, {entry});
}

Result<void> append_audit_entries(Connection& conn, const std::vector<accounts::AuditEntry>& entries) {
  if (entries.empty()) return {};
  AuditChainEnd end;
  {
    auto last = VG_TRY(conn.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (VG_TRY(last.step())) end = {last.int64(0), last.text(1)};
  }
  // No chain (a bare Database): today's unkeyed format, as before the anchor existed.
  static AuditChain unkeyed{AuditAnchor{}};
  AuditChain& chain = conn.audit_chain() ? *conn.audit_chain() : unkeyed;
  auto sealed = VG_TRY(chain.seal(end, entries));
  for (const auto& entry : sealed) {
    VG_CHECK(conn.run(
        "INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail, prev_hash, "
        "hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {entry.at, entry.actor, entry.action, entry.entity_type, entry.entity_id, entry.detail,
         entry.prev_hash, entry.hash}));
  }
  conn.pending_audit_head() = AuditHead{conn.last_insert_rowid(), sealed.back().hash};
  return {};
}

}  // namespace vg::store::sqlite
