#include "store/postgres/pg_unit_of_work.h"

#include "store/instant_text.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_unit_of_work.h"

namespace vg::store::postgres {
namespace {

using intake::IdempotencyRecord;
using intake::StoredReferral;

// A unit of work whose insert lost a race on a unique index runs again (its reads then see the
// winner's row) at most this many times in all.
constexpr int kAttempts = 3;

// An insert a unique index refused may have lost a race with a create committed after this
// transaction's checks ran: flags it so the create runs again and meets that row in its checks.
Result<void> inserted(Result<Rows> result, bool& raced) {
  if (!result) {
    if (result.error().code == "conflict") raced = true;
    return std::unexpected(std::move(result.error()));
  }
  return {};
}

// Every read and write is one statement for the whole group (arrays unnested on the server), so a group of sixty-four
// referrals costs a handful of round trips, not six per referral.
class PgReferralRows final : public ReferralRows {
 public:
  PgReferralRows(Connection& conn, const SealedFields& fields, bool& raced)
      : conn_(conn), fields_(fields), raced_(raced) {}

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

  Result<std::vector<StoredReferral>> with_ids(const std::vector<std::string>& ids) override {
    return referrals(conn_.query(std::string("SELECT ") + kReferralColumns +
                                     " FROM referrals WHERE id = ANY($1::text[])",
                                 {text_array(ids)}));
  }

