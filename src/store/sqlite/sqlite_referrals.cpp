#include <cstdio>
#include <string_view>

#include "store/instant_text.h"
#include "store/referral_groups.h"
#include "store/referral_references.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_repositories.h"
#include "store/sqlite/sqlite_database.h"

namespace vg::store::sqlite {

namespace {

Result<std::optional<StoredReferral>> referral_by_id(Connection& conn, const std::string& id) {
  auto stmt = VG_TRY(
      conn.prepare(std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE id = ?"));
  stmt.bind(id);
  if (!VG_TRY(stmt.step())) return std::optional<StoredReferral>();
  return std::optional<StoredReferral>(VG_TRY(referral_from_row(stmt)));
}

// ReferralGroupTransaction on the writer, inside its BEGIN IMMEDIATE transaction. SQLite runs in
// this process, so a statement per row costs no round trip: each read and write is a loop over
// one prepared statement.
class SqliteGroup final : public ReferralGroupTransaction {
 public:
  explicit SqliteGroup(Connection& conn) : conn_(conn) {}

  Result<std::vector<IdempotencyRecord>> idempotency_records(
      const std::vector<IdempotencyKey>& keys) override {
    std::vector<IdempotencyRecord> out;
    auto stmt = VG_TRY(conn_.prepare(std::string("SELECT ") + kIdempotencyColumns +
                                     " FROM idempotency_keys WHERE organisation_id = ? AND key = ?"));
    for (const auto& [organisation_id, key] : keys) {
      stmt.bind(organisation_id).bind(key);
      if (VG_TRY(stmt.step())) out.push_back(VG_TRY(idempotency_from_row(stmt)));
      stmt.reset();
    }
    return out;
  }

  Result<std::vector<StoredReferral>> referrals_with_ids(const std::vector<std::string>& ids) override {
    std::vector<StoredReferral> out;
    for (const auto& id : ids) {
      if (auto found = VG_TRY(referral_by_id(conn_, id))) out.push_back(std::move(*found));
    }
    return out;
  }

  // The conditions repeat the partial index's own, so SQLite can use it.
  Result<std::vector<StoredReferral>> referrals_with_crime_references(
      const std::vector<const StoredReferral*>& like) override {
    std::vector<StoredReferral> out;
    auto stmt = VG_TRY(conn_.prepare(
        std::string("SELECT ") + kReferralColumns +
        " FROM referrals WHERE police_force_code = ? AND crime_reference = ? AND victim_key = ? "
        "AND police_force_code <> '' AND crime_reference <> '' AND victim_key <> ''"));
    for (const auto* r : like) {
      stmt.bind(r->police_force_code).bind(r->crime_reference).bind(r->victim_key);
      while (VG_TRY(stmt.step())) out.push_back(VG_TRY(referral_from_row(stmt)));
      stmt.reset();
    }
    return out;
  }

  Result<std::int64_t> take_reference_numbers(const std::string& prefix, std::int64_t count) override {
    auto stmt = VG_TRY(conn_.prepare(
        "INSERT INTO reference_counters (prefix, last_number) VALUES (?, ?) "
        "ON CONFLICT (prefix) DO UPDATE SET last_number = last_number + excluded.last_number "
        "RETURNING last_number"));
    stmt.bind(prefix).bind(count);
    if (!VG_TRY(stmt.step())) return fail("internal", "The reference counter returned no number");
    const std::int64_t last = stmt.int64(0);
    VG_CHECK(stmt.run());
    return last - count + 1;
  }

  Result<void> insert(const std::vector<StoredReferral>& referrals,
                      const std::vector<IdempotencyRecord>& records,
                      const std::vector<AuditEntry>& audit) override {
    auto row = VG_TRY(conn_.prepare(std::string("INSERT INTO referrals (") + kReferralColumns +
                                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const auto& r : referrals) {
      row.bind(r.id).bind(r.reference).bind(r.area).bind(r.channel).bind(format_instant(r.received_at));
      if (r.source_organisation_id.empty()) {
        row.bind_null();  // a self-referral: no sending organisation
      } else {
        row.bind(r.source_organisation_id);
      }
      row.bind(r.police_force_code)
          .bind(r.crime_reference)
          .bind(r.victim_key)
          .bind(r.consent_state)
          .bind(r.outcome)
          .bind(r.service_id)
          .bind(r.rule_set_version)
          .bind(r.document)
          .bind(r.assessment)
          .bind(r.possible_duplicate_of);
      VG_CHECK(row.run());
      row.reset();
    }
    auto record = VG_TRY(conn_.prepare(std::string("INSERT INTO idempotency_keys (") +
                                       kIdempotencyColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const auto& k : records) {
      record.bind(k.organisation_id)
          .bind(k.key)
          .bind(k.request_hash)
          .bind(static_cast<std::int64_t>(k.status))
          .bind(k.response_body)
          .bind(k.referral_id)
          .bind(format_instant(k.created_at));
      VG_CHECK(record.run());
      record.reset();
    }
    return append_audit_entries(conn_, audit);
  }

  Result<void> hold_as_possible_duplicates(
      const std::vector<std::pair<std::string, std::string>>& holds) override {
    auto stmt = VG_TRY(conn_.prepare(
        "UPDATE referrals SET possible_duplicate_of = ? WHERE id = ? AND possible_duplicate_of = ''"));
    for (const auto& [id, of] : holds) {
      stmt.bind(of).bind(id);
      VG_CHECK(stmt.run());
      stmt.reset();
    }
    return {};
  }

 private:
  Connection& conn_;
};

Result<std::optional<StoredReferral>> find_where(Database& db, const std::string& condition,
                                                 const std::string& value) {
  std::optional<StoredReferral> found;
  VG_CHECK(db.read([&](Connection& conn) -> Result<void> {
    found.reset();
    auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kReferralColumns +
                                    " FROM referrals WHERE " + condition));
    stmt.bind(value);
    if (VG_TRY(stmt.step())) found = VG_TRY(referral_from_row(stmt));
    return {};
  }));
  return found;
}

Result<std::optional<ApiKey>> find_api_key_where(Database& db, const std::string& condition,
                                                 const std::string& value) {
  std::optional<ApiKey> found;
  VG_CHECK(db.read([&](Connection& conn) -> Result<void> {
    found.reset();
    auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kApiKeyColumns +
                                    " FROM api_keys WHERE " + condition));
    stmt.bind(value);
    if (VG_TRY(stmt.step())) found = VG_TRY(api_key_from_row(stmt));
    return {};
  }));
  return found;
}

}  // namespace
}  // namespace vg::store::sqlite

