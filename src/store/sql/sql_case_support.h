// A case's support rows over either backend (CaseSupportRows, on a unit of work's connection):
// needs assessments, plan actions, notes, complaints, restorative justice, closures and drafts.
// One definition of every statement for SQLite and PostgreSQL. Store-internal. Sealed text is
// stored as it comes; ratings and outcomes as small JSON objects of codes.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/casework/support_records.h"
#include "domain/result.h"
#include "domain/text/iso_date.h"
#include "store/sql/sql_query.h"
#include "store/unit_of_work.h"

namespace vg::store {

namespace support_sql {

inline std::string codes_json(const std::map<std::string, std::string>& codes) {
  boost::json::object o;
  for (const auto& [k, v] : codes) o[k] = v;
  return boost::json::serialize(o);
}

inline Result<std::map<std::string, std::string>> codes_from_json(const std::string& text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return fail("internal", "A stored list of codes is not a JSON object");
  std::map<std::string, std::string> out;
  for (const auto& [k, value] : v.as_object()) {
    if (!value.is_string()) return fail("internal", "A stored code is not text");
    out[std::string(k)] = std::string(value.as_string());
  }
  return out;
}

inline std::string ratings_json(const casework::NeedRatings& ratings) {
  std::map<std::string, std::string> codes;
  for (const auto& [k, r] : ratings) codes[k] = std::string(casework::to_code(r));
  return codes_json(codes);
}

inline Result<casework::NeedRatings> ratings_from_json(const std::string& text) {
  casework::NeedRatings out;
  for (const auto& [k, code] : VG_TRY(codes_from_json(text))) {
    auto r = casework::need_rating_from_code(code);
    if (!r) return fail("internal", "A stored need rating is not a known code");
    out[k] = *r;
  }
  return out;
}

inline Result<casework::Date> date_of(const SqlRow& row, int column) {
  auto d = text::parse_iso_date(row.text(column));
  if (!d) return fail("internal", "A stored date is not YYYY-MM-DD");
  return *d;
}

inline Result<std::optional<casework::Date>> optional_date_of(const SqlRow& row, int column) {
  if (row.is_null(column) || row.text(column).empty()) return std::optional<casework::Date>{};
  return std::optional<casework::Date>(VG_TRY(date_of(row, column)));
}

inline SqlValue date_value(const std::optional<casework::Date>& d) {
  return d ? SqlValue(text::iso_date(*d)) : SqlValue(std::nullopt);
}

inline constexpr const char* kAssessmentColumns =
    "case_id, stage, ratings, notes_key_id, notes_sealed, assessed_by, assessed_at";
inline constexpr const char* kPlanActionColumns =
    "id, case_id, text_key_id, text_sealed, owner, due_date, done_at, created_by, created_at";
inline constexpr const char* kNoteColumns = "id, case_id, key_id, sealed, written_by, written_at";
inline constexpr const char* kComplaintColumns =
    "id, case_id, received_on, subject, outcome, closed_on, recorded_by, recorded_at";
inline constexpr const char* kRjColumns =
    "case_id, offered_on, answer, answered_on, recorded_by, recorded_at";
inline constexpr const char* kClosureColumns = "case_id, reason, outcomes, closed_by, closed_at";
inline constexpr const char* kDraftColumns = "case_id, user_id, form, key_id, sealed, saved_at";

inline Result<casework::NeedsAssessmentRecord> assessment_from_row(const SqlRow& row) {
  casework::NeedsAssessmentRecord a;
  a.case_id = row.text(0);
  a.stage = row.text(1);
  a.ratings = VG_TRY(ratings_from_json(row.text(2)));
  a.notes = {row.text(3), row.text(4)};
  a.assessed_by = row.text(5);
  a.assessed_at = VG_TRY(instant_column(row, 6));
  return a;
}

inline Result<casework::PlanActionRecord> plan_action_from_row(const SqlRow& row) {
  casework::PlanActionRecord p;
  p.id = row.text(0);
  p.case_id = row.text(1);
  p.text = {row.text(2), row.text(3)};
  p.owner = row.text(4);
  p.due = VG_TRY(date_of(row, 5));
  if (!row.is_null(6)) p.done_at = VG_TRY(instant_column(row, 6));
  p.created_by = row.text(7);
  p.created_at = VG_TRY(instant_column(row, 8));
  return p;
}

inline Result<casework::CaseNoteRecord> note_from_row(const SqlRow& row) {
  casework::CaseNoteRecord n;
  n.id = row.text(0);
  n.case_id = row.text(1);
  n.text = {row.text(2), row.text(3)};
  n.written_by = row.text(4);
  n.written_at = VG_TRY(instant_column(row, 5));
  return n;
}

inline Result<casework::ComplaintRecord> complaint_from_row(const SqlRow& row) {
  casework::ComplaintRecord c;
  c.id = row.text(0);
  c.case_id = row.text(1);
  c.received_on = VG_TRY(date_of(row, 2));
  c.summary = row.text(3);
  c.outcome = row.text(4);
  c.closed_on = VG_TRY(optional_date_of(row, 5));
  c.recorded_by = row.text(6);
  c.recorded_at = VG_TRY(instant_column(row, 7));
  return c;
}

inline Result<casework::RestorativeJusticeRecord> rj_from_row(const SqlRow& row) {
  casework::RestorativeJusticeRecord r;
  r.case_id = row.text(0);
  r.offered_on = VG_TRY(date_of(row, 1));
  r.answer = row.text(2);
  r.answered_on = VG_TRY(optional_date_of(row, 3));
  r.recorded_by = row.text(4);
  r.recorded_at = VG_TRY(instant_column(row, 5));
  return r;
}

inline Result<casework::CaseClosureRecord> closure_from_row(const SqlRow& row) {
  casework::CaseClosureRecord c;
  c.case_id = row.text(0);
  c.reason = row.text(1);
  c.outcomes = VG_TRY(codes_from_json(row.text(2)));
  c.closed_by = row.text(3);
  c.closed_at = VG_TRY(instant_column(row, 4));
  return c;
}

inline Result<casework::FormDraftRecord> draft_from_row(const SqlRow& row) {
  casework::FormDraftRecord d;
  d.case_id = row.text(0);
  d.user_id = row.text(1);
  d.form = row.text(2);
  d.content = {row.text(3), row.text(4)};
  d.saved_at = VG_TRY(instant_column(row, 5));
  return d;
}

}  // namespace support_sql

template <typename Connection>
class SqlCaseSupportRows final : public CaseSupportRows {
 public:
  explicit SqlCaseSupportRows(Connection& conn) : conn_(conn) {}

