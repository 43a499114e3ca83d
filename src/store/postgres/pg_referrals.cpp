#include "store/instant_text.h"
#include "store/postgres/pg_database.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_repositories.h"

namespace vg::store::postgres {

namespace {

std::optional<std::string> optional_instant(const std::optional<Instant>& at) {
  if (!at) return std::nullopt;
  return format_instant(*at);
}

Result<std::optional<StoredReferral>> find_where(Pool& pool, const std::string& condition,
                                                 const std::string& value) {
  std::optional<StoredReferral> found;
  VG_CHECK(pool.with_connection([&](Connection& conn) -> Result<void> {
    found.reset();
    auto rows = VG_TRY(conn.query(
        std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE " + condition, {value}));
    if (rows.size() > 0) found = VG_TRY(referral_from_row(rows.row(0)));
    return {};
  }));
  return found;
}

Result<std::optional<ApiKey>> find_api_key_where(Pool& pool, const std::string& condition,
                                                 const std::string& value) {
  std::optional<ApiKey> found;
  VG_CHECK(pool.with_connection([&](Connection& conn) -> Result<void> {
    found.reset();
    auto rows = VG_TRY(conn.query(
        std::string("SELECT ") + kApiKeyColumns + " FROM api_keys WHERE " + condition, {value}));
    if (rows.size() > 0) found = VG_TRY(api_key_from_row(rows.row(0)));
    return {};
  }));
  return found;
}

}  // namespace
}  // namespace vg::store::postgres

namespace vg::store {
using namespace postgres;

template <>
Result<std::optional<StoredReferral>> SqlReferrals<Pool>::find(const std::string& id) {
  return find_where(db_, "id = $1", id);
}

template <>
Result<std::optional<StoredReferral>> SqlReferrals<Pool>::find_by_reference(
    const std::string& reference) {
  return find_where(db_, "reference = $1", reference);
}

template <>
Result<std::int64_t> SqlReferrals<Pool>::count() {
  std::int64_t n = 0;
  VG_CHECK(db_.with_connection([&](Connection& conn) -> Result<void> {
    auto rows = VG_TRY(conn.query("SELECT COUNT(*) FROM referrals"));
    if (rows.size() > 0) n = rows.int64(0, 0);
    return {};
  }));
  return n;
}

// One grouped query. Once casework exists, closed cases will be excluded here.
template <>
Result<std::vector<std::pair<std::string, int>>> SqlReferrals<Pool>::open_cases_by_service(
    const std::string& area) {
  std::vector<std::pair<std::string, int>> open_cases;
  VG_CHECK(db_.with_connection([&](Connection& conn) -> Result<void> {
    open_cases.clear();
    auto rows =
        VG_TRY(conn.query("SELECT service_id, open_cases FROM service_open_cases WHERE area = $1 "
                          "AND open_cases > 0 ORDER BY service_id",
                          {area}));
    for (int r = 0; r < rows.size(); ++r) {
      open_cases.emplace_back(rows.text(r, 0), static_cast<int>(rows.int64(r, 1)));
    }
    return {};
  }));
  return open_cases;
}

template <>
Result<void> SqlReferrals<Pool>::create_api_key(const ApiKey& key, const AuditEntry& audit) {
  return db_.write([&](Connection& conn) -> Result<void> {
    VG_CHECK(conn.query(std::string("INSERT INTO api_keys (") + kApiKeyColumns +
                            ") VALUES ($1, $2, $3, $4, $5, $6)",
                        {key.id, key.organisation_id, key.label, key.secret_hash,
                         format_instant(key.created_at), optional_instant(key.revoked_at)}));
    return append_audit(conn, audit);
  });
}

template <>
Result<std::optional<ApiKey>> SqlReferrals<Pool>::find_api_key_by_secret_hash(
    const std::string& secret_hash) {
  return find_api_key_where(db_, "secret_hash = $1", secret_hash);
}

template <>
Result<std::optional<ApiKey>> SqlReferrals<Pool>::find_api_key(const std::string& id) {
  return find_api_key_where(db_, "id = $1", id);
}

template <>
Result<void> SqlReferrals<Pool>::revoke_api_key(const std::string& id, Instant at,
                                                const AuditEntry& audit) {
  return db_.write([&](Connection& conn) -> Result<void> {
    // The first revocation's time stands: it is when the key stopped working.
    auto rows = VG_TRY(conn.query(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 RETURNING id",
        {format_instant(at), id}));
    if (rows.size() == 0) return not_found("The API key");
    return append_audit(conn, audit);
  });
}

template class SqlReferrals<Pool>;

}  // namespace vg::store
