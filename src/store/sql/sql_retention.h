// Retention and legal holds over either backend (store.h's RetentionRepository): one definition
// of every statement for SQLite and PostgreSQL. Store-internal. An erasure is one transaction that
// re-checks the ledger and the holds first, so a hold placed meanwhile always wins; it never
// touches referral_facts (insight's de-identified counts) or the audit log's past entries.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/protection/legal_hold.h"
#include "domain/result.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_query.h"
#include "store/sql/sql_row.h"
#include "store/retention_repository.h"
#include "store/store.h"

namespace vg::store {

namespace retention_sql {

inline constexpr const char* kHoldColumns =
    "id, case_id, reason, placed_by, placed_at, lifted_by, lifted_at";

// After a case's id, closure and last change: its latest MARAC referral, the latest date given
// as the last one, and whether a hold is in force (candidate_from_row's columns 4 to 6).
inline constexpr const char* kMaracColumns =
    "(SELECT max(m.at) FROM (SELECT max(a.assessed_at) AS at FROM case_risk_assessments a "
    "WHERE a.case_id = c.id AND a.marac_reasons <> '' UNION ALL SELECT max(t.done_at) FROM case_tasks t "
    "WHERE t.case_id = c.id AND t.kind = 'marac_referral') m), "
    "COALESCE((SELECT max(a.last_marac_referral) FROM case_risk_assessments a WHERE a.case_id = c.id), ''), "
    "EXISTS (SELECT 1 FROM case_legal_holds h WHERE h.case_id = c.id AND h.lifted_at IS NULL) ";

inline Result<protection::LegalHold> hold_from_row(const SqlRow& row) {
  protection::LegalHold h;
  h.id = row.text(0);
  h.case_id = row.text(1);
  auto reason = protection::hold_reason_from_code(row.text(2));
  if (!reason) return fail("internal", "A stored legal hold holds an unknown reason");
  h.reason = *reason;
  h.placed_by = row.text(3);
  h.placed_at = VG_TRY(instant_column(row, 4));
  h.lifted_by = row.text(5);
  if (!row.is_null(6)) h.lifted_at = VG_TRY(instant_column(row, 6));
  return h;
}

inline Result<RetentionCandidate> candidate_from_row(const SqlRow& row) {
  RetentionCandidate c;
  c.case_id = row.text(0);
  c.close_reason = row.text(1);
  c.closed_at = VG_TRY(instant_column(row, 2));
  c.last_activity_at = VG_TRY(instant_column(row, 3));
  if (!row.is_null(4) && !row.text(4).empty()) c.last_marac_at = VG_TRY(instant_column(row, 4));
  c.last_marac_given = row.text(5);
  c.held = row.boolean(6);
  return c;
}

inline Result<CaseErasure> erasure_from_row(const SqlRow& row) {
  CaseErasure e;
  e.case_id = row.text(0);
  e.rule = row.text(1);
  e.erased_at = VG_TRY(instant_column(row, 2));
  e.marac_kept_until = row.text(3);
  return e;
}

}  // namespace retention_sql

template <typename Db>
class SqlRetention final : public RetentionRepository {
 public:
  explicit SqlRetention(Db& db) : db_(db) {}

  Result<std::vector<RetentionCandidate>> candidates(Instant closed_before,
                                                     const std::string& after_case_id,
                                                     int limit) override {
    return read_rows<RetentionCandidate>(
        db_,
        std::string("SELECT c.id, cl.reason, cl.closed_at, c.updated_at, ") + retention_sql::kMaracColumns +
            "FROM case_closures cl JOIN cases c ON c.id = cl.case_id "
        "WHERE cl.closed_at < $1 AND cl.case_id > $2 "
        "AND NOT EXISTS (SELECT 1 FROM retention_erasures e WHERE e.case_id = cl.case_id) "
        "ORDER BY cl.case_id LIMIT $3",
        {closed_before, after_case_id, limit}, retention_sql::candidate_from_row);
  }

