// Cases over either backend: the case rows a unit of work reads and writes (SqlCaseRows, on the
// unit's connection) and the CaseRepository's reads, teams and team members (SqlCases). One
// definition of every statement for SQLite and PostgreSQL. Store-internal.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "domain/text/iso_date.h"
#include "store/sql/connection_audit.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_query.h"
#include "store/store.h"
#include "store/unit_of_work.h"

namespace vg::store {

namespace case_sql {

// "$3, $4, ..." for `values`, appended to `params`.
inline std::string placeholders(SqlParams& params, const SqlParams& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += add_param(params, v);
  }
  return out;
}

template <typename Connection>
Result<std::optional<casework::CaseRecord>> find(Connection& conn, const std::string& id) {
  return first_of<casework::CaseRecord>(conn, select_from(kCaseColumns, "cases WHERE id = $1"),
                                        {id}, case_from_row);
}

template <typename Connection>
Result<std::vector<casework::CaseDeadline>> deadlines(Connection& conn, const std::string& case_id) {
  return rows_of<casework::CaseDeadline>(
      conn, select_from(kCaseDeadlineColumns, "case_deadlines WHERE case_id = $1 ORDER BY due_date, code"),
      {case_id}, case_deadline_from_row);
}

template <typename Connection>
Result<std::vector<casework::CaseEvent>> events(Connection& conn, const std::string& case_id) {
  return rows_of<casework::CaseEvent>(
      conn, select_from(kCaseEventColumns, "case_events WHERE case_id = $1 ORDER BY seq"), {case_id},
      case_event_from_row);
}

template <typename Connection>
Result<std::vector<casework::TeamMember>> team_members(Connection& conn, const std::string& team_id) {
  return rows_of<casework::TeamMember>(
      conn, select_from(kTeamMemberColumns, "team_members WHERE team_id = $1 ORDER BY user_id"),
      {team_id}, [](const SqlRow& row) -> Result<casework::TeamMember> { return team_member_from_row(row); });
}

template <typename Connection>
Result<std::vector<casework::Caseload>> caseloads(Connection& conn, const std::string& team_id) {
  return rows_of<casework::Caseload>(
      conn,
      // Kept by triggers (migration 0029): counting here cost a walk of the team's open cases.
      "SELECT user_id, open_cases FROM caseloads WHERE team_id = $1 AND open_cases > 0 ORDER BY user_id",
      {team_id}, [](const SqlRow& row) -> Result<casework::Caseload> {
        return casework::Caseload{row.text(0), static_cast<int>(row.int64(1))};
      });
}

// The WHERE clause of a queue query, its parameters appended to `params`.
inline std::string queue_filter(const casework::CaseQuery& q, SqlParams& params) {
  SqlParams areas;
  for (const auto& a : q.areas) areas.emplace_back(a);
  std::string where = "holder_organisation_id = " + add_param(params, q.holder_organisation_id) +
                      " AND area IN (" + placeholders(params, areas) + ")";
  if (!q.include_closed) where += " AND is_open = 1";
  if (!q.local_authority.empty()) where += " AND local_authority = " + add_param(params, q.local_authority);
  if (!q.service_id.empty()) where += " AND service_id = " + add_param(params, q.service_id);
  if (q.risk_rank) where += " AND risk_rank = " + add_param(params, *q.risk_rank);
  if (!q.channel.empty()) where += " AND channel = " + add_param(params, q.channel);
  if (q.enhanced) where += " AND enhanced = " + add_param(params, *q.enhanced ? 1 : 0);
  if (q.awaiting_consent) where += " AND consent_state = 'awaiting_consent'";
  if (q.possible_duplicate) where += " AND possible_duplicate = 1";
  // The rare flags have small indexes of their own (0030), which SQLite's sampled statistics do
  // not always see as smaller than a caseworker's cases: written as an expression, who holds the
  // case is then checked row by row instead of choosing the index that walks their cases.
  const bool rare = q.awaiting_consent || q.possible_duplicate;
  const std::string holder = rare ? "allocated_to || ''" : "allocated_to";
  if (q.unallocated) where += " AND " + holder + " = ''";
  if (!q.allocated_to.empty()) where += " AND " + holder + " = " + add_param(params, q.allocated_to);
  return where;
}

template <typename Connection>
Result<casework::CasePage> queue(Connection& conn, const casework::CaseQuery& q) {
  casework::CasePage page;
  if (q.areas.empty() || q.holder_organisation_id.empty()) return page;
  SqlParams params;
  const std::string where = queue_filter(q, params);
  // Counted up to one past the cap: counting a million open cases on every page view would cost
  // more than the page, and nobody pages through more than a thousand.
  // The cap is written into the statement, not bound: given a bound LIMIT, SQLite chose to scan
  // the table in rowid order (reading whole rows) rather than the queue index.
  const std::string cap = std::to_string(casework::kCountedCases + 1);
  const auto counted = VG_TRY(first_of<std::int64_t>(
                           conn, "SELECT COUNT(*) FROM (SELECT 1 FROM cases WHERE " + where + " LIMIT " + cap + ") AS capped",
                           params, int64_of))
                           .value_or(0);
  page.more_than_counted = counted > casework::kCountedCases;
  page.total_items = std::min<std::int64_t>(counted, casework::kCountedCases);
  const int per_page = std::max(1, q.per_page);
  const std::int64_t offset = static_cast<std::int64_t>(std::max(1, q.page) - 1) * per_page;
  std::string sql = select_from(kCaseColumns, "cases WHERE " + where) +
                    " ORDER BY risk_rank DESC, next_due, opened_at, id LIMIT " +
                    add_param(params, per_page) + " OFFSET " + add_param(params, offset);
  page.items = VG_TRY(rows_of<casework::CaseRecord>(conn, sql, params, case_from_row));
  return page;
}

}  // namespace case_sql

