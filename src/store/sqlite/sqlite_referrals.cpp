#include "store/sqlite/sqlite_referrals.h"

#include <cstdio>
#include <string_view>

#include "store/instant_text.h"
#include "store/referral_groups.h"
#include "store/referral_references.h"

namespace vg::store::sqlite {

namespace {

constexpr const char* kReferralColumns =
    "id, reference, area, channel, received_at, source_organisation_id, police_force_code, "
    "crime_reference, victim_key, consent_state, outcome, service_id, rule_set_version, "
    "document, assessment";

constexpr const char* kApiKeyColumns =
    "id, organisation_id, label, secret_hash, created_at, revoked_at";

constexpr const char* kIdempotencyColumns =
    "organisation_id, key, request_hash, status, response_body, referral_id, created_at";


Result<Instant> instant_column(const Statement& row, int column) {
  auto at = parse_instant(row.text(column));
  if (!at) return fail("internal", "A stored instant is not in the store's format");
  return *at;
}

Result<StoredReferral> referral_from_row(const Statement& row) {
  StoredReferral r;
  r.id = row.text(0);
  r.reference = row.text(1);
  r.area = row.text(2);
  r.channel = row.text(3);
  r.received_at = VG_TRY(instant_column(row, 4));
  r.source_organisation_id = row.text(5);  // NULL (self-referral) reads as empty
  r.police_force_code = row.text(6);
  r.crime_reference = row.text(7);
  r.victim_key = row.text(8);
  r.consent_state = row.text(9);
  r.outcome = row.text(10);
  r.service_id = row.text(11);
  r.rule_set_version = row.text(12);
  r.document = row.text(13);
  r.assessment = row.text(14);
  return r;
}

Result<ApiKey> api_key_from_row(const Statement& row) {
  ApiKey key;
  key.id = row.text(0);
  key.organisation_id = row.text(1);
  key.label = row.text(2);
  key.secret_hash = row.text(3);
  key.created_at = VG_TRY(instant_column(row, 4));
  if (!row.is_null(5)) key.revoked_at = VG_TRY(instant_column(row, 5));
  return key;
}

Result<IdempotencyRecord> idempotency_from_row(const Statement& row) {
  IdempotencyRecord record;
  record.organisation_id = row.text(0);
  record.key = row.text(1);
  record.request_hash = row.text(2);
  record.status = static_cast<int>(row.int64(3));
  record.response_body = row.text(4);
  record.referral_id = row.text(5);
  record.created_at = VG_TRY(instant_column(row, 6));
  return record;
}


Result<std::optional<StoredReferral>> referral_by_id(Connection& conn, const std::string& id) {
  auto stmt = VG_TRY(
      conn.prepare(std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE id = ?"));
  stmt.bind(id);
  if (!VG_TRY(stmt.step())) return std::optional<StoredReferral>();
  return std::optional<StoredReferral>(VG_TRY(referral_from_row(stmt)));
}

// The conditions repeat the partial index's own, so SQLite can use it.
Result<std::optional<StoredReferral>> referral_by_crime_reference(Connection& conn,
                                                                  const StoredReferral& r) {
  auto stmt = VG_TRY(conn.prepare(
      std::string("SELECT ") + kReferralColumns +
      " FROM referrals WHERE police_force_code = ? AND crime_reference = ? AND victim_key = ? "
      "AND police_force_code <> '' AND crime_reference <> '' AND victim_key <> ''"));
  stmt.bind(r.police_force_code).bind(r.crime_reference).bind(r.victim_key);
  if (!VG_TRY(stmt.step())) return std::optional<StoredReferral>();
  return std::optional<StoredReferral>(VG_TRY(referral_from_row(stmt)));
}

Result<std::int64_t> next_reference_number(Connection& conn, const std::string& prefix) {
  auto stmt = VG_TRY(conn.prepare(
      "INSERT INTO reference_counters (prefix, last_number) VALUES (?, 1) "
      "ON CONFLICT (prefix) DO UPDATE SET last_number = last_number + 1 RETURNING last_number"));
  stmt.bind(prefix);
  if (!VG_TRY(stmt.step())) return fail("internal", "The reference counter returned no number");
  const std::int64_t number = stmt.int64(0);
  VG_CHECK(stmt.run());
  return number;
}

Result<void> insert_referral(Connection& conn, const StoredReferral& r) {
  auto stmt = VG_TRY(conn.prepare(std::string("INSERT INTO referrals (") + kReferralColumns +
                                  ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt.bind(r.id)
      .bind(r.reference)
      .bind(r.area)
      .bind(r.channel)
      .bind(format_instant(r.received_at));
  if (r.source_organisation_id.empty()) {
    stmt.bind_null();
  } else {
    stmt.bind(r.source_organisation_id);
  }
  stmt.bind(r.police_force_code)
      .bind(r.crime_reference)
      .bind(r.victim_key)
      .bind(r.consent_state)
      .bind(r.outcome)
      .bind(r.service_id)
      .bind(r.rule_set_version)
      .bind(r.document)
      .bind(r.assessment);
  return stmt.run();
}

// The rules of ReferralRepository::create for one referral, inside the caller's write
// transaction. A refusal decided by reading alone (an idempotency key reused) is the answer; a
// failed statement is the error, and the caller's transaction must go.
Result<Result<ReferralCreated>> create_in(Connection& conn, const StoredReferral& referral,
                                          const std::string& prefix,
                                          const std::optional<IdempotencyRecord>& idempotency,
                                          const AuditEntry& audit) {
  ReferralCreated outcome;
  if (idempotency) {
    auto stmt =
        VG_TRY(conn.prepare(std::string("SELECT ") + kIdempotencyColumns +
                            " FROM idempotency_keys WHERE organisation_id = ? AND key = ?"));
    stmt.bind(idempotency->organisation_id).bind(idempotency->key);
    if (VG_TRY(stmt.step())) {
      auto stored = VG_TRY(idempotency_from_row(stmt));
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
  VG_CHECK(insert_referral(conn, outcome.referral));
  if (idempotency) {
    auto stmt = VG_TRY(conn.prepare(std::string("INSERT INTO idempotency_keys (") +
                                    kIdempotencyColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)"));
    stmt.bind(idempotency->organisation_id)
        .bind(idempotency->key)
        .bind(idempotency->request_hash)
        .bind(static_cast<std::int64_t>(idempotency->status))
        .bind(with_reference(idempotency->response_body, outcome.referral.reference))
        .bind(outcome.referral.id)
        .bind(format_instant(idempotency->created_at));
    VG_CHECK(stmt.run());
  }
  AuditEntry entry = audit;
  entry.entity_id = outcome.referral.id;
  VG_CHECK(append_audit(conn, entry));
  outcome.created = true;
  return outcome;
}

}  // namespace

// Durability: Database::write returns only after COMMIT, and the writer runs in WAL mode with
// synchronous=FULL (sqlite_database.cpp), so the WAL is synced at every commit: a referral the
// caller was told is created survives kill -9 and power loss. NORMAL would survive kill -9 but
// could lose the last commits on power loss, which an acknowledged referral must not.
// One writer, BEGIN IMMEDIATE: nothing else writes between the checks and the insert, so the
// checks' answer still holds when the row lands (across processes too, by the file lock).
std::vector<Result<ReferralCreated>> SqliteReferrals::create_each(
    const std::vector<NewReferral>& items) {
  return create_each_in_group(items, [&](const std::vector<const NewReferral*>& group,
                                         std::vector<Result<ReferralCreated>>& answers) {
    return db_.write([&](Connection& conn) -> Result<void> {
      for (std::size_t i = 0; i < group.size(); ++i) {
        const auto& item = *group[i];
        answers[i] = VG_TRY(
            create_in(conn, item.referral, item.reference_prefix, item.idempotency, item.audit));
      }
      return {};
    });
  });
}

Result<std::vector<ReferralCreated>> SqliteReferrals::create_batch(
    const std::vector<StoredReferral>& referrals, const std::string& reference_prefix,
    const AuditEntry& audit) {
  VG_CHECK(check_reference_prefix(reference_prefix));
  std::vector<ReferralCreated> outcomes;
  if (auto vg_outcome_ = db_.write([&](Connection& conn) -> Result<void> {
        outcomes.clear();
        outcomes.reserve(referrals.size());
        // In order, in one transaction: an earlier item is already in the table when a later one is
        // checked, so a repeat within the batch is a duplicate of the first.
        for (const auto& referral : referrals) {
          // Without an idempotency key nothing is refused by reading: an answer is a referral.
          auto answer = VG_TRY(create_in(conn, referral, reference_prefix, std::nullopt, audit));
          outcomes.push_back(VG_TRY(std::move(answer)));
        }
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return outcomes;
}

Result<std::optional<StoredReferral>> SqliteReferrals::find(const std::string& id) {
  return find_where("id = ?", id);
}

Result<std::optional<StoredReferral>> SqliteReferrals::find_by_reference(
    const std::string& reference) {
  return find_where("reference = ?", reference);
}

Result<std::optional<StoredReferral>> SqliteReferrals::find_where(const std::string& condition,
                                                                  const std::string& value) {
  std::optional<StoredReferral> found;
  if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
        found.reset();
        auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kReferralColumns +
                                        " FROM referrals WHERE " + condition));
        stmt.bind(value);
        if (VG_TRY(stmt.step())) found = VG_TRY(referral_from_row(stmt));
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return found;
}

Result<std::int64_t> SqliteReferrals::count() {
  std::int64_t n = 0;
  if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
        auto stmt = VG_TRY(conn.prepare("SELECT COUNT(*) FROM referrals"));
        if (VG_TRY(stmt.step())) n = stmt.int64(0);
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return n;
}

// Reads the counts the triggers keep (migration 0006), on a reader: a few rows, however many
// referrals there are.
Result<std::vector<std::pair<std::string, int>>> SqliteReferrals::open_cases_by_service(
    const std::string& area) {
  std::vector<std::pair<std::string, int>> open_cases;
  if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
        open_cases.clear();
        auto stmt = VG_TRY(conn.prepare(
            "SELECT service_id, open_cases FROM service_open_cases WHERE area = ? "
            "AND open_cases > 0 ORDER BY service_id"));
        stmt.bind(area);
        while (VG_TRY(stmt.step())) {
          open_cases.emplace_back(stmt.text(0), static_cast<int>(stmt.int64(1)));
        }
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return open_cases;
}

Result<void> SqliteReferrals::create_api_key(const ApiKey& key, const AuditEntry& audit) {
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

Result<std::optional<ApiKey>> SqliteReferrals::find_api_key_by_secret_hash(
    const std::string& secret_hash) {
  return find_api_key_where("secret_hash = ?", secret_hash);
}

Result<std::optional<ApiKey>> SqliteReferrals::find_api_key(const std::string& id) {
  return find_api_key_where("id = ?", id);
}

Result<std::optional<ApiKey>> SqliteReferrals::find_api_key_where(const std::string& condition,
                                                                  const std::string& value) {
  std::optional<ApiKey> found;
  if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
        found.reset();
        auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kApiKeyColumns +
                                        " FROM api_keys WHERE " + condition));
        stmt.bind(value);
        if (VG_TRY(stmt.step())) found = VG_TRY(api_key_from_row(stmt));
        return {};
      });
      !vg_outcome_) {
    return std::unexpected(std::move(vg_outcome_.error()));
  }
  return found;
}

Result<void> SqliteReferrals::revoke_api_key(const std::string& id, Instant at,
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

}  // namespace vg::store::sqlite
