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
    "document, assessment, possible_duplicate_of";

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
  r.possible_duplicate_of = row.text(15);
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

}  // namespace

// Durability: Database::write returns only after COMMIT, and the writer runs in WAL mode with
// synchronous=FULL (sqlite_database.cpp), so the WAL is synced at every commit: a referral the
// caller was told is created survives kill -9 and power loss. NORMAL would survive kill -9 but
// could lose the last commits on power loss, which an acknowledged referral must not.
// One writer, BEGIN IMMEDIATE: nothing else writes between the checks and the insert, so the
// checks' answer still holds when the row lands (across processes too, by the file lock).
Result<void> SqliteReferrals::create_together(const std::vector<const NewReferral*>& items,
                                        std::vector<Result<ReferralCreated>>& answers) {
  return db_.write([&](Connection& conn) -> Result<void> {
    SqliteGroup group(conn);
    return create_group(group, items, answers);
  });
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
