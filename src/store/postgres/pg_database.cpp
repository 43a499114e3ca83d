#include "store/postgres/pg_database.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include "store/instant_text.h"

namespace vg::store::postgres {

namespace {

// pg_advisory_xact_lock key for the audit chain ("vgaudit" in ASCII, as a number).
constexpr const char* kAuditLockKey = "8386676390144372";

void ignore_notice(void*, const char*) {}

}  // namespace

// --- Rows --------------------------------------------------------------------------------------

std::string Rows::text(int row, int column) const {
  if (PQgetisnull(result_, row, column)) return {};
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t Rows::int64(int row, int column) const {
  const char* value = PQgetvalue(result_, row, column);
  std::int64_t out = 0;
  std::from_chars(value, value + std::strlen(value), out);
  return out;
}

std::optional<int> Rows::optional_int(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return static_cast<int>(int64(row, column));
}

// --- Connection --------------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url, int connect_seconds) {
  // Defaults first: a value the URL sets itself wins (libpq applies later keywords over earlier).
  // Statements are prepared once per connection, and PostgreSQL would otherwise settle on one
  // generic plan per statement after a few runs, costed on the table as it was then. Started on
  // a new, near-empty database, the duplicate check over a group's crime references kept a plan
  // that scans the whole referrals table, so every group got slower as referrals arrived (2,000
  // creates/s and falling within seconds). Planned for each run, it uses the index at any size;
  // planning our statements costs far less than one such scan.
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "options", "dbname",
                            "client_encoding", nullptr};
  const std::string connect_timeout = std::to_string(std::max(2, connect_seconds));
  const char* values[] = {connect_timeout.c_str(), "victim-gateway",
                          "-c plan_cache_mode=force_custom_plan", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!conn) return fail("unavailable", "Cannot reach PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    PQfinish(conn);
    return fail("unavailable", "Cannot reach PostgreSQL: " + message);
  }
  // Server notices (e.g. "query contains only stop words") are not errors; keep them off stderr.
  PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() { PQfinish(conn_); }

PGresult* Connection::answer(bool sent) {
  if (!sent) return nullptr;
  const bool limited = time_limit_.count() > 0;
  const auto deadline = std::chrono::steady_clock::now() + time_limit_;
  PGresult* kept = nullptr;
  for (;;) {
    while (PQisBusy(conn_)) {
      int wait_ms = -1;
      if (limited) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        wait_ms = static_cast<int>(std::max<std::int64_t>(0, left.count()));
      }
      pollfd fd{PQsocket(conn_), POLLIN, 0};
      const int ready = fd.fd < 0 ? -1 : ::poll(&fd, 1, wait_ms);
      if (ready == 0) {
        // No answer in time: the server is frozen or unreachable. Give the connection up (the
        // pool drops it) rather than wait on; what it was doing is for the server to finish.
        timed_out_ = true;
        PQclear(kept);
        return nullptr;
      }
      if ((ready < 0 && errno != EINTR) || (ready > 0 && !PQconsumeInput(conn_))) {
        return kept;  // the link broke; broken() and PQerrorMessage say so
      }
    }
    PGresult* next = PQgetResult(conn_);
    if (!next) return kept;
    // PQexec's rule: the last result, unless one failed, which is then kept.
    const auto status = PQresultStatus(next);
    const bool kept_failed = kept && PQresultStatus(kept) == PGRES_FATAL_ERROR;
    if (kept_failed && status != PGRES_FATAL_ERROR) {
      PQclear(next);
    } else {
      PQclear(kept);
      kept = next;
    }
  }
}

Error Connection::error_from(const PGresult* result) const {
  if (timed_out_) {
    return Error{"unavailable", "PostgreSQL did not answer in time; try again", {}};
  }
  if (broken()) {
    return Error{"unavailable", "The connection to PostgreSQL was lost; try again", {}};
  }
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  // The primary message only: DETAIL can quote row values, which may be personal data.
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = primary ? primary : PQerrorMessage(conn_);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (sqlstate == "23505") {
    return Error{"conflict", "A record with the same key already exists (" + message + ")", {}};
  }
  if (sqlstate == "22021") {
    return Error{"validation_failed", "Text must be valid UTF-8", {}};
  }
  if (sqlstate == "23503") {
    return Error{"validation_failed", "A referenced record does not exist (" + message + ")", {}};
  }
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate.starts_with("08") ||
      sqlstate == "57P01") {
    return Error{"unavailable", "The database could not complete the request; try again (" +
                                    message + ")",
                 {}};
  }
  return Error{"internal", "Database error " + sqlstate + ": " + message, {}};
}

