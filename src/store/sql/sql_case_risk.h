// Risk assessments and tasks on cases over either backend: the rows a unit of work writes
// (SqlRiskAssessmentRows, SqlCaseTaskRows, on the unit's connection) and the CaseRiskRepository's
// reads (SqlCaseRisk). One definition of every statement for SQLite and PostgreSQL.
// Store-internal; the answers and reasons these rows hold are never logged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/casework/case_risk_assessment.h"
#include "domain/casework/case_task.h"
#include "domain/result.h"
#include "store/sql/sealed_fields.h"
#include "store/sql/sql_query.h"
#include "store/store.h"
#include "store/unit_of_work.h"

namespace vg::store {

inline constexpr const char* kRiskAssessmentColumns =
    "id, case_id, assessed_by, assessed_at, dash_answers, sdash_answers, police_callouts, "
    "last_marac_referral, judgement, judgement_reason, child_at_risk, dash_score, sdash_score, "
    "score_level, level, marac_reasons, marac_reason_texts, dash_key_id, sdash_key_id, judgement_key_id";
// Prefixed "t.": task reads join the case for its reference (the last column).
inline constexpr const char* kCaseTaskColumns =
    "t.id, t.case_id, t.kind, t.reason_code, t.title, t.detail, t.due_date, t.assigned_to, "
    "t.created_by, t.created_at, t.done_at, t.done_by, t.dismissed_at, t.dismissed_by, "
    "t.dismissal_reason, t.version, c.reference";

// The DASH and S-DASH answers (migration 0047) and the judgement's reason (0049) are stored
// sealed with `fields`.
Result<casework::CaseRiskAssessment> risk_assessment_from_row(const SqlRow& row, const SealedFields& fields);
SqlParams risk_assessment_values(const casework::CaseRiskAssessment& a, const SealedFields& fields);
Result<casework::CaseTask> case_task_from_row(const SqlRow& row);
SqlParams case_task_values(const casework::CaseTask& t);  // the 16 stored columns, in order

namespace case_risk_sql {

inline std::string tasks_from(const std::string& where) {
  return select_from(kCaseTaskColumns,
                     "case_tasks t JOIN cases c ON c.id = t.case_id WHERE " + where);
}

template <typename Connection>
Result<std::vector<casework::CaseTask>> tasks_for_case(Connection& conn,
                                                       const std::string& case_id) {
  return rows_of<casework::CaseTask>(conn, tasks_from("t.case_id = $1 ORDER BY t.created_at, t.id"),
                                     {case_id}, case_task_from_row);
}

}  // namespace case_risk_sql

template <typename Connection>
class SqlRiskAssessmentRows final : public RiskAssessmentRows {
 public:
  SqlRiskAssessmentRows(Connection& conn, const SealedFields& fields) : conn_(conn), fields_(fields) {}

  Result<void> insert(const casework::CaseRiskAssessment& a) override {
    VG_CHECK(conn_.run(std::string("INSERT INTO case_risk_assessments (") + kRiskAssessmentColumns +
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                           "$15, $16, $17, $18, $19, $20)",
                       risk_assessment_values(a, fields_)));
    return {};
  }

 private:
  Connection& conn_;
  const SealedFields& fields_;
};

template <typename Connection>
class SqlCaseTaskRows final : public CaseTaskRows {
 public:
  explicit SqlCaseTaskRows(Connection& conn) : conn_(conn) {}

  Result<void> insert(const std::vector<casework::CaseTask>& tasks) override {
    const std::string sql =
        "INSERT INTO case_tasks (id, case_id, kind, reason_code, title, detail, due_date, "
        "assigned_to, created_by, created_at, done_at, done_by, dismissed_at, dismissed_by, "
        "dismissal_reason, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
        "$13, $14, $15, $16)";
    for (const auto& t : tasks) VG_CHECK(conn_.run(sql, case_task_values(t)));
    return {};
  }

  Result<std::optional<casework::CaseTask>> find(const std::string& id) override {
    return first_of<casework::CaseTask>(conn_, case_risk_sql::tasks_from("t.id = $1"), {id},
                                        case_task_from_row);
  }

  Result<std::vector<casework::CaseTask>> for_case(const std::string& case_id) override {
    return case_risk_sql::tasks_for_case(conn_, case_id);
  }

  Result<void> update(const casework::CaseTask& t, std::int64_t expected_version) override {
    const SqlParams values = case_task_values(t);
    auto changed = VG_TRY(conn_.run(
        "UPDATE case_tasks SET due_date = $1, assigned_to = $2, done_at = $3, done_by = $4, "
        "dismissed_at = $5, dismissed_by = $6, dismissal_reason = $7, version = $8 "
        "WHERE id = $9 AND version = $10 RETURNING id",
        {values[6], t.assigned_to, t.done_at, t.done_by, t.dismissed_at, t.dismissed_by,
         t.dismissal_reason, expected_version + 1, t.id, expected_version}));
    if (changed == 0)
      return fail("conflict", "The task was changed by someone else since it was read");
    return {};
  }

 private:
  Connection& conn_;
};

// CaseRiskRepository over either backend's database.
template <typename Db>
class SqlCaseRisk final : public CaseRiskRepository {
 public:
  SqlCaseRisk(Db& db, const SealedFields& fields) : db_(db), fields_(fields) {}

  Result<std::vector<casework::CaseRiskAssessment>> assessments(const std::string& case_id,
                                                                int limit) override {
    SqlParams params{case_id};
    const std::string sql =
        select_from(kRiskAssessmentColumns, "case_risk_assessments WHERE case_id = $1") +
        " ORDER BY assessed_at DESC, id DESC LIMIT " + add_param(params, std::max(1, limit));
    return read_rows<casework::CaseRiskAssessment>(
        db_, sql, params, [this](const SqlRow& row) { return risk_assessment_from_row(row, fields_); });
  }

  Result<std::vector<casework::CaseTask>> tasks(const std::string& case_id) override {
    return read_on<std::vector<casework::CaseTask>>(
        db_, [&](auto& conn) { return case_risk_sql::tasks_for_case(conn, case_id); });
  }

  Result<std::vector<casework::CaseTask>> open_tasks_of(const std::string& user_id,
                                                        int limit) override {
    SqlParams params{user_id};
    const std::string sql =
        case_risk_sql::tasks_from(
            "t.assigned_to = $1 AND t.done_at IS NULL AND t.dismissed_at IS NULL") +
        " ORDER BY t.due_date, t.created_at, t.id LIMIT " + add_param(params, std::max(1, limit));
    return read_rows<casework::CaseTask>(db_, sql, params, case_task_from_row);
  }

 private:
  Db& db_;
  const SealedFields& fields_;
};

}  // namespace vg::store
