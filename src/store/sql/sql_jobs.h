// JobQueue and a unit of work's JobRows over either backend: one statement text for both, the
// claim's row locking from the dialect. Store-internal; instantiated by <backend>_store.cpp and
// sql_unit_of_work.h.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "store/input_checks.h"
#include "store/job_records.h"
#include "store/sql/sql_dialect.h"
#include "store/sql/sql_query.h"
#include "store/store.h"
#include "store/unit_of_work.h"

namespace vg::store {

inline constexpr const char* kJobColumns =
    "id, kind, payload, dedupe_key, status, attempts, max_attempts, run_after, last_error, "
    "created_at, updated_at";

inline Result<JobStatus> job_status_of(const std::string& code) {
  for (auto status : {JobStatus::kQueued, JobStatus::kRunning, JobStatus::kDone, JobStatus::kDead}) {
    if (to_code(status) == code) return status;
  }
  return vg::fail("internal", "A stored job has an unknown status");
}

inline Result<JobRecord> job_from_row(const SqlRow& row) {
  JobRecord job;
  job.id = row.text(0);
  job.kind = row.text(1);
  job.payload = row.text(2);
  job.dedupe_key = row.text(3);
  job.status = VG_TRY(job_status_of(row.text(4)));
  job.attempts = static_cast<int>(row.int64(5));
  job.max_attempts = static_cast<int>(row.int64(6));
  job.run_after = VG_TRY(instant_column(row, 7));
  job.last_error = row.text(8);
  job.created_at = VG_TRY(instant_column(row, 9));
  job.updated_at = VG_TRY(instant_column(row, 10));
  return job;
}

// On one connection inside the caller's transaction (both backends' run() take $n placeholders).
template <typename Connection>
class SqlJobRows final : public JobRows {
 public:
  explicit SqlJobRows(Connection& conn) : conn_(conn) {}

  // A taken dedupe key is not an error: ON CONFLICT keeps the transaction usable on PostgreSQL
  // (a failed insert would abort it), and the caller's other writes still land.
  Result<Enqueued> enqueue(const JobRequest& job) override {
    if (job.id.empty() || job.kind.empty()) {
      return vg::fail("validation_failed", "A job needs an id and a kind");
    }
    if (job.max_attempts < 1) return vg::fail("validation_failed", "A job needs at least one attempt");
    const std::optional<std::string> dedupe =
        job.dedupe_key.empty() ? std::nullopt : std::optional(job.dedupe_key);
    const auto inserted = VG_TRY(conn_.run(
        "INSERT INTO jobs (id, kind, payload, dedupe_key, status, attempts, max_attempts, "
        "run_after, last_error, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6, '', $7, $7) "
        "ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1",
        {job.id, job.kind, job.payload, dedupe, job.max_attempts, job.run_after, job.created_at}));
    return inserted > 0 ? Enqueued::kQueued : Enqueued::kAlreadyQueued;
  }

  Result<void> complete(const ClaimedJob& job, Instant at) override {
    const auto done = VG_TRY(conn_.run(
        "UPDATE jobs SET status = 'done', lease_token = NULL, lease_until = NULL, "
        "last_error = '', updated_at = $3 "
        "WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING 1",
        {job.id, job.lease_token, at}));
    if (done == 0) return lease_lost();
    return {};
  }

  Result<JobStatus> fail(const ClaimedJob& job, const JobFailure& failure, Instant at) override {
    std::optional<std::string> status;
    VG_CHECK(conn_.run(
        "UPDATE jobs SET status = CASE WHEN $3 = 1 OR attempts >= max_attempts THEN 'dead' "
        "ELSE 'queued' END, run_after = $4, last_error = $5, lease_token = NULL, "
        "lease_until = NULL, updated_at = $6 "
        "WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING status",
        {job.id, job.lease_token, failure.permanent ? 1 : 0, failure.retry_at,
         failure.error.substr(0, 500), at},
        [&](const SqlRow& row) -> Result<void> {
          status = row.text(0);
          return {};
        }));
    if (!status) return lease_lost();
    return job_status_of(*status);
  }

 private:
  static std::unexpected<Error> lease_lost() {
    return vg::fail("conflict", "The job is no longer held by this runner (its lease ran out)");
  }

  Connection& conn_;
};

template <typename Db>
class SqlJobs final : public JobQueue {
 public:
  explicit SqlJobs(Db& db) : db_(db) {}

  Result<Enqueued> enqueue(const JobRequest& job) override {
    return with_rows([&](JobRows& rows) { return rows.enqueue(job); });
  }