  Result<void> save_assessment(const casework::NeedsAssessmentRecord& a) override {
    VG_CHECK(conn_.run(
        std::string("INSERT INTO case_needs_assessments (") + support_sql::kAssessmentColumns +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, stage) DO UPDATE SET "
            "ratings = excluded.ratings, notes_key_id = excluded.notes_key_id, "
            "notes_sealed = excluded.notes_sealed, assessed_by = excluded.assessed_by, "
            "assessed_at = excluded.assessed_at",
        {a.case_id, a.stage, support_sql::ratings_json(a.ratings), a.notes.key_id, a.notes.sealed,
         a.assessed_by, a.assessed_at}));
    return {};
  }

  Result<std::vector<casework::NeedsAssessmentRecord>> assessments(
      const std::string& case_id) override {
    // "assessment" sorts before "close".
    return rows_of<casework::NeedsAssessmentRecord>(
        conn_,
        select_from(support_sql::kAssessmentColumns,
                    "case_needs_assessments WHERE case_id = $1 ORDER BY stage"),
        {case_id}, support_sql::assessment_from_row);
  }

  Result<void> insert_plan_action(const casework::PlanActionRecord& p) override {
    VG_CHECK(conn_.run(std::string("INSERT INTO case_plan_actions (") +
                           support_sql::kPlanActionColumns +
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                       {p.id, p.case_id, p.text.key_id, p.text.sealed, p.owner,
                        text::iso_date(p.due), p.done_at, p.created_by, p.created_at}));
    return {};
  }

  Result<void> complete_plan_action(const std::string& case_id, const std::string& action_id,
                                    accounts::Instant at) override {
    auto found =
        VG_TRY(conn_.run("UPDATE case_plan_actions SET done_at = COALESCE(done_at, $1) WHERE id = "
                         "$2 AND case_id = $3 RETURNING id",
                         {at, action_id, case_id}));
    if (found == 0) return not_found("The plan action");
    return {};
  }

  Result<std::vector<casework::PlanActionRecord>> plan_actions(
      const std::string& case_id) override {
    return rows_of<casework::PlanActionRecord>(
        conn_,
        select_from(support_sql::kPlanActionColumns,
                    "case_plan_actions WHERE case_id = $1 ORDER BY due_date, created_at, id"),
        {case_id}, support_sql::plan_action_from_row);
  }

  Result<void> insert_note(const casework::CaseNoteRecord& n) override {
    VG_CHECK(
        conn_.run(std::string("INSERT INTO case_notes (") + support_sql::kNoteColumns +
                      ") VALUES ($1, $2, $3, $4, $5, $6)",
                  {n.id, n.case_id, n.text.key_id, n.text.sealed, n.written_by, n.written_at}));
    return {};
  }

