#include "store/sqlite/sqlite_unit_of_work.h"

#include <algorithm>
#include <tuple>

#include "store/instant_text.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_unit_of_work.h"

namespace vg::store::sqlite {
namespace {

using intake::IdempotencyRecord;
using intake::StoredReferral;

// SQLite runs in this process, so a statement per row costs no round trip: each read and write
// is a loop over one prepared statement.
class SqliteReferralRows final : public ReferralRows {
 public:
  SqliteReferralRows(Connection& conn, const SealedFields& fields) : conn_(conn), fields_(fields) {}

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

  Result<std::vector<StoredReferral>> with_ids(const std::vector<std::string>& ids) override {
    std::vector<StoredReferral> out;
    auto stmt = VG_TRY(
        conn_.prepare(std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE id = ?"));
    for (const auto& id : ids) {
      stmt.bind(id);
      if (VG_TRY(stmt.step())) out.push_back(VG_TRY(referral_from_row(stmt, fields_)));
      stmt.reset();
    }
    return out;
  }

  // The conditions repeat the partial index's own, so SQLite can use it. No lock is needed: the
  // writer's BEGIN IMMEDIATE already holds every crime.
  Result<std::vector<StoredReferral>> with_crime_references(
      const std::vector<const StoredReferral*>& like) override {
    std::vector<StoredReferral> out;
    auto stmt = VG_TRY(conn_.prepare(
        std::string("SELECT ") + kReferralColumns +
        " FROM referrals WHERE police_force_code = ? AND crime_reference = ? AND victim_key = ? "
        "AND police_force_code <> '' AND crime_reference <> '' AND victim_key <> ''"));
    for (const auto* r : like) {
      stmt.bind(r->police_force_code).bind(r->crime_reference).bind(r->victim_key);
      while (VG_TRY(stmt.step())) out.push_back(VG_TRY(referral_from_row(stmt, fields_)));
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

  Result<void> insert(const std::vector<StoredReferral>& referrals) override {
    auto row = VG_TRY(conn_.prepare(std::string("INSERT INTO referrals (") + kReferralColumns +
                                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const auto& r : referrals) {
      const auto document = fields_.seal(r.document);
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
          .bind(document.sealed)
          .bind(r.assessment)
          .bind(r.possible_duplicate_of)
          .bind(document.key_id);
      VG_CHECK(row.run());
      row.reset();
    }
    return {};
  }

  Result<void> insert_idempotency_records(const std::vector<IdempotencyRecord>& records) override {
    auto record = VG_TRY(conn_.prepare(std::string("INSERT INTO idempotency_keys (") +
                                       kIdempotencyColumns + ") VALUES (?, ?, ?, ?, ?)"));
    for (const auto& k : records) {
      record.bind(k.organisation_id)
          .bind(k.key)
          .bind(k.request_hash)
          .bind(k.referral_id)
          .bind(format_instant(k.created_at));
      VG_CHECK(record.run());
      record.reset();
    }
    return {};
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

  // No lock is needed: the writer's BEGIN IMMEDIATE already holds every person. A common digest
  // costs one row of common_person_keys; any other reads at most `common_above` + 1 of its keys,
  // in the primary key's order, and is marked common when it finds that many.
  Result<std::vector<PersonKeyMatch>> open_cases_with_person_keys(
      const std::vector<std::string>& digests, int common_above) override {
    std::vector<std::pair<std::string, PersonKeyMatch>> found;  // opened_at as stored, match
    auto common = VG_TRY(conn_.prepare("SELECT 1 FROM common_person_keys WHERE digest = ?"));
    auto firsts = VG_TRY(conn_.prepare(
        "SELECT referral_id FROM person_match_keys WHERE digest = ? ORDER BY referral_id LIMIT ?"));
    auto open_case = VG_TRY(conn_.prepare(
        "SELECT opened_at, id, area, channel, possible_duplicate FROM cases WHERE id = ? AND is_open = 1"));
    std::vector<std::string> ids;
    for (const auto& digest : digests) {
      common.bind(digest);
      const bool marked = VG_TRY(common.step());
      common.reset();
      if (marked) continue;
      ids.clear();
      firsts.bind(digest).bind(static_cast<std::int64_t>(common_above) + 1);
      while (VG_TRY(firsts.step())) ids.push_back(firsts.text(0));
      firsts.reset();
      if (ids.size() > static_cast<std::size_t>(common_above)) {
        auto mark = VG_TRY(conn_.prepare("INSERT INTO common_person_keys (digest) VALUES (?) ON CONFLICT DO NOTHING"));
        mark.bind(digest);
        VG_CHECK(mark.run());
        continue;
      }
      for (const auto& id : ids) {
        open_case.bind(id);
        if (VG_TRY(open_case.step())) {
          found.push_back({open_case.text(0), {digest, open_case.text(1), open_case.text(2), open_case.text(3),
                                               open_case.int64(4) != 0}});
        }
        open_case.reset();
      }
    }
    // Instants are stored as fixed-width text, so they sort as text.
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first, a.second.case_id) < std::tie(b.first, b.second.case_id);
    });
    std::vector<PersonKeyMatch> out;
    out.reserve(found.size());
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
  }

  // The WHERE also keeps SQLite's parser from reading ON CONFLICT as a join's constraint.
  Result<void> insert_person_keys(const std::vector<PersonKeyRow>& rows) override {
    auto stmt = VG_TRY(conn_.prepare(
        "INSERT INTO person_match_keys (digest, referral_id) SELECT ?1, ?2 WHERE NOT EXISTS "
        "(SELECT 1 FROM common_person_keys WHERE digest = ?1) ON CONFLICT DO NOTHING"));
    for (const auto& row : rows) {
      stmt.bind(row.digest).bind(row.referral_id);
      VG_CHECK(stmt.run());
      stmt.reset();
    }
    return {};
  }

 private:
  Connection& conn_;
  const SealedFields& fields_;
};

}  // namespace

Result<void> write_unit_of_work(Database& db, const SealedFields& fields, const UnitOfWorkBody& work) {
  return db.write([&](Connection& conn) -> Result<void> {
    SqlUnitOfWork<Connection, SqliteReferralRows> unit(conn, fields);
    return work(unit);
  });
}

}  // namespace vg::store::sqlite