// Case rows inside a unit of work's transaction.
template <typename Connection>
class SqlCaseRows final : public CaseRows {
 public:
  explicit SqlCaseRows(Connection& conn) : conn_(conn) {}

  Result<std::vector<casework::Team>> teams_in_areas(const std::vector<std::string>& areas) override {
    if (areas.empty()) return std::vector<casework::Team>{};
    SqlParams params;
    SqlParams values;
    for (const auto& a : areas) values.emplace_back(a);
    const std::string in = case_sql::placeholders(params, values);
    return rows_of<casework::Team>(
        conn_, select_from(kTeamColumns, "teams WHERE area IN (" + in + ") ORDER BY area, id"),
        params, [](const SqlRow& row) -> Result<casework::Team> { return team_from_row(row); });
  }

  Result<void> insert(const std::vector<casework::CaseRecord>& cases,
                      const std::vector<casework::CaseDeadline>& deadlines) override {
    std::vector<SqlParams> case_rows;
    case_rows.reserve(cases.size());
    for (const auto& c : cases) case_rows.push_back(case_values(c));
    VG_CHECK(insert_rows(conn_, std::string("INSERT INTO cases (") + kCaseColumns + ")", case_rows));
    std::vector<SqlParams> deadline_rows;
    deadline_rows.reserve(deadlines.size());
    for (const auto& d : deadlines) {
      deadline_rows.push_back(
          {d.case_id, d.code, text::iso_date(d.due_date), d.working_days, d.met_at});
    }
    return insert_rows(conn_, std::string("INSERT INTO case_deadlines (") + kCaseDeadlineColumns + ")",
                       deadline_rows);
  }

  Result<std::optional<casework::CaseRecord>> find(const std::string& id) override {
    return case_sql::find(conn_, id);
  }

  Result<void> update(const casework::CaseRecord& c, std::int64_t expected_version) override {
    auto changed = VG_TRY(conn_.run(
        "UPDATE cases SET team_id = $1, holder_organisation_id = $2, allocated_to = $3, "
        "status = $4, consent_state = $5, next_due = $6, handovers = $7, updated_at = $8, "
        "version = $9, risk_rank = $12 WHERE id = $10 AND version = $11 RETURNING id",
        {c.team_id, c.holder_organisation_id, c.allocated_to, casework::to_code(c.status),
         c.consent_state, c.next_due ? text::iso_date(*c.next_due) : std::string(kNoDueDate),
         c.handovers, c.updated_at, expected_version + 1, c.id, expected_version, c.risk_rank}));
    if (changed == 0) {
      return fail("conflict", "The case was changed by someone else since it was read");
    }
    return {};
  }

  Result<std::vector<casework::CaseDeadline>> deadlines(const std::string& case_id) override {
    return case_sql::deadlines(conn_, case_id);
  }

  Result<void> meet_deadline(const std::string& case_id, const std::string& code,
                             accounts::Instant at) override {
    VG_CHECK(conn_.run(
        "UPDATE case_deadlines SET met_at = $1 WHERE case_id = $2 AND code = $3 AND met_at IS NULL",
        {at, case_id, code}));
    return {};
  }

  Result<std::vector<casework::CaseDeadline>> breaches_to_flag(casework::Date today, int limit) override {
    return rows_of<casework::CaseDeadline>(
        conn_,
        "SELECT d.case_id, d.code, d.due_date, d.working_days, d.met_at FROM case_deadlines d "
        "JOIN cases c ON c.id = d.case_id WHERE d.met_at IS NULL AND d.breach_flagged_at IS NULL "
        "AND d.due_date < $1 AND c.status <> 'closed' ORDER BY d.due_date, d.case_id, d.code LIMIT $2",
        {text::iso_date(today), limit}, case_deadline_from_row);
  }

