#include <cstdio>
#include <string_view>

#include "store/instant_text.h"
#include "store/postgres/pg_database.h"
#include "store/referral_groups.h"
#include "store/referral_references.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_repositories.h"

namespace vg::store::postgres {

namespace {

// A create that lost a race on a unique index runs again (the checks then see the winner's row)
// at most this many times in all.
constexpr int kCreateAttempts = 3;

std::optional<std::string> optional_instant(const std::optional<Instant>& at) {
  if (!at) return std::nullopt;
  return format_instant(*at);
}

// An insert a unique index refused may have lost a race with a create committed after this
// transaction's checks ran: flags it so the create runs again and meets that row in its checks.
Result<void> inserted(Result<Rows> result, bool& raced) {
  if (!result) {
    if (result.error().code == "conflict") raced = true;
    return std::unexpected(std::move(result.error()));
  }
  return {};
}

// ReferralGroupTransaction on one connection, inside its write transaction: every read and write
// is one statement for the whole group (arrays unnested on the server), so a group of sixty-four
// referrals costs a handful of round trips, not six per referral.
class PgGroup final : public ReferralGroupTransaction {
 public:
  PgGroup(Connection& conn, bool& raced) : conn_(conn), raced_(raced) {}

  Result<std::vector<IdempotencyRecord>> idempotency_records(
      const std::vector<IdempotencyKey>& keys) override {
    std::vector<std::string> organisations, names;
    for (const auto& [organisation_id, key] : keys) {
      organisations.push_back(organisation_id);
      names.push_back(key);
    }
    auto rows = VG_TRY(conn_.query(
        std::string("SELECT ") + kIdempotencyColumns +
            " FROM idempotency_keys WHERE (organisation_id, key) IN "
            "(SELECT * FROM unnest($1::text[], $2::text[]))",
        {text_array(organisations), text_array(names)}));
    std::vector<IdempotencyRecord> out;
    for (int r = 0; r < rows.size(); ++r) out.push_back(VG_TRY(idempotency_from_row(rows.row(r))));
    return out;
  }

  Result<std::vector<StoredReferral>> referrals_with_ids(const std::vector<std::string>& ids) override {
    return referrals(conn_.query(std::string("SELECT ") + kReferralColumns +
                                     " FROM referrals WHERE id = ANY($1::text[])",
                                 {text_array(ids)}));
  }

  // The conditions repeat the partial index's own, so the planner can prove it applies.
  Result<std::vector<StoredReferral>> referrals_with_crime_references(
      const std::vector<const StoredReferral*>& like) override {
    std::vector<std::string> forces, crimes, victims;
    for (const auto* r : like) {
      forces.push_back(r->police_force_code);
      crimes.push_back(r->crime_reference);
      victims.push_back(r->victim_key);
    }
    // Senders are no longer kept apart by the unique index (each sender has its own referral of a
    // crime), so two processes storing the same crime from two senders at once would each miss
    // the other and hold neither: a transaction lock per crime, taken in one order, makes the
    // second wait for the first and see its row.
    VG_CHECK(conn_.query(
        "SELECT pg_advisory_xact_lock(hashtextextended(f || '|' || c || '|' || v, 0)) FROM "
        "(SELECT DISTINCT f, c, v FROM unnest($1::text[], $2::text[], $3::text[]) AS t(f, c, v) "
        "ORDER BY f, c, v) AS crimes",
        {text_array(forces), text_array(crimes), text_array(victims)}));
    return referrals(conn_.query(
        std::string("SELECT ") + kReferralColumns +
            " FROM referrals WHERE (police_force_code, crime_reference, victim_key) IN "
            "(SELECT * FROM unnest($1::text[], $2::text[], $3::text[])) "
            "AND police_force_code <> '' AND crime_reference <> '' AND victim_key <> ''",
        {text_array(forces), text_array(crimes), text_array(victims)}));
  }

  // Takes the counter row's lock until commit: creates for one prefix queue here, so numbers are
  // handed out in commit order, and a rollback gives them back (no gaps, no reuse).
  Result<std::int64_t> take_reference_numbers(const std::string& prefix, std::int64_t count) override {
    auto rows = VG_TRY(conn_.query(
        "INSERT INTO reference_counters (prefix, last_number) VALUES ($1, $2::bigint) "
        "ON CONFLICT (prefix) DO UPDATE SET last_number = reference_counters.last_number + "
        "EXCLUDED.last_number RETURNING last_number",
        {prefix, std::to_string(count)}));
    if (rows.size() == 0) return fail("internal", "The reference counter returned no number");
    return rows.int64(0, 0) - count + 1;
  }