Result<Rows> Connection::query(const std::string& sql, const Params& params) {
  // Bounded: search builds its SQL from the filters given, a few hundred shapes at most.
  constexpr std::size_t kMaxPrepared = 512;
  // Lengths are only needed for binary parameters; text parameters end at their NUL. A NUL
  // inside a value cannot be sent as text, so such a value is refused rather than cut short.
  for (const auto& p : params) {
    if (p && p->find('\0') != std::string::npos) {
      return validation_failed({{"", "invalid", "Text must not contain NUL characters"}});
    }
  }
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    if (prepared_.size() >= kMaxPrepared) {
      VG_CHECK(exec("DEALLOCATE ALL"));
      prepared_.clear();
    }
    std::string name = "vg_" + std::to_string(next_statement_++);
    PGresult* prepared = answer(PQsendPrepare(conn_, name.c_str(), sql.c_str(),
                                              static_cast<int>(params.size()), nullptr) == 1);
    Rows holder(prepared);
    if (!prepared || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
      return std::unexpected(error_from(prepared));
    }
    found = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* result =
      answer(PQsendQueryPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()),
                                 values.data(), nullptr, nullptr, 0) == 1);
  Rows rows(result);
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    return std::unexpected(error_from(result));
  }
  return rows;
}

Result<std::int64_t> Connection::run(const std::string& sql, const SqlParams& params,
                                     const RowHandler& on_row) {
  Params text;
  text.reserve(params.size());
  for (const auto& param : params) {
    const auto& value = param.value();
    if (const auto* s = std::get_if<std::string>(&value)) {
      text.emplace_back(*s);
    } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
      text.emplace_back(std::to_string(*number));
    } else if (const auto* truth = std::get_if<bool>(&value)) {
      text.emplace_back(*truth ? "true" : "false");
    } else {
      text.emplace_back(std::nullopt);
    }
  }
  auto rows = VG_TRY(query(sql, text));
  if (on_row) {
    for (int r = 0; r < rows.size(); ++r) VG_CHECK(on_row(rows.row(r)));
  }
  return rows.size();
}

Result<void> Connection::exec(const std::string& sql) {
  PGresult* result = answer(PQsendQuery(conn_, sql.c_str()) == 1);
  Rows holder(result);
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    return std::unexpected(error_from(result));
  }
  return {};
}

// --- Pool --------------------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Pool::acquire() {
  std::unique_lock lock(mutex_);
  auto can_proceed = [&] { return !idle_.empty() || open_ < max_; };
  if (!can_proceed()) {
    ++waits_total_;
    if (time_limit_.count() == 0) {
      freed_.wait(lock, can_proceed);
    } else if (!freed_.wait_for(lock, time_limit_, can_proceed)) {
      // Every connection is held by a statement still within its limit: as unavailable as a
      // frozen server, to the caller.
      return fail("unavailable", "Every database connection is busy; try again");
    }
  }
  const auto limit = time_limit_;
  if (idle_.empty() && std::chrono::steady_clock::now() < unresponsive_until_) {
    return fail("unavailable", "PostgreSQL is not answering; try again");
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    ++in_use_;
    conn->limit_statement_time(limit);
    return conn;
  }
  // Lazily open another connection, outside the lock so others are not held up.
  ++open_;
  ++in_use_;
  lock.unlock();
  // Connecting to a frozen server waits too: no longer than a statement may.
  const auto limit_seconds = std::chrono::ceil<std::chrono::seconds>(limit).count();
  auto opened = Connection::open(url_, limit_seconds > 0 ? std::min<int>(10, limit_seconds) : 10);
  if (!opened) {
    lock.lock();
    --open_;
    --in_use_;
    lock.unlock();
    freed_.notify_one();
    return opened;
  }
  (*opened)->limit_statement_time(limit);
  return opened;
}

void Pool::limit_statement_time(std::chrono::milliseconds limit) {
  std::lock_guard lock(mutex_);
  time_limit_ = limit;
}

std::chrono::milliseconds Pool::statement_time_limit() const {
  std::lock_guard lock(mutex_);
  return time_limit_;
}

void Pool::release(std::unique_ptr<Connection> conn) {
  // A transaction left open would leak into the next caller's work: end it, or drop the link.
  if (!conn->broken() && !conn->idle()) (void)conn->exec("ROLLBACK");
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    if (conn->broken() || !conn->idle()) {
      // Dropped: the next caller opens a fresh one in its place, or, when the server let a
      // statement go unanswered, not before one more time limit has passed.
      --open_;
      if (conn->timed_out()) unresponsive_until_ = std::chrono::steady_clock::now() + time_limit_;
      if (conn->broken()) {
        // One dead link usually means the server restarted: the idle ones are dead too.
        open_ -= static_cast<int>(idle_.size());
        idle_.clear();
      }
    } else {
      idle_.push_back(std::move(conn));
    }
  }
  freed_.notify_one();
}