  Result<std::optional<ErasedRows>> erase_case(
      const CaseErasure& erasure, const std::function<AuditEntry(const ErasedRows&)>& audit) override {
    std::optional<ErasedRows> erased;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      erased.reset();
      const std::string& id = erasure.case_id;
      if (VG_TRY(conn.run("SELECT 1 FROM retention_erasures WHERE case_id = $1", {id}))) return {};
      if (!erasure.replayed &&
          VG_TRY(conn.run("SELECT 1 FROM case_legal_holds WHERE case_id = $1 AND lifted_at IS NULL", {id}))) {
        return {};
      }
      const bool keep_marac = !erasure.marac_kept_until.empty();
      auto count = [&](const std::string& sql) -> Result<int> {
        return static_cast<int>(VG_TRY(conn.run(sql, {id})));
      };
      ErasedRows rows;
      rows.referral_documents = VG_TRY(count(
          "UPDATE referrals SET document = '{\"erased\":true}', document_key_id = '', "
          "crime_reference = '', victim_key = '' WHERE id = $1 RETURNING id"));
      rows.notes = VG_TRY(count("DELETE FROM case_notes WHERE case_id = $1 RETURNING id"));
      rows.needs_assessments =
          VG_TRY(count("DELETE FROM case_needs_assessments WHERE case_id = $1 RETURNING case_id"));
      rows.plan_actions = VG_TRY(count("DELETE FROM case_plan_actions WHERE case_id = $1 RETURNING id"));
      rows.drafts = VG_TRY(count("DELETE FROM case_form_drafts WHERE case_id = $1 RETURNING case_id"));
      rows.events = VG_TRY(count("DELETE FROM case_events WHERE case_id = $1 RETURNING seq"));
      if (keep_marac) {
        rows.tasks = VG_TRY(count(
            "DELETE FROM case_tasks WHERE case_id = $1 AND kind <> 'marac_referral' RETURNING id"));
        VG_CHECK(conn.run("UPDATE case_tasks SET title = '', detail = '', dismissal_reason = '' "
                          "WHERE case_id = $1",
                          {id}));
        rows.risk_assessments = VG_TRY(count(
            "UPDATE case_risk_assessments SET dash_answers = '', sdash_answers = '', dash_key_id = '', "
            "sdash_key_id = '', judgement_reason = '', judgement_key_id = '', marac_reason_texts = '' WHERE case_id = $1 "
            "RETURNING id"));
      } else {
        rows.tasks = VG_TRY(count("DELETE FROM case_tasks WHERE case_id = $1 RETURNING id"));
        rows.risk_assessments =
            VG_TRY(count("DELETE FROM case_risk_assessments WHERE case_id = $1 RETURNING id"));
      }
      rows.person_keys =
          VG_TRY(count("DELETE FROM person_match_keys WHERE referral_id = $1 RETURNING digest"));
      rows.idempotency_records =
          VG_TRY(count("DELETE FROM idempotency_keys WHERE referral_id = $1 RETURNING key"));
      rows.messages = VG_TRY(count("DELETE FROM outbox_messages WHERE case_id = $1 RETURNING id"));
      rows.break_glass_notes = VG_TRY(count(
          "UPDATE case_break_glass SET note_key_id = '', note_sealed = '' "
          "WHERE case_id = $1 AND note_sealed <> '' RETURNING id"));
      // A chat that became this referral: its transcript goes with the case, as an unreferred
      // chat's does after its short period (the chat row keeps only area, times and answered).
      rows.chat_events = VG_TRY(count(
          "DELETE FROM chat_events WHERE chat_id IN (SELECT id FROM chats WHERE referral_id = $1) "
          "RETURNING seq"));
      // Its safeguarding concerns' notes too (the case's task keeps what was to be done).
      VG_CHECK(conn.run(
          "UPDATE chat_concerns SET note_key_id = '', note_sealed = '' "
          "WHERE chat_id IN (SELECT id FROM chats WHERE referral_id = $1)",
          {id}));
      VG_CHECK(conn.run(
          "UPDATE chats SET transcript_deleted_at = $2, token_hash = 'deleted:' || id, address_hash = '' "
          "WHERE referral_id = $1 AND transcript_deleted_at IS NULL",
          {id, erasure.erased_at}));
      VG_CHECK(conn.run(
          "INSERT INTO retention_erasures (case_id, rule, erased_at, marac_kept_until) "
          "VALUES ($1, $2, $3, $4)",
          {id, erasure.rule, erasure.erased_at,
           keep_marac ? SqlValue(erasure.marac_kept_until) : SqlValue()}));
      VG_CHECK(append_audit(conn, audit(rows)));
      erased = rows;
      return {};
    }));
    return erased;
  }

  Result<std::vector<std::string>> marac_history_due(const std::string& today, int limit) override {
    return read_rows<std::string>(
        db_,
        "SELECT case_id FROM retention_erasures WHERE marac_kept_until IS NOT NULL "
        "AND marac_erased_at IS NULL AND marac_kept_until < $1 ORDER BY marac_kept_until, case_id LIMIT $2",
        {today, limit}, text_of);
  }

  Result<bool> erase_marac_history(const std::string& case_id, Instant at,
                                   const AuditEntry& audit) override {
    bool done = false;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      done = false;
      if (!VG_TRY(conn.run("SELECT 1 FROM retention_erasures WHERE case_id = $1 AND "
                           "marac_kept_until IS NOT NULL AND marac_erased_at IS NULL",
                           {case_id}))) {
        return {};
      }
      VG_CHECK(conn.run("DELETE FROM case_tasks WHERE case_id = $1", {case_id}));
      VG_CHECK(conn.run("DELETE FROM case_risk_assessments WHERE case_id = $1", {case_id}));
      VG_CHECK(conn.run("UPDATE retention_erasures SET marac_erased_at = $2 WHERE case_id = $1",
                        {case_id, at}));
      VG_CHECK(append_audit(conn, audit));
      done = true;
      return {};
    }));
    return done;
  }

  Result<std::optional<CaseErasure>> erasure(const std::string& case_id) override {
    return read_first<CaseErasure>(
        db_,
        "SELECT case_id, rule, erased_at, COALESCE(marac_kept_until, '') FROM retention_erasures "
        "WHERE case_id = $1",
        {case_id}, retention_sql::erasure_from_row);
  }

  Result<std::vector<CaseErasure>> erasures(const std::string& after_case_id, int limit) override {
    return read_rows<CaseErasure>(
        db_,
        "SELECT case_id, rule, erased_at, COALESCE(marac_kept_until, '') FROM retention_erasures "
        "WHERE case_id > $1 ORDER BY case_id LIMIT $2",
        {after_case_id, limit}, retention_sql::erasure_from_row);
  }

  Result<std::optional<RetentionCandidate>> case_facts(const std::string& case_id) override {
    return read_first<RetentionCandidate>(
        db_,
        std::string("SELECT c.id, COALESCE(cl.reason, ''), COALESCE(cl.closed_at, c.updated_at), c.updated_at, ") +
            retention_sql::kMaracColumns +
            "FROM cases c LEFT JOIN case_closures cl ON cl.case_id = c.id WHERE c.id = $1",
        {case_id}, retention_sql::candidate_from_row);
  }

  Result<std::vector<std::string>> referrals_with_person_key(const std::string& digest) override {
    return read_rows<std::string>(
        db_, "SELECT referral_id FROM person_match_keys WHERE digest = $1 ORDER BY referral_id", {digest},
        text_of);
  }

  Result<std::vector<AuditEntry>> audit_of(const std::string& entity_id, int limit) override {
    return read_rows<AuditEntry>(
        db_,
        select_from(kAuditColumns, "audit_log WHERE entity_id = $1 ORDER BY seq LIMIT $2"),
        {entity_id, limit}, audit_entry_from_row);
  }

  Result<void> place_hold(const protection::LegalHold& hold, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      if (!VG_TRY(conn.run("SELECT 1 FROM cases WHERE id = $1", {hold.case_id}))) {
        return fail("not_found", "There is no such case");
      }
      VG_CHECK(conn.run(std::string("INSERT INTO case_legal_holds (") + retention_sql::kHoldColumns +
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        {hold.id, hold.case_id, std::string(protection::to_code(hold.reason)),
                         hold.placed_by, hold.placed_at, hold.lifted_by, hold.lifted_at}));
      return append_audit(conn, audit);
    });
  }

  Result<bool> lift_hold(const std::string& case_id, const std::string& hold_id,
                         const std::string& by, Instant at, const AuditEntry& audit) override {
    bool lifted = false;
    VG_CHECK(db_.write([&](auto& conn) -> Result<void> {
      lifted = false;
      if (!VG_TRY(conn.run("SELECT 1 FROM case_legal_holds WHERE id = $1 AND case_id = $2",
                           {hold_id, case_id}))) {
        return fail("not_found", "The case has no such hold");
      }
      if (!VG_TRY(conn.run("UPDATE case_legal_holds SET lifted_by = $2, lifted_at = $3 "
                           "WHERE id = $1 AND lifted_at IS NULL RETURNING id",
                           {hold_id, by, at}))) {
        return {};
      }
      VG_CHECK(append_audit(conn, audit));
      lifted = true;
      return {};
    }));
    return lifted;
  }

  Result<std::vector<protection::LegalHold>> holds(const std::string& case_id) override {
    return read_rows<protection::LegalHold>(
        db_,
        select_from(retention_sql::kHoldColumns,
                    "case_legal_holds WHERE case_id = $1 ORDER BY placed_at, id"),
        {case_id}, retention_sql::hold_from_row);
  }

 private:
  Db& db_;
};

}  // namespace vg::store