  Result<void> insert(const std::vector<StoredReferral>& referrals,
                      const std::vector<IdempotencyRecord>& records,
                      const std::vector<AuditEntry>& audit) override {
    if (!referrals.empty()) {
      std::vector<std::vector<std::string>> columns(16);
      for (const auto& r : referrals) {
        columns[0].push_back(r.id);
        columns[1].push_back(r.reference);
        columns[2].push_back(r.area);
        columns[3].push_back(r.channel);
        columns[4].push_back(format_instant(r.received_at));
        columns[5].push_back(r.source_organisation_id);
        columns[6].push_back(r.police_force_code);
        columns[7].push_back(r.crime_reference);
        columns[8].push_back(r.victim_key);
        columns[9].push_back(r.consent_state);
        columns[10].push_back(r.outcome);
        columns[11].push_back(r.service_id);
        columns[12].push_back(r.rule_set_version);
        columns[13].push_back(r.document);
        columns[14].push_back(r.assessment);
        columns[15].push_back(r.possible_duplicate_of);
      }
      // An empty sending organisation (a self-referral) is stored as NULL for the foreign key.
      VG_CHECK(inserted(
          conn_.query(std::string("INSERT INTO referrals (") + kReferralColumns +
                          ") SELECT c1, c2, c3, c4, c5, NULLIF(c6, ''), c7, c8, c9, c10, c11, "
                          "c12, c13, c14, c15, c16 FROM unnest($1::text[], $2::text[], $3::text[], "
                          "$4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], "
                          "$10::text[], $11::text[], $12::text[], $13::text[], $14::text[], "
                          "$15::text[], $16::text[]) AS t(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, "
                          "c11, c12, c13, c14, c15, c16)",
                      text_array_params(columns)),
          raced_));
    }
    if (!records.empty()) {
      std::vector<std::vector<std::string>> columns(7);
      for (const auto& k : records) {
        columns[0].push_back(k.organisation_id);
        columns[1].push_back(k.key);
        columns[2].push_back(k.request_hash);
        columns[3].push_back(std::to_string(k.status));
        columns[4].push_back(k.response_body);
        columns[5].push_back(k.referral_id);
        columns[6].push_back(format_instant(k.created_at));
      }
      VG_CHECK(inserted(conn_.query(std::string("INSERT INTO idempotency_keys (") +
                                        kIdempotencyColumns +
                                        ") SELECT c1, c2, c3, c4::int, c5, c6, c7 FROM unnest("
                                        "$1::text[], $2::text[], $3::text[], $4::text[], "
                                        "$5::text[], $6::text[], $7::text[]) AS t(c1, c2, c3, "
                                        "c4, c5, c6, c7)",
                                    text_array_params(columns)),
                        raced_));
    }
    return append_audit_entries(conn_, audit);
  }

  Result<void> hold_as_possible_duplicates(
      const std::vector<std::pair<std::string, std::string>>& holds) override {
    if (holds.empty()) return {};
    std::vector<std::string> ids, ofs;
    for (const auto& [id, of] : holds) {
      ids.push_back(id);
      ofs.push_back(of);
    }
    VG_CHECK(conn_.query(
        "UPDATE referrals AS r SET possible_duplicate_of = t.of FROM unnest($1::text[], $2::text[]) "
        "AS t(id, of) WHERE r.id = t.id AND r.possible_duplicate_of = ''",
        {text_array(ids), text_array(ofs)}));
    return {};
  }

 private:
  static Result<std::vector<StoredReferral>> referrals(Result<Rows> rows) {
    if (!rows) return std::unexpected(std::move(rows.error()));
    std::vector<StoredReferral> out;
    for (int r = 0; r < rows->size(); ++r) out.push_back(VG_TRY(referral_from_row(rows->row(r))));
    return out;
  }

  Connection& conn_;
  bool& raced_;
};

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

// Runs a create in a write transaction, again when it lost a race on a unique index.
Result<void> write_create(Pool& pool,
                          const std::function<Result<void>(Connection&, bool& raced)>& work) {
  for (int attempt = 1;; ++attempt) {
    bool raced = false;
    auto result = pool.write([&](Connection& conn) { return work(conn, raced); });
    if (result || !raced || attempt >= kCreateAttempts) return result;
  }
}

}  // namespace
}  // namespace vg::store::postgres

namespace vg::store {
using namespace postgres;

// Durability: Pool::write returns only after COMMIT, which with PostgreSQL's default
// synchronous_commit=on has flushed the WAL: a referral the caller was told is created
// survives a crash of either process.
template <>
Result<void> SqlReferrals<Pool>::create_together(const std::vector<const NewReferral*>& items,
                                                 std::vector<Result<ReferralCreated>>& answers) {
  return write_create(db_, [&](Connection& conn, bool& raced) -> Result<void> {
    PgGroup group(conn, raced);
    return create_group(group, items, answers);
  });
}

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