  // The pick and the update are one statement in one transaction: on PostgreSQL the picked rows
  // stay locked until it commits, and a claimer running at the same time skips them (and, once
  // this one commits, no longer sees them as queued).
  Result<std::vector<ClaimedJob>> claim(int max, Instant now, Instant lease_until,
                                        const std::string& lease_token) override {
    if (max < 1) return std::vector<ClaimedJob>{};
    if (lease_token.empty()) return vg::fail("validation_failed", "A claim needs a lease token");
    // Keyed by (run_after, id): RETURNING answers in no set order, and jobs go out oldest first.
    std::vector<std::pair<std::string, ClaimedJob>> picked;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      picked.clear();
      VG_CHECK(conn.run(
          std::string("WITH picked AS MATERIALIZED (SELECT id FROM jobs WHERE status = 'queued' "
                      "AND run_after <= $3 ORDER BY run_after, id LIMIT $4") +
              lock_skipping_locked(Db::kDialect) +
              ") UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_token = $1, "
              "lease_until = $2, updated_at = $3 "
              "WHERE id IN (SELECT id FROM picked) AND status = 'queued' "
              "RETURNING id, kind, payload, attempts, max_attempts, run_after",
          {lease_token, lease_until, now, max},
          [&](const SqlRow& row) -> Result<void> {
            ClaimedJob job;
            job.id = row.text(0);
            job.kind = row.text(1);
            job.payload = row.text(2);
            job.attempts = static_cast<int>(row.int64(3));
            job.max_attempts = static_cast<int>(row.int64(4));
            job.lease_token = lease_token;
            job.lease_until = lease_until;
            picked.emplace_back(row.text(5) + '|' + job.id, std::move(job));
            return {};
          }));
      return {};
    }));
    std::sort(picked.begin(), picked.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ClaimedJob> claimed;
    for (auto& [key, job] : picked) claimed.push_back(std::move(job));
    return claimed;
  }

  Result<void> complete(const ClaimedJob& job, Instant at) override {
    return with_rows([&](JobRows& rows) { return rows.complete(job, at); });
  }

  Result<JobStatus> fail(const ClaimedJob& job, const JobFailure& failure, Instant at) override {
    return with_rows([&](JobRows& rows) { return rows.fail(job, failure, at); });
  }

  Result<std::int64_t> reclaim_expired(Instant now) override {
    return write_statement(
        db_,
        "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' "
        "END, last_error = 'lease_expired', run_after = $1, lease_token = NULL, "
        "lease_until = NULL, updated_at = $1 "
        "WHERE status = 'running' AND lease_until < $1 RETURNING 1",
        {now});
  }

  Result<PageOf<JobRecord>> list_dead(const PageRequest& page) override {
    const auto offset = VG_TRY(check_page(page.page, page.per_page));
    PageOf<JobRecord> out;
    VG_CHECK(db_.read([&](auto& conn) -> Result<void> {
      out.total_items = VG_TRY(first_of<std::int64_t>(
                                   conn, "SELECT COUNT(*) FROM jobs WHERE status = 'dead'", {},
                                   int64_of))
                            .value_or(0);
      out.items = VG_TRY(rows_of<JobRecord>(
          conn,
          select_from(kJobColumns,
                      "jobs WHERE status = 'dead' ORDER BY updated_at DESC, id LIMIT $1 "
                      "OFFSET $2"),
          {page.per_page, offset}, job_from_row));
      return {};
    }));
    return out;
  }

  Result<void> retry_dead(const std::string& id, Instant at, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      const auto queued = VG_TRY(
          conn.run("UPDATE jobs SET status = 'queued', attempts = 0, run_after = $2, "
                   "updated_at = $2 WHERE id = $1 AND status = 'dead' RETURNING 1",
                   {id, at}));
      if (queued == 0) return vg::fail("not_found", "There is no failed job with this id");
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<JobRecord>> find(const std::string& id) override {
    return read_first<JobRecord>(db_, select_from(kJobColumns, "jobs WHERE id = $1"), {id},
                                 job_from_row);
  }

 private:
  template <typename Work>
  auto with_rows(Work&& work) -> decltype(work(std::declval<JobRows&>())) {
    decltype(work(std::declval<JobRows&>())) result;
    auto written = db_.write([&](auto& conn) -> Result<void> {
      SqlJobRows<std::remove_reference_t<decltype(conn)>> rows(conn);
      result = work(rows);
      if (!result) return std::unexpected(result.error());
      return {};
    });
    if (!written) return std::unexpected(std::move(written.error()));
    return result;
  }

  Db& db_;
};

}  // namespace vg::store