  Result<bool> flag_breach(const std::string& case_id, const std::string& code, accounts::Instant at) override {
    // RETURNING: the row count says whether this statement flagged it (conn.run counts answers).
    auto flagged = VG_TRY(conn_.run(
        "UPDATE case_deadlines SET breach_flagged_at = $1 WHERE case_id = $2 AND code = $3 "
        "AND met_at IS NULL AND breach_flagged_at IS NULL RETURNING case_id",
        {at, case_id, code}));
    return flagged > 0;
  }

  Result<std::vector<casework::CaseEvent>> events(const std::string& case_id) override {
    return case_sql::events(conn_, case_id);
  }

  Result<void> append_events(const std::vector<casework::CaseEvent>& events) override {
    for (const auto& e : events) {
      VG_CHECK(conn_.run("INSERT INTO case_events (case_id, at, actor, kind, detail, case_version) "
                         "VALUES ($1, $2, $3, $4, $5, $6)",
                         {e.case_id, e.at, e.actor, e.kind, e.detail, e.case_version}));
    }
    return {};
  }

  Result<std::vector<casework::TeamMember>> team_members(const std::string& team_id) override {
    return case_sql::team_members(conn_, team_id);
  }

  Result<std::vector<casework::Caseload>> caseloads(const std::string& team_id) override {
    return case_sql::caseloads(conn_, team_id);
  }

 private:
  Connection& conn_;
};

// CaseRepository over either backend's database.
template <typename Db>
class SqlCases final : public CaseRepository {
 public:
  explicit SqlCases(Db& db) : db_(db) {}

  Result<std::optional<casework::CaseRecord>> find(const std::string& id) override {
    return read_on<std::optional<casework::CaseRecord>>(db_, [&](auto& conn) { return case_sql::find(conn, id); });
  }
  Result<std::vector<casework::CaseDeadline>> deadlines(const std::string& case_id) override {
    return read_on<std::vector<casework::CaseDeadline>>(db_, [&](auto& conn) { return case_sql::deadlines(conn, case_id); });
  }
  Result<std::vector<casework::CaseEvent>> events(const std::string& case_id) override {
    return read_on<std::vector<casework::CaseEvent>>(db_, [&](auto& conn) { return case_sql::events(conn, case_id); });
  }
  Result<casework::CasePage> queue(const casework::CaseQuery& query) override {
    return read_on<casework::CasePage>(db_, [&](auto& conn) { return case_sql::queue(conn, query); });
  }

  Result<void> upsert_team(const casework::Team& team, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(conn.run(std::string("INSERT INTO teams (") + kTeamColumns +
                            ") VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET "
                            "name = excluded.name",
                        {team.id, team.organisation_id, team.area, team.name}));
      // A team's organisation and area never change (its cases would move with them): only the
      // name does. Cases no team held until now become this team's.
      VG_CHECK(conn.run("UPDATE cases SET team_id = t.id, holder_organisation_id = t.organisation_id "
                        "FROM (SELECT id, organisation_id, area FROM teams WHERE id = $1) AS t "
                        "WHERE cases.team_id = '' AND cases.area = t.area",
                        {team.id}));
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<casework::Team>> find_team(const std::string& id) override {
    return read_first<casework::Team>(db_, select_from(kTeamColumns, "teams WHERE id = $1"), {id},
                                      [](const SqlRow& row) -> Result<casework::Team> { return team_from_row(row); });
  }

  Result<std::vector<casework::Team>> list_teams() override {
    return read_rows<casework::Team>(db_, select_from(kTeamColumns, "teams ORDER BY area, name, id"), {},
                                     [](const SqlRow& row) -> Result<casework::Team> { return team_from_row(row); });
  }

  Result<void> set_team_member(const casework::TeamMember& m, const AuditEntry& audit) override {
    return db_.write([&](auto& conn) -> Result<void> {
      VG_CHECK(conn.run(std::string("INSERT INTO team_members (") + kTeamMemberColumns +
                            ") VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO UPDATE SET "
                            "team_id = excluded.team_id, skills = excluded.skills, "
                            "capacity = excluded.capacity",
                        {m.user_id, m.team_id, skills_text(m.skills), m.capacity}));
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<casework::TeamMember>> find_team_member(const std::string& user_id) override {
    return read_first<casework::TeamMember>(
        db_, select_from(kTeamMemberColumns, "team_members WHERE user_id = $1"), {user_id},
        [](const SqlRow& row) -> Result<casework::TeamMember> { return team_member_from_row(row); });
  }

  Result<std::vector<casework::TeamMember>> team_members(const std::string& team_id) override {
    return read_on<std::vector<casework::TeamMember>>(db_, [&](auto& conn) { return case_sql::team_members(conn, team_id); });
  }

  Result<std::vector<casework::Caseload>> caseloads(const std::string& team_id) override {
    return read_on<std::vector<casework::Caseload>>(db_, [&](auto& conn) { return case_sql::caseloads(conn, team_id); });
  }

 private:
  Db& db_;
};

}  // namespace vg::store
