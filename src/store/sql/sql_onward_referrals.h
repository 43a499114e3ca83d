// Onward referrals over either backend: the rows a unit of work reads and writes
// (SqlOnwardReferralRows, on the unit's connection) and the repository's reads, a case's and a
// partner's inbox (SqlOnwardReferrals). One definition of every statement for both. Store-internal.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/text/iso_date.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_query.h"
#include "store/store.h"
#include "store/unit_of_work.h"

namespace vg::store {

namespace onward_sql {

// "$3, $4, ..." for `values`, appended to `params`.
inline std::string in_list(SqlParams& params, const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += add_param(params, v);
  }
  return out;
}

template <typename Connection>
Result<std::optional<casework::OnwardReferral>> find(Connection& conn, const std::string& id) {
  return first_of<casework::OnwardReferral>(
      conn, select_from(kOnwardReferralColumns, "onward_referrals WHERE id = $1"), {id}, onward_referral_from_row);
}

template <typename Connection>
Result<std::vector<casework::OnwardReferral>> for_case(Connection& conn, const std::string& case_id) {
  return rows_of<casework::OnwardReferral>(
      conn, select_from(kOnwardReferralColumns, "onward_referrals WHERE case_id = $1 ORDER BY sent_at, id"),
      {case_id}, onward_referral_from_row);
}

// The inbox line: the referral's columns (aliased o) then the case's reference and offence.
inline std::string inbox_columns() {
  std::string cols;
  std::string_view all = kOnwardReferralColumns;
  std::size_t start = 0;
  while (start < all.size()) {
    auto comma = all.find(',', start);
    if (comma == std::string_view::npos) comma = all.size();
    auto name = all.substr(start, comma - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (!cols.empty()) cols += ", ";
    cols.append("o.").append(name);
    start = comma + 1;
  }
  return cols + ", c.reference, c.offence_category";
}

template <typename Connection>
Result<directory::PageOf<casework::OnwardInboxItem>> inbox(Connection& conn, const casework::OnwardInboxQuery& q) {
  directory::PageOf<casework::OnwardInboxItem> page;
  if (q.directory_organization_id.empty() || q.states.empty() || q.consent_states.empty()) return page;
  SqlParams params;
  const std::string where = "o.directory_organization_id = " + add_param(params, q.directory_organization_id) +
                            " AND o.state IN (" + in_list(params, q.states) + ") AND c.consent_state IN (" +
                            in_list(params, q.consent_states) + ")";
  const std::string from = "onward_referrals o JOIN cases c ON c.id = o.case_id WHERE " + where;
  page.total_items =
      VG_TRY(first_of<std::int64_t>(conn, "SELECT COUNT(*) FROM " + from, params, int64_of)).value_or(0);
  const int per_page = std::max(1, q.per_page);
  const std::int64_t offset = static_cast<std::int64_t>(std::max(1, q.page) - 1) * per_page;
  const std::string sql = select_from(inbox_columns(), from) + " ORDER BY o.sent_at DESC, o.id DESC LIMIT " +
                          add_param(params, per_page) + " OFFSET " + add_param(params, offset);
  page.items = VG_TRY(rows_of<casework::OnwardInboxItem>(
      conn, sql, params, [](const SqlRow& row) -> Result<casework::OnwardInboxItem> {
        casework::OnwardInboxItem item;
        item.referral = VG_TRY(onward_referral_from_row(row));
        item.reference = row.text(16);
        item.offence_category = row.text(17);
        return item;
      }));
  return page;
}

}  // namespace onward_sql

template <typename Connection>
class SqlOnwardReferralRows final : public OnwardReferralRows {
 public:
  explicit SqlOnwardReferralRows(Connection& conn) : conn_(conn) {}

  Result<void> insert(const casework::OnwardReferral& r) override {
    VG_CHECK(conn_.run(std::string("INSERT INTO onward_referrals (") + kOnwardReferralColumns +
                           ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                       onward_referral_values(r)));
    return {};
  }

  Result<std::optional<casework::OnwardReferral>> find(const std::string& id) override {
    return onward_sql::find(conn_, id);
  }

  Result<std::vector<casework::OnwardReferral>> for_case(const std::string& case_id) override {
    return onward_sql::for_case(conn_, case_id);
  }

  Result<void> update(const casework::OnwardReferral& r, std::int64_t expected_version) override {
    auto changed = VG_TRY(conn_.run(
        "UPDATE onward_referrals SET state = $1, reason = $2, outcome = $3, answered_at = $4, "
        "completed_at = $5, withdrawn_at = $6, version = $7 WHERE id = $8 AND version = $9 RETURNING id",
        {casework::to_code(r.state), r.reason, r.outcome, r.answered_at, r.completed_at, r.withdrawn_at,
         expected_version + 1, r.id, expected_version}));
    if (changed == 0) return fail("conflict", "The onward referral was changed by someone else since it was read");
    return {};
  }

  Result<std::vector<casework::OnwardReferral>> breaches_to_flag(casework::Date today, int limit) override {
    return rows_of<casework::OnwardReferral>(
        conn_,
        select_from(kOnwardReferralColumns,
                    "onward_referrals WHERE state = 'sent' AND breach_flagged_at IS NULL AND respond_by < $1 "
                    "ORDER BY respond_by, id LIMIT $2"),
        {text::iso_date(today), limit}, onward_referral_from_row);
  }

  Result<bool> flag_breach(const std::string& id, accounts::Instant at) override {
    auto flagged = VG_TRY(conn_.run(
        "UPDATE onward_referrals SET breach_flagged_at = $1 WHERE id = $2 AND state = 'sent' "
        "AND breach_flagged_at IS NULL RETURNING id",
        {at, id}));
    return flagged > 0;
  }

 private:
  Connection& conn_;
};

template <typename Db>
class SqlOnwardReferrals final : public OnwardReferralRepository {
 public:
  explicit SqlOnwardReferrals(Db& db) : db_(db) {}

  Result<std::optional<casework::OnwardReferral>> find(const std::string& id) override {
    return read_on<std::optional<casework::OnwardReferral>>(db_, [&](auto& conn) { return onward_sql::find(conn, id); });
  }
  Result<std::vector<casework::OnwardReferral>> for_case(const std::string& case_id) override {
    return read_on<std::vector<casework::OnwardReferral>>(db_, [&](auto& conn) { return onward_sql::for_case(conn, case_id); });
  }
  Result<directory::PageOf<casework::OnwardInboxItem>> inbox(const casework::OnwardInboxQuery& query) override {
    return read_on<directory::PageOf<casework::OnwardInboxItem>>(db_, [&](auto& conn) { return onward_sql::inbox(conn, query); });
  }
  Result<std::int64_t> count_breached(const std::string& directory_organization_id, casework::Date today) override {
    return read_on<std::int64_t>(db_, [&](auto& conn) -> Result<std::int64_t> {
      return VG_TRY(first_of<std::int64_t>(conn,
                                           "SELECT COUNT(*) FROM onward_referrals WHERE directory_organization_id = $1 "
                                           "AND state = 'sent' AND respond_by < $2",
                                           {directory_organization_id, text::iso_date(today)}, int64_of))
          .value_or(0);
    });
  }

 private:
  Db& db_;
};

}  // namespace vg::store