  // The conditions repeat the partial index's own, so the planner can prove it applies.
  Result<std::vector<StoredReferral>> with_crime_references(
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

  Result<void> insert(const std::vector<StoredReferral>& referrals) override {
    if (referrals.empty()) return {};
    std::vector<std::vector<std::string>> columns(17);
    for (const auto& r : referrals) {
      auto document = fields_.seal(r.document);
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
      columns[13].push_back(std::move(document.sealed));
      columns[14].push_back(r.assessment);
      columns[15].push_back(r.possible_duplicate_of);
      columns[16].push_back(std::move(document.key_id));
    }
    // An empty sending organisation (a self-referral) is stored as NULL for the foreign key.
    VG_CHECK(inserted(
        conn_.query(std::string("INSERT INTO referrals (") + kReferralColumns +
                        ") SELECT c1, c2, c3, c4, c5, NULLIF(c6, ''), c7, c8, c9, c10, c11, "
                        "c12, c13, c14, c15, c16, c17 FROM unnest($1::text[], $2::text[], $3::text[], "
                        "$4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], "
                        "$10::text[], $11::text[], $12::text[], $13::text[], $14::text[], "
                        "$15::text[], $16::text[], $17::text[]) AS t(c1, c2, c3, c4, c5, c6, c7, c8, "
                        "c9, c10, c11, c12, c13, c14, c15, c16, c17)",
                    text_array_params(columns)),
        raced_));
    return {};
  }

  Result<void> insert_idempotency_records(const std::vector<IdempotencyRecord>& records) override {
    if (records.empty()) return {};
    std::vector<std::vector<std::string>> columns(5);
    for (const auto& k : records) {
      columns[0].push_back(k.organisation_id);
      columns[1].push_back(k.key);
      columns[2].push_back(k.request_hash);
      columns[3].push_back(k.referral_id);
      columns[4].push_back(format_instant(k.created_at));
    }
    VG_CHECK(inserted(conn_.query(std::string("INSERT INTO idempotency_keys (") +
                                      kIdempotencyColumns +
                                      ") SELECT * FROM unnest($1::text[], $2::text[], "
                                      "$3::text[], $4::text[], $5::text[])",
                                  text_array_params(columns)),
                      raced_));
    return {};
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

  // As with crimes: a transaction lock per person key, taken in one order, so two processes
  // storing referrals of one person at once do not each miss the other's. Its own lock class
  // (the two-key form) keeps these apart from the crimes' locks. Common keys are found first and
  // never locked, so a number thousands share does not make every create wait on one lock. A
  // digest marked common costs one index probe; one found common now is marked in the same
  // statement (ON CONFLICT: two creates may find it at once).
  Result<std::vector<PersonKeyMatch>> open_cases_with_person_keys(
      const std::vector<std::string>& digests, int common_above) override {
    if (digests.empty()) return std::vector<PersonKeyMatch>{};
    const auto limit = std::to_string(common_above + 1);
    auto rare = VG_TRY(conn_.query(
        "WITH counted AS (SELECT d.digest, (SELECT count(*) FROM (SELECT 1 FROM person_match_keys p "
        "WHERE p.digest = d.digest LIMIT $2::int) AS f) AS n FROM unnest($1::text[]) AS d(digest) "
        "WHERE NOT EXISTS (SELECT 1 FROM common_person_keys c WHERE c.digest = d.digest)), "
        "marked AS (INSERT INTO common_person_keys (digest) SELECT digest FROM counted WHERE n >= $2::int "
        "ON CONFLICT DO NOTHING) "
        "SELECT digest FROM counted WHERE n < $2::int ORDER BY digest",
        {text_array(digests), limit}));
    std::vector<std::string> people;
    for (int r = 0; r < rare.size(); ++r) people.push_back(rare.text(r, 0));
    if (people.empty()) return std::vector<PersonKeyMatch>{};
    VG_CHECK(conn_.query("SELECT pg_advisory_xact_lock(2, hashtext(d)) FROM unnest($1::text[]) AS t(d)",
                         {text_array(people)}));
    auto rows = VG_TRY(conn_.query(
        "SELECT k.digest, c.id, c.area, c.channel, c.possible_duplicate FROM unnest($1::text[]) AS d(digest) "
        "CROSS JOIN LATERAL (SELECT digest, referral_id FROM person_match_keys p WHERE p.digest = d.digest "
        "ORDER BY referral_id LIMIT $2::int) AS k JOIN cases c ON c.id = k.referral_id WHERE c.is_open = 1 "
        "ORDER BY c.opened_at, c.id",
        {text_array(people), limit}));
    std::vector<PersonKeyMatch> out;
    for (int r = 0; r < rows.size(); ++r) {
      out.push_back({rows.text(r, 0), rows.text(r, 1), rows.text(r, 2), rows.text(r, 3), rows.int64(r, 4) != 0});
    }
    return out;
  }

  Result<void> insert_person_keys(const std::vector<PersonKeyRow>& rows) override {
    if (rows.empty()) return {};
    std::vector<std::vector<std::string>> columns(2);
    for (const auto& row : rows) {
      columns[0].push_back(row.digest);
      columns[1].push_back(row.referral_id);
    }
    VG_CHECK(conn_.query(
        "INSERT INTO person_match_keys (digest, referral_id) SELECT * FROM unnest($1::text[], $2::text[]) "
        "AS t(digest, referral_id) WHERE NOT EXISTS (SELECT 1 FROM common_person_keys c "
        "WHERE c.digest = t.digest) ON CONFLICT DO NOTHING",
        text_array_params(columns)));
    return {};
  }

 private:
  Result<std::vector<StoredReferral>> referrals(Result<Rows> rows) const {
    if (!rows) return std::unexpected(std::move(rows.error()));
    std::vector<StoredReferral> out;
    for (int r = 0; r < rows->size(); ++r) out.push_back(VG_TRY(referral_from_row(rows->row(r), fields_)));
    return out;
  }

  Connection& conn_;
  const SealedFields& fields_;
  bool& raced_;
};

}  // namespace

Result<void> write_unit_of_work(Pool& pool, const SealedFields& fields, const UnitOfWorkBody& work) {
  for (int attempt = 1;; ++attempt) {
    bool raced = false;
    auto result = pool.write([&](Connection& conn) -> Result<void> {
      SqlUnitOfWork<Connection, PgReferralRows> unit(conn, fields, raced);
      return work(unit);
    });
    if (result || !raced || attempt >= kAttempts) return result;
  }
}

}  // namespace vg::store::postgres
