#include "store/instant_text.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_repositories.h"
#include "store/sqlite/sqlite_database.h"

namespace vg::store::sqlite {

namespace {

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
