#include "store/postgres/pg_referrals.h"

#include <cstdio>
#include <string_view>

#include "store/instant_text.h"
#include "store/referral_groups.h"
#include "store/referral_references.h"

namespace vg::store::postgres {

namespace {

constexpr const char* kReferralColumns =
    "id, reference, area, channel, received_at, source_organisation_id, police_force_code, "
    "crime_reference, victim_key, consent_state, outcome, service_id, rule_set_version, "
    "document, assessment";

constexpr const char* kApiKeyColumns =
    "id, organisation_id, label, secret_hash, created_at, revoked_at";

constexpr const char* kIdempotencyColumns =
    "organisation_id, key, request_hash, status, response_body, referral_id, created_at";


// A create that lost a race on a unique index runs again (the checks then see the winner's row)
// at most this many times in all.
constexpr int kCreateAttempts = 3;

Result<Instant> instant_column(const Rows& rows, int r, int column) {
  auto at = parse_instant(rows.text(r, column));
  if (!at) return fail("internal", "A stored instant is not in the store's format");
  return *at;
}

std::optional<std::string> optional_instant(const std::optional<Instant>& at) {
  if (!at) return std::nullopt;
  return format_instant(*at);
}

// Empty means none (a self-referral): stored as NULL so the foreign key allows it.
std::optional<std::string> optional_id(const std::string& id) {
  if (id.empty()) return std::nullopt;
  return id;
}

Result<StoredReferral> referral_from_row(const Rows& rows, int r) {
  StoredReferral referral;
  referral.id = rows.text(r, 0);
  referral.reference = rows.text(r, 1);
  referral.area = rows.text(r, 2);
  referral.channel = rows.text(r, 3);
  referral.received_at = VG_TRY(instant_column(rows, r, 4));
  referral.source_organisation_id = rows.text(r, 5);  // NULL (self-referral) reads as empty
  referral.police_force_code = rows.text(r, 6);
  referral.crime_reference = rows.text(r, 7);
  referral.victim_key = rows.text(r, 8);
  referral.consent_state = rows.text(r, 9);
  referral.outcome = rows.text(r, 10);
  referral.service_id = rows.text(r, 11);
  referral.rule_set_version = rows.text(r, 12);
  referral.document = rows.text(r, 13);
  referral.assessment = rows.text(r, 14);
  return referral;
}

Result<ApiKey> api_key_from_row(const Rows& rows, int r) {
  ApiKey key;
  key.id = rows.text(r, 0);
  key.organisation_id = rows.text(r, 1);
  key.label = rows.text(r, 2);
  key.secret_hash = rows.text(r, 3);
  key.created_at = VG_TRY(instant_column(rows, r, 4));
  if (!rows.is_null(r, 5)) key.revoked_at = VG_TRY(instant_column(rows, r, 5));
  return key;
}

Result<IdempotencyRecord> idempotency_from_row(const Rows& rows, int r) {
  IdempotencyRecord record;
  record.organisation_id = rows.text(r, 0);
  record.key = rows.text(r, 1);
  record.request_hash = rows.text(r, 2);
  record.status = static_cast<int>(rows.int64(r, 3));
  record.response_body = rows.text(r, 4);
  record.referral_id = rows.text(r, 5);
  record.created_at = VG_TRY(instant_column(rows, r, 6));
  return record;
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

Result<std::optional<StoredReferral>> referral_by_id(Connection& conn, const std::string& id) {
  auto rows = VG_TRY(conn.query(
      std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE id = $1", {id}));
  if (rows.size() == 0) return std::optional<StoredReferral>();
  return std::optional<StoredReferral>(VG_TRY(referral_from_row(rows, 0)));
}

// The conditions repeat the partial index's own, so the planner can prove it applies.
Result<std::optional<StoredReferral>> referral_by_crime_reference(Connection& conn,
                                                                  const StoredReferral& r) {
  auto rows = VG_TRY(
      conn.query(std::string("SELECT ") + kReferralColumns +
                     " FROM referrals WHERE police_force_code = $1 AND crime_reference = $2 "
                     "AND victim_key = $3 AND police_force_code <> '' AND crime_reference <> '' "
                     "AND victim_key <> ''",
                 {r.police_force_code, r.crime_reference, r.victim_key}));
  if (rows.size() == 0) return std::optional<StoredReferral>();
  return std::optional<StoredReferral>(VG_TRY(referral_from_row(rows, 0)));
}

// Takes the counter row's lock until commit: creates for one prefix queue here, so numbers are
// handed out in commit order, and a rollback gives the number back (no gaps, no reuse).
Result<std::int64_t> next_reference_number(Connection& conn, const std::string& prefix) {
  auto rows = VG_TRY(conn.query(
      "INSERT INTO reference_counters (prefix, last_number) VALUES ($1, 1) "
      "ON CONFLICT (prefix) DO UPDATE SET last_number = reference_counters.last_number + 1 "
      "RETURNING last_number",
      {prefix}));
  if (rows.size() == 0) return fail("internal", "The reference counter returned no number");
  return rows.int64(0, 0);
}

// The rules of ReferralRepository::create for one referral, inside the caller's write
// transaction. A refusal decided by reading alone (an idempotency key reused) is the answer; a
// failed statement is the error, and the caller's transaction must go.
Result<Result<ReferralCreated>> create_in(Connection& conn, const StoredReferral& referral,
                                  const std::string& prefix,
                                  const std::optional<IdempotencyRecord>& idempotency,
                                  const AuditEntry& audit, bool& raced) {
  ReferralCreated outcome;
  if (idempotency) {
    auto rows = VG_TRY(conn.query(std::string("SELECT ") + kIdempotencyColumns +
                                      " FROM idempotency_keys WHERE organisation_id = $1 "
                                      "AND key = $2",
                                  {idempotency->organisation_id, idempotency->key}));
    if (rows.size() > 0) {
      auto stored = VG_TRY(idempotency_from_row(rows, 0));
      if (stored.request_hash != idempotency->request_hash) return idempotency_key_reused();
      auto earlier = VG_TRY(referral_by_id(conn, stored.referral_id));
      if (!earlier) return fail("internal", "An idempotency record points at no referral");
      outcome.referral = std::move(*earlier);
      outcome.duplicate_of = "idempotency";
      outcome.replay = std::move(stored);
      return outcome;
    }
  }
  if (has_crime_reference(referral)) {
    auto earlier = VG_TRY(referral_by_crime_reference(conn, referral));
    if (earlier) {
      outcome.referral = std::move(*earlier);
      outcome.duplicate_of = "crime_reference";
      return outcome;
    }
  }
  outcome.referral = referral;
  outcome.referral.reference = reference_for(prefix, VG_TRY(next_reference_number(conn, prefix)));
  const StoredReferral& r = outcome.referral;
  VG_CHECK(inserted(
      conn.query(std::string("INSERT INTO referrals (") + kReferralColumns +
                     ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                 {r.id, r.reference, r.area, r.channel, format_instant(r.received_at),
                  optional_id(r.source_organisation_id), r.police_force_code, r.crime_reference,
                  r.victim_key, r.consent_state, r.outcome, r.service_id, r.rule_set_version,
                  r.document, r.assessment}),
      raced));
  if (idempotency) {
    VG_CHECK(
        inserted(conn.query(std::string("INSERT INTO idempotency_keys (") + kIdempotencyColumns +
                                ") VALUES ($1, $2, $3, $4::int, $5, $6, $7)",
                            {idempotency->organisation_id, idempotency->key,
                             idempotency->request_hash, std::to_string(idempotency->status),
                             with_reference(idempotency->response_body, r.reference), r.id,
                             format_instant(idempotency->created_at)}),
                 raced));
  }
  AuditEntry entry = audit;
  entry.entity_id = r.id;
  VG_CHECK(append_audit(conn, entry));
  outcome.created = true;
  return outcome;
}

}  // namespace

Result<void> PgReferrals::write_create(
    const std::function<Result<void>(Connection&, bool& raced)>& work) {
  for (int attempt = 1;; ++attempt) {
    bool raced = false;
    auto result = pool_.write([&](Connection& conn) { return work(conn, raced); });
    if (result || !raced || attempt >= kCreateAttempts) return result;
  }
}

// Durability: Pool::write returns only after COMMIT, which with PostgreSQL's default
// synchronous_commit=on has flushed the WAL: a referral the caller was told is created
// survives a crash of either process.
std::vector<Result<ReferralCreated>> PgReferrals::create_each(const std::vector<NewReferral>& items) {
  return create_each_in_group(items, [&](const std::vector<const NewReferral*>& group,
                                         std::vector<Result<ReferralCreated>>& answers) {
    return write_create([&](Connection& conn, bool& raced) -> Result<void> {
      for (std::size_t i = 0; i < group.size(); ++i) {
        const auto& item = *group[i];
        answers[i] = VG_TRY(create_in(conn, item.referral, item.reference_prefix, item.idempotency,
                                      item.audit, raced));
      }
      return {};
    });
  });
}

Result<std::vector<ReferralCreated>> PgReferrals::create_batch(
    const std::vector<StoredReferral>& referrals, const std::string& reference_prefix,
    const AuditEntry& audit) {
  VG_CHECK(check_reference_prefix(reference_prefix));
  std::vector<ReferralCreated> outcomes;
  if (auto vg_outcome_ = write_create([&](Connection& conn, bool& raced) -> Result<void> {
        outcomes.clear();
        outcomes.reserve(referrals.size());
        // In order, in one transaction: an earlier item is already in the table when a later one is
        // checked, so a repeat within the batch is a duplicate of the first.
        for (const auto& referral : referrals) {
          // Without an idempotency key nothing is refused by reading: an answer is a referral.
          auto answer =
              VG_TRY(create_in(conn, referral, reference_prefix, std::nullopt, audit, raced));
          outcomes.push_back(VG_TRY(std::move(answer)));
        }
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return outcomes;
}

Result<std::optional<StoredReferral>> PgReferrals::find(const std::string& id) {
  return find_where("id = $1", id);
}

Result<std::optional<StoredReferral>> PgReferrals::find_by_reference(const std::string& reference) {
  return find_where("reference = $1", reference);
}

Result<std::optional<StoredReferral>> PgReferrals::find_where(const std::string& condition,
                                                              const std::string& value) {
  std::optional<StoredReferral> found;
  if (auto vg_outcome_ = pool_.with_connection([&](Connection& conn) -> Result<void> {
        found.reset();
        auto rows = VG_TRY(conn.query(
            std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE " + condition,
            {value}));
        if (rows.size() > 0) found = VG_TRY(referral_from_row(rows, 0));
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return found;
}

Result<std::int64_t> PgReferrals::count() {
  std::int64_t n = 0;
  if (auto vg_outcome_ = pool_.with_connection([&](Connection& conn) -> Result<void> {
        auto rows = VG_TRY(conn.query("SELECT COUNT(*) FROM referrals"));
        if (rows.size() > 0) n = rows.int64(0, 0);
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return n;
}

// One grouped query. Once casework exists, closed cases will be excluded here.
Result<std::vector<std::pair<std::string, int>>> PgReferrals::open_cases_by_service(
    const std::string& area) {
  std::vector<std::pair<std::string, int>> open_cases;
  if (auto vg_outcome_ = pool_.with_connection([&](Connection& conn) -> Result<void> {
        open_cases.clear();
        auto rows = VG_TRY(
            conn.query("SELECT service_id, open_cases FROM service_open_cases WHERE area = $1 "
                       "AND open_cases > 0 ORDER BY service_id",
                       {area}));
        for (int r = 0; r < rows.size(); ++r) {
          open_cases.emplace_back(rows.text(r, 0), static_cast<int>(rows.int64(r, 1)));
        }
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return open_cases;
}

Result<void> PgReferrals::create_api_key(const ApiKey& key, const AuditEntry& audit) {
  return pool_.write([&](Connection& conn) -> Result<void> {
    VG_CHECK(conn.query(std::string("INSERT INTO api_keys (") + kApiKeyColumns +
                            ") VALUES ($1, $2, $3, $4, $5, $6)",
                        {key.id, key.organisation_id, key.label, key.secret_hash,
                         format_instant(key.created_at), optional_instant(key.revoked_at)}));
    return append_audit(conn, audit);
  });
}

Result<std::optional<ApiKey>> PgReferrals::find_api_key_by_secret_hash(
    const std::string& secret_hash) {
  return find_api_key_where("secret_hash = $1", secret_hash);
}

Result<std::optional<ApiKey>> PgReferrals::find_api_key(const std::string& id) {
  return find_api_key_where("id = $1", id);
}

Result<std::optional<ApiKey>> PgReferrals::find_api_key_where(const std::string& condition,
                                                              const std::string& value) {
  std::optional<ApiKey> found;
  if (auto vg_outcome_ = pool_.with_connection([&](Connection& conn) -> Result<void> {
        found.reset();
        auto rows = VG_TRY(conn.query(
            std::string("SELECT ") + kApiKeyColumns + " FROM api_keys WHERE " + condition,
            {value}));
        if (rows.size() > 0) found = VG_TRY(api_key_from_row(rows, 0));
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return found;
}

Result<void> PgReferrals::revoke_api_key(const std::string& id, Instant at,
                                         const AuditEntry& audit) {
  return pool_.write([&](Connection& conn) -> Result<void> {
    // The first revocation's time stands: it is when the key stopped working.
    auto rows = VG_TRY(conn.query(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 RETURNING id",
        {format_instant(at), id}));
    if (rows.size() == 0) return not_found("The API key");
    return append_audit(conn, audit);
  });
}

}  // namespace vg::store::postgres