namespace vg::store {
using namespace sqlite;

// Durability: Database::write returns only after COMMIT, and the writer runs in WAL mode with
// synchronous=FULL (sqlite_database.cpp), so the WAL is synced at every commit: a referral the
// caller was told is created survives kill -9 and power loss. NORMAL would survive kill -9 but
// could lose the last commits on power loss, which an acknowledged referral must not.
// One writer, BEGIN IMMEDIATE: nothing else writes between the checks and the insert, so the
// checks' answer still holds when the row lands (across processes too, by the file lock).
template <>
Result<void> SqlReferrals<Database>::create_together(
    const std::vector<const NewReferral*>& items, std::vector<Result<ReferralCreated>>& answers) {
  return db_.write([&](Connection& conn) -> Result<void> {
    SqliteGroup group(conn);
    return create_group(group, items, answers);
  });
}

template <>
Result<std::optional<StoredReferral>> SqlReferrals<Database>::find(const std::string& id) {
  return find_where(db_, "id = ?", id);
}

template <>
Result<std::optional<StoredReferral>> SqlReferrals<Database>::find_by_reference(
    const std::string& reference) {
  return find_where(db_, "reference = ?", reference);
}

template <>
Result<std::int64_t> SqlReferrals<Database>::count() {
  std::int64_t n = 0;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    auto stmt = VG_TRY(conn.prepare("SELECT COUNT(*) FROM referrals"));
    if (VG_TRY(stmt.step())) n = stmt.int64(0);
    return {};
  }));
  return n;
}

// Reads the counts the triggers keep (migration 0006), on a reader: a few rows, however many
// referrals there are.
template <>
Result<std::vector<std::pair<std::string, int>>> SqlReferrals<Database>::open_cases_by_service(
    const std::string& area) {
  std::vector<std::pair<std::string, int>> open_cases;
  VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
    open_cases.clear();
    auto stmt =
        VG_TRY(conn.prepare("SELECT service_id, open_cases FROM service_open_cases WHERE area = ? "
                            "AND open_cases > 0 ORDER BY service_id"));
    stmt.bind(area);
    while (VG_TRY(stmt.step())) {
      open_cases.emplace_back(stmt.text(0), static_cast<int>(stmt.int64(1)));
    }
    return {};
  }));
  return open_cases;
}

template <>
Result<void> SqlReferrals<Database>::create_api_key(const ApiKey& key, const AuditEntry& audit) {
  return db_.write([&](Connection& conn) -> Result<void> {
    auto stmt = VG_TRY(conn.prepare(std::string("INSERT INTO api_keys (") + kApiKeyColumns +
                                    ") VALUES (?, ?, ?, ?, ?, ?)"));
    stmt.bind(key.id)
        .bind(key.organisation_id)
        .bind(key.label)
        .bind(key.secret_hash)
        .bind(format_instant(key.created_at));
    if (key.revoked_at) {
      stmt.bind(format_instant(*key.revoked_at));
    } else {
      stmt.bind_null();
    }
    VG_CHECK(stmt.run());
    return append_audit(conn, audit);
  });
}

template <>
Result<std::optional<ApiKey>> SqlReferrals<Database>::find_api_key_by_secret_hash(
    const std::string& secret_hash) {
  return find_api_key_where(db_, "secret_hash = ?", secret_hash);
}

template <>
Result<std::optional<ApiKey>> SqlReferrals<Database>::find_api_key(const std::string& id) {
  return find_api_key_where(db_, "id = ?", id);
}

template <>
Result<void> SqlReferrals<Database>::revoke_api_key(const std::string& id, Instant at,
                                                    const AuditEntry& audit) {
  return db_.write([&](Connection& conn) -> Result<void> {
    // The first revocation's time stands: it is when the key stopped working.
    auto stmt = VG_TRY(conn.prepare(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? RETURNING id"));
    stmt.bind(format_instant(at)).bind(id);
    if (!VG_TRY(stmt.step())) return not_found("The API key");
    VG_CHECK(stmt.run());
    return append_audit(conn, audit);
  });
}

template class SqlReferrals<Database>;

}  // namespace vg::store