  Result<std::vector<casework::CaseNoteRecord>> notes(const std::string& case_id) override {
    return rows_of<casework::CaseNoteRecord>(
        conn_,
        select_from(support_sql::kNoteColumns,
                    "case_notes WHERE case_id = $1 ORDER BY written_at DESC, id DESC"),
        {case_id}, support_sql::note_from_row);
  }

  Result<void> save_complaint(const casework::ComplaintRecord& c) override {
    // The id names one case's complaint: a complaint never moves to another case.
    auto stored = VG_TRY(
        conn_.run(std::string("INSERT INTO case_complaints (") + support_sql::kComplaintColumns +
                      ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET "
                      "received_on = excluded.received_on, subject = excluded.subject, outcome = "
                      "excluded.outcome, "
                      "closed_on = excluded.closed_on, recorded_by = excluded.recorded_by, "
                      "recorded_at = excluded.recorded_at "
                      "WHERE case_complaints.case_id = excluded.case_id RETURNING id",
                  {c.id, c.case_id, text::iso_date(c.received_on), c.summary, c.outcome,
                   support_sql::date_value(c.closed_on), c.recorded_by, c.recorded_at}));
    if (stored == 0) return not_found("The complaint");
    return {};
  }

  Result<std::vector<casework::ComplaintRecord>> complaints(const std::string& case_id) override {
    return rows_of<casework::ComplaintRecord>(
        conn_,
        select_from(support_sql::kComplaintColumns,
                    "case_complaints WHERE case_id = $1 ORDER BY received_on, id"),
        {case_id}, support_sql::complaint_from_row);
  }

  Result<void> save_restorative_justice(const casework::RestorativeJusticeRecord& r) override {
    VG_CHECK(
        conn_.run(std::string("INSERT INTO case_restorative_justice (") + support_sql::kRjColumns +
                      ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO UPDATE SET "
                      "offered_on = excluded.offered_on, answer = excluded.answer, "
                      "answered_on = excluded.answered_on, recorded_by = excluded.recorded_by, "
                      "recorded_at = excluded.recorded_at",
                  {r.case_id, text::iso_date(r.offered_on), r.answer,
                   support_sql::date_value(r.answered_on), r.recorded_by, r.recorded_at}));
    return {};
  }

  Result<std::optional<casework::RestorativeJusticeRecord>> restorative_justice(
      const std::string& case_id) override {
    return first_of<casework::RestorativeJusticeRecord>(
        conn_, select_from(support_sql::kRjColumns, "case_restorative_justice WHERE case_id = $1"),
        {case_id}, support_sql::rj_from_row);
  }

  Result<void> insert_closure(const casework::CaseClosureRecord& c) override {
    VG_CHECK(conn_.run(
        std::string("INSERT INTO case_closures (") + support_sql::kClosureColumns +
            ") VALUES ($1, $2, $3, $4, $5)",
        {c.case_id, c.reason, support_sql::codes_json(c.outcomes), c.closed_by, c.closed_at}));
    return {};
  }

  Result<std::optional<casework::CaseClosureRecord>> closure(const std::string& case_id) override {
    return first_of<casework::CaseClosureRecord>(
        conn_, select_from(support_sql::kClosureColumns, "case_closures WHERE case_id = $1"),
        {case_id}, support_sql::closure_from_row);
  }

  Result<void> save_draft(const casework::FormDraftRecord& d) override {
    VG_CHECK(conn_.run(
        std::string("INSERT INTO case_form_drafts (") + support_sql::kDraftColumns +
            ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id, user_id, form) DO UPDATE SET "
            "key_id = excluded.key_id, sealed = excluded.sealed, saved_at = excluded.saved_at",
        {d.case_id, d.user_id, d.form, d.content.key_id, d.content.sealed, d.saved_at}));
    return {};
  }

  Result<std::optional<casework::FormDraftRecord>> find_draft(const std::string& case_id,
                                                              const std::string& user_id,
                                                              const std::string& form) override {
    return first_of<casework::FormDraftRecord>(
        conn_,
        select_from(support_sql::kDraftColumns,
                    "case_form_drafts WHERE case_id = $1 AND user_id = $2 AND form = $3"),
        {case_id, user_id, form}, support_sql::draft_from_row);
  }

  Result<void> delete_draft(const std::string& case_id, const std::string& user_id,
                            const std::string& form) override {
    VG_CHECK(
        conn_.run("DELETE FROM case_form_drafts WHERE case_id = $1 AND user_id = $2 AND form = $3",
                  {case_id, user_id, form}));
    return {};
  }

 private:
  Connection& conn_;
};

}  // namespace vg::store