Result<void> Pool::run(const std::function<Result<void>(Connection&, bool&)>& work) {
  for (int attempt = 0;; ++attempt) {
    auto conn = VG_TRY(acquire());
    bool retryable = true;
    auto result = work(*conn, retryable);
    const bool broken = conn->broken();
    // A statement that timed out is not run again: the server that froze is still frozen.
    const bool timed_out = conn->timed_out();
    release(std::move(conn));
    if (result || !broken || timed_out || !retryable || attempt > 0) return result;
  }
}

Result<void> Pool::with_connection(const std::function<Result<void>(Connection&)>& work) {
  // Callers pass single statements that are safe to repeat (reads, touch, purge).
  return run([&](Connection& conn, bool&) { return work(conn); });
}

Result<void> Pool::write(const std::function<Result<void>(Connection&)>& work) {
  return run([&](Connection& conn, bool& retryable) -> Result<void> {
    VG_CHECK(conn.exec("BEGIN"));
    // From here a lost connection leaves the outcome unknown (it may have committed): the
    // caller hears of the failure rather than the write being repeated.
    retryable = false;
    conn.set_audit_chain(audit_chain_.get());
    conn.pending_audit_head().reset();
    auto result = work(conn);
    if (result) result = conn.exec("COMMIT");
    // Nothing half-lands: whatever failed, the whole transaction goes.
    if (!result) (void)conn.exec("ROLLBACK");
    // Once per commit, never per entry: the head moves only when the entries are durable.
    if (auto& head = conn.pending_audit_head(); result && head && audit_chain_) {
      audit_chain_->publish(*head);
    }
    conn.pending_audit_head().reset();
    return result;
  });
}

Result<void> Pool::read(const std::function<Result<void>(Connection&)>& work) {
  return run([&](Connection& conn, bool&) -> Result<void> {
    VG_CHECK(conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    auto result = work(conn);
    auto ended = conn.exec(result ? "COMMIT" : "ROLLBACK");
    if (result && !ended) return ended;
    return result;
  });
}

PoolStats Pool::stats() const {
  std::lock_guard lock(mutex_);
  return PoolStats{open_, in_use_, waits_total_};
}

Params text_array_params(const std::vector<std::vector<std::string>>& columns) {
  Params params;
  params.reserve(columns.size());
  for (const auto& column : columns) params.emplace_back(text_array(column));
  return params;
}

// --- audit -------------------------------------------------------------------------------------

Result<void> append_audit(Connection& conn, const accounts::AuditEntry& entry) {
  return append_audit_entries(conn, {entry});
}

Result<void> append_audit_entries(Connection& conn, const std::vector<accounts::AuditEntry>& entries) {
  if (entries.empty()) return {};
  VG_CHECK(conn.query(std::string("SELECT pg_advisory_xact_lock(") + kAuditLockKey + ")"));
  auto last = VG_TRY(conn.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
  AuditChainEnd end;
  if (last.size() > 0) end = {last.int64(0, 0), last.text(0, 1)};
  // No chain (outside Pool::write): today's unkeyed format, as before the anchor existed.
  static AuditChain unkeyed{AuditAnchor{}};
  AuditChain& chain = conn.audit_chain() ? *conn.audit_chain() : unkeyed;
  auto sealed = VG_TRY(chain.seal(end, entries));
  std::vector<std::vector<std::string>> columns(8);
  for (auto& entry : sealed) {
    columns[0].push_back(format_instant(entry.at));
    columns[1].push_back(std::move(entry.actor));
    columns[2].push_back(std::move(entry.action));
    columns[3].push_back(std::move(entry.entity_type));
    columns[4].push_back(std::move(entry.entity_id));
    columns[5].push_back(std::move(entry.detail));
    columns[6].push_back(std::move(entry.prev_hash));
    columns[7].push_back(entry.hash);
  }
  // Rows are numbered in the order given, so the sequence follows the chain; the highest seq
  // returned is the new end (identity values may skip after a rollback, so it is not a count).
  auto inserted = VG_TRY(conn.query(
      "INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail, prev_hash, hash) "
      "SELECT c1, c2, c3, c4, c5, c6, c7, c8 FROM unnest($1::text[], $2::text[], $3::text[], "
      "$4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY "
      "AS t(c1, c2, c3, c4, c5, c6, c7, c8, n) ORDER BY n RETURNING seq",
      text_array_params(columns)));
  std::int64_t last_seq = 0;
  for (int r = 0; r < inserted.size(); ++r) last_seq = std::max(last_seq, inserted.int64(r, 0));
  conn.pending_audit_head() = AuditHead{last_seq, sealed.back().hash};
  return {};
}

}  // namespace vg::store::postgres
