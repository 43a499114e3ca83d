// Merges and "not the same person" decisions over either backend, on a unit of work's connection
// (SqlCaseMergeRows): one definition of every statement for SQLite and PostgreSQL. Store-internal;
// never deletes a row (an undone merge is stamped, so every merge stays in the record).
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

namespace merge_sql {

inline constexpr const char* kMergeColumns =
    "id, surviving_case_id, merged_case_id, merged_by, merged_at, merged_status_before, "
    "merged_flag_before, surviving_flag_before, undone_at, undone_by";
inline constexpr const char* kDecisionColumns = "case_id, other_case_id, reason, decided_by, decided_at";

inline Result<casework::CaseMergeRecord> merge_from_row(const SqlRow& row) {
  casework::CaseMergeRecord m;
  m.id = row.text(0);
  m.surviving_case_id = row.text(1);
  m.merged_case_id = row.text(2);
  m.merged_by = row.text(3);
  m.merged_at = VG_TRY(instant_column(row, 4));
  auto status = casework::case_status_from_code(row.text(5));
  if (!status) return fail("internal", "A stored merge holds an unknown case status");
  m.merged_status_before = *status;
  m.merged_flag_before = row.int64(6) != 0;
  m.surviving_flag_before = row.int64(7) != 0;
  if (!row.is_null(8)) m.undone_at = VG_TRY(instant_column(row, 8));
  m.undone_by = row.text(9);
  return m;
}

inline Result<casework::DuplicateDecision> decision_from_row(const SqlRow& row) {
  casework::DuplicateDecision d;
  d.case_id = row.text(0);
  d.other_case_id = row.text(1);
  d.reason = row.text(2);
  d.decided_by = row.text(3);
  d.decided_at = VG_TRY(instant_column(row, 4));
  return d;
}

}  // namespace merge_sql

template <typename Connection>
class SqlCaseMergeRows final : public CaseMergeRows {
 public:
  explicit SqlCaseMergeRows(Connection& conn) : conn_(conn) {}

  Result<std::vector<std::string>> linked_cases(const std::string& case_id) override {
    // Only links whose case exists (a referral always opens one; this keeps the answer to cases).
    return rows_of<std::string>(
        conn_,
        "SELECT c.id FROM cases c WHERE c.id IN ("
        "SELECT possible_duplicate_of FROM referrals WHERE id = $1 AND possible_duplicate_of <> '' "
        "UNION SELECT id FROM referrals WHERE possible_duplicate_of = $1) AND c.id <> $1 "
        "ORDER BY c.opened_at, c.id",
        {case_id}, [](const SqlRow& row) -> Result<std::string> { return row.text(0); });
  }

  Result<void> insert(const casework::CaseMergeRecord& m) override {
    VG_CHECK(conn_.run(std::string("INSERT INTO case_merges (") + merge_sql::kMergeColumns +
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                       {m.id, m.surviving_case_id, m.merged_case_id, m.merged_by, m.merged_at,
                        casework::to_code(m.merged_status_before), m.merged_flag_before ? 1 : 0,
                        m.surviving_flag_before ? 1 : 0, m.undone_at, m.undone_by}));
    return {};
  }

  Result<std::optional<casework::CaseMergeRecord>> find(const std::string& id) override {
    return first_of<casework::CaseMergeRecord>(
        conn_, select_from(merge_sql::kMergeColumns, "case_merges WHERE id = $1"), {id}, merge_sql::merge_from_row);
  }

  Result<std::optional<casework::CaseMergeRecord>> in_force_of(const std::string& merged_case_id) override {
    return first_of<casework::CaseMergeRecord>(
        conn_, select_from(merge_sql::kMergeColumns, "case_merges WHERE merged_case_id = $1 AND undone_at IS NULL"),
        {merged_case_id}, merge_sql::merge_from_row);
  }

  Result<std::vector<casework::CaseMergeRecord>> merged_into(const std::string& surviving_case_id) override {
    return rows_of<casework::CaseMergeRecord>(
        conn_,
        select_from(merge_sql::kMergeColumns,
                    "case_merges WHERE surviving_case_id = $1 AND undone_at IS NULL ORDER BY merged_at, id"),
        {surviving_case_id}, merge_sql::merge_from_row);
  }

  Result<void> mark_undone(const std::string& merge_id, accounts::Instant at, const std::string& by) override {
    const auto changed = VG_TRY(conn_.run(
        "UPDATE case_merges SET undone_at = $2, undone_by = $3 WHERE id = $1 AND undone_at IS NULL RETURNING id",
        {merge_id, at, by}));
    if (changed == 0) return fail("conflict", "This merge has been undone already");
    return {};
  }

  Result<void> insert_decision(const casework::DuplicateDecision& d) override {
    const auto added = VG_TRY(conn_.run(
        std::string("INSERT INTO case_duplicate_decisions (") + merge_sql::kDecisionColumns +
            ") VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id, other_case_id) DO NOTHING RETURNING case_id",
        {d.case_id, d.other_case_id, d.reason, d.decided_by, d.decided_at}));
    if (added == 0) return fail("conflict", "These cases were decided already");
    return {};
  }

  Result<std::vector<casework::DuplicateDecision>> decisions(const std::string& case_id) override {
    return rows_of<casework::DuplicateDecision>(
        conn_,
        select_from(merge_sql::kDecisionColumns,
                    "case_duplicate_decisions WHERE case_id = $1 OR other_case_id = $1 ORDER BY decided_at, case_id, other_case_id"),
        {case_id}, merge_sql::decision_from_row);
  }

  Result<void> set_possible_duplicate(const std::string& case_id, bool flag) override {
    VG_CHECK(conn_.run("UPDATE cases SET possible_duplicate = $2 WHERE id = $1", {case_id, flag ? 1 : 0}));
    return {};
  }

 private:
  Connection& conn_;
};

// CaseMergeRepository over either backend's database: the rows' reads, each on a read of its own.
template <typename Db>
class SqlCaseMerges final : public CaseMergeRepository {
 public:
  explicit SqlCaseMerges(Db& db) : db_(db) {}

  Result<std::optional<casework::CaseMergeRecord>> in_force_of(const std::string& merged_case_id) override {
    return read_on<std::optional<casework::CaseMergeRecord>>(db_, [&](auto& conn) {
      return SqlCaseMergeRows<std::remove_reference_t<decltype(conn)>>(conn).in_force_of(merged_case_id);
    });
  }
  Result<std::vector<casework::CaseMergeRecord>> merged_into(const std::string& surviving_case_id) override {
    return read_on<std::vector<casework::CaseMergeRecord>>(db_, [&](auto& conn) {
      return SqlCaseMergeRows<std::remove_reference_t<decltype(conn)>>(conn).merged_into(surviving_case_id);
    });
  }

 private:
  Db& db_;
};

}  // namespace vg::store
