#include "store/postgres/pg_store.h"

#include "store/instant_text.h"
#include "store/postgres/pg_database.h"
#include "store/postgres/pg_unit_of_work.h"
#include "store/sql/migration_version.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_directory.h"
#include "store/sql/sql_public_forms.h"
#include "store/sql/sql_repositories.h"
#include "store/sql/sql_rule_sets.h"
#include "store/word_list.h"

namespace vg::store {
// Defined and instantiated with the referrals' own file (pg_referrals.cpp).
extern template class SqlReferrals<postgres::Pool>;
}  // namespace vg::store

namespace vg::store::postgres {

// Generated from src/store/postgres/migrations/*.sql by cmake/embed.cmake, sorted by file name.
extern const std::vector<std::pair<std::string_view, std::string_view>> kMigrations;

namespace {

// pg_advisory_xact_lock key that serialises migrations across processes ("vgmigr").
constexpr const char* kMigrationLockKey = "8386676391107442";

std::optional<std::string> optional_instant(const std::optional<Instant>& at) {
  if (!at) return std::nullopt;
  return format_instant(*at);
}

class PgPostcodes final : public PostcodeRepository {
 public:
  explicit PgPostcodes(Pool& pool) : pool_(pool) {}

  Result<void> upsert(const std::vector<Row>& rows) override {
    // Chunks of arrays: a few round trips for a whole ONS file's worth of rows, not one a row.
    constexpr std::size_t kChunk = 5000;
    return pool_.write([&](Connection& conn) -> Result<void> {
      for (std::size_t start = 0; start < rows.size(); start += kChunk) {
        std::vector<std::string> postcodes, lads;
        for (std::size_t i = start; i < std::min(rows.size(), start + kChunk); ++i) {
          postcodes.push_back(rows[i].postcode);
          lads.push_back(rows[i].lad_code);
        }
        VG_CHECK(conn.query(
            "INSERT INTO postcodes (postcode, lad_code) "
            "SELECT DISTINCT ON (p.postcode) p.postcode, p.lad_code FROM "
            "unnest($1::text[], $2::text[]) WITH ORDINALITY AS p (postcode, lad_code, n) "
            "ORDER BY p.postcode, p.n DESC "
            "ON CONFLICT (postcode) DO UPDATE SET lad_code = EXCLUDED.lad_code",
            {text_array(postcodes), text_array(lads)}));
      }
      return {};
    });
  }

  Result<std::optional<std::string>> find_lad(const std::string& postcode) override {
    std::optional<std::string> lad;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query("SELECT lad_code FROM postcodes WHERE postcode = $1",
                                    {postcode}));
      if (rows.size() > 0) lad = rows.text(0, 0);
      return {};
    }));
    return lad;
  }

  Result<std::int64_t> count() override {
    std::int64_t n = 0;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query("SELECT COUNT(*) FROM postcodes"));
      if (rows.size() > 0) n = rows.int64(0, 0);
      return {};
    }));
    return n;
  }

 private:
  Pool& pool_;
};

class PgAccounts final : public AccountRepository {
 public:
  explicit PgAccounts(Pool& pool) : pool_(pool) {}

  Result<void> upsert_organisation(const Organisation& org, const AuditEntry& audit) override {
    return pool_.write([&](Connection& conn) -> Result<void> {
      VG_CHECK(conn.query(
          "INSERT INTO organisations (id, name, kind, areas, police_force_codes, "
          "directory_organization_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE "
          "SET name = EXCLUDED.name, kind = EXCLUDED.kind, areas = EXCLUDED.areas, "
          "police_force_codes = EXCLUDED.police_force_codes, "
          "directory_organization_id = EXCLUDED.directory_organization_id",
          {org.id, org.name, org.kind, join_words(org.areas), join_words(org.police_force_codes),
           org.directory_organization_id}));
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<Organisation>> find_organisation(const std::string& id) override {
    std::optional<Organisation> found;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(std::string("SELECT ") + kAccountOrganisationColumns +
                                        " FROM organisations WHERE id = $1",
                                    {id}));
      if (rows.size() > 0) found = account_organisation_from_row(rows.row(0));
      return {};
    }));
    return found;
  }

  Result<void> create_user(const User& user, const AuditEntry& audit) override {
    auto result = pool_.write([&](Connection& conn) -> Result<void> {
      auto taken = VG_TRY(conn.query("SELECT 1 FROM users WHERE lower(email) = lower($1)",
                                     {user.email}));
      if (taken.size() > 0) return email_taken();
      VG_CHECK(conn.query(std::string("INSERT INTO users (") + kUserColumns +
                              ") VALUES ($1, $2, $3, $4, $5, $6, $7::int, $8, $9::boolean, $10)",
                          {user.id, user.email, user.display_name, user.password_hash,
                           std::string(accounts::to_code(user.role)), user.organisation_id,
                           std::to_string(user.failed_logins), optional_instant(user.locked_until),
                           std::string(user.active ? "true" : "false"),
                           format_instant(user.created_at)}));
      return append_audit(conn, audit);
    });
    // Two creates racing past the check: the unique index decides, with the same answer.
    if (!result && result.error().code == "conflict") return email_taken();
    return result;
  }

  Result<std::optional<User>> find_user_by_email(const std::string& email) override {
    return find_user_where("lower(email) = lower($1)", email);
  }

  Result<std::optional<User>> find_user(const std::string& id) override {
    return find_user_where("id = $1", id);
  }

  Result<void> record_login_failure(const std::string& user_id, int failed_logins,
                                    std::optional<Instant> locked_until,
                                    const AuditEntry& audit) override {
    return pool_.write([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(
          "UPDATE users SET failed_logins = $1::int, locked_until = $2 WHERE id = $3 RETURNING id",
          {std::to_string(failed_logins), optional_instant(locked_until), user_id}));
      if (rows.size() == 0) return not_found("The user");
      return append_audit(conn, audit);
    });
  }

  Result<void> start_session(const Session& session, const AuditEntry& audit) override {
    return pool_.write([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(
          "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 RETURNING id",
          {session.user_id}));
      if (rows.size() == 0) return not_found("The user");
      VG_CHECK(conn.query(
          "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id_hash) DO UPDATE SET "
          "user_id = EXCLUDED.user_id, csrf_token = EXCLUDED.csrf_token, "
          "created_at = EXCLUDED.created_at, last_seen_at = EXCLUDED.last_seen_at",
          {session.id_hash, session.user_id, session.csrf_token,
           format_instant(session.created_at), format_instant(session.last_seen_at)}));
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<Session>> find_session(const std::string& id_hash) override {
    std::optional<Session> found;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(
          conn.query(std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE id_hash = $1",
                     {id_hash}));
      if (rows.size() == 0) return {};
      found = VG_TRY(session_from_row(rows.row(0)));
      return {};
    }));
    return found;
  }

  Result<void> touch_session(const std::string& id_hash, Instant at) override {
    return pool_.with_connection([&](Connection& conn) -> Result<void> {
      VG_CHECK(conn.query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2",
                          {format_instant(at), id_hash}));
      return {};
    });
  }

  Result<void> end_session(const std::string& id_hash, const AuditEntry& audit) override {
    return pool_.write([&](Connection& conn) -> Result<void> {
      VG_CHECK(conn.query("DELETE FROM sessions WHERE id_hash = $1", {id_hash}));
      return append_audit(conn, audit);
    });
  }

  Result<std::int64_t> purge_sessions(Instant idle_before, Instant created_before) override {
    std::int64_t purged = 0;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(
          "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2 RETURNING id_hash",
          {format_instant(idle_before), format_instant(created_before)}));
      purged = rows.size();
      return {};
    }));
    return purged;
  }

  Result<std::vector<Organisation>> list_organisations() override {
    std::vector<Organisation> found;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(std::string("SELECT ") + kAccountOrganisationColumns +
                                    " FROM organisations ORDER BY name, id"));
      for (int r = 0; r < rows.size(); ++r)
        found.push_back(account_organisation_from_row(rows.row(r)));
      return {};
    }));
    return found;
  }

  Result<std::vector<User>> list_users() override {
    std::vector<User> found;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(std::string("SELECT ") + kUserColumns +
                                    " FROM users ORDER BY lower(email) COLLATE \"C\", id"));
      for (int r = 0; r < rows.size(); ++r) found.push_back(VG_TRY(user_from_row(rows.row(r))));
      return {};
    }));
    return found;
  }

  Result<void> set_user_active(const std::string& user_id, bool active,
                               const AuditEntry& audit) override {
    return pool_.write([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query("UPDATE users SET active = $1::boolean WHERE id = $2 RETURNING id",
                                    {std::string(active ? "true" : "false"), user_id}));
      if (rows.size() == 0) return not_found("The user");
      if (!active) VG_CHECK(conn.query("DELETE FROM sessions WHERE user_id = $1", {user_id}));
      return append_audit(conn, audit);
    });
  }

  Result<void> set_password_hash(const std::string& user_id, const std::string& password_hash,
                                 const AuditEntry& audit) override {
    return pool_.write([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(
          "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL "
          "WHERE id = $2 RETURNING id",
          {password_hash, user_id}));
      if (rows.size() == 0) return not_found("The user");
      VG_CHECK(conn.query("DELETE FROM sessions WHERE user_id = $1", {user_id}));
      VG_CHECK(conn.query("DELETE FROM sign_in_counters WHERE user_id = $1", {user_id}));
      return append_audit(conn, audit);
    });
  }

  Result<void> unlock_user(const std::string& user_id, const AuditEntry& audit) override {
    return pool_.write([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(
          "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 RETURNING id",
          {user_id}));
      if (rows.size() == 0) return not_found("The user");
      VG_CHECK(conn.query("DELETE FROM sign_in_counters WHERE user_id = $1", {user_id}));
      return append_audit(conn, audit);
    });
  }

  Result<std::vector<SignInCounter>> find_sign_in_counters(
      const std::vector<std::string>& buckets) override {
    std::vector<SignInCounter> found;
    if (buckets.empty()) return found;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(std::string("SELECT ") + kSignInCounterColumns +
                                        " FROM sign_in_counters WHERE bucket = ANY ($1::text[])",
                                    {text_array(buckets)}));
      for (int r = 0; r < rows.size(); ++r)
        found.push_back(VG_TRY(sign_in_counter_from_row(rows.row(r))));
      return {};
    }));
    return found;
  }

  Result<std::vector<int>> record_sign_in_failure(const std::vector<SignInBucket>& buckets,
                                                  Instant at, Instant forget_before,
                                                  const AuditEntry& audit) override {
    std::vector<int> failures;
    VG_CHECK(pool_.write([&](Connection& conn) -> Result<void> {
      failures.clear();
      for (const auto& b : buckets) {
        // The upsert takes the row's lock: two processes counting at once never lose a failure.
        auto rows = VG_TRY(conn.query(
            "INSERT INTO sign_in_counters (bucket, user_id, failures, last_failure_at) "
            "VALUES ($1, $2, 1, $3) ON CONFLICT (bucket) DO UPDATE SET "
            "failures = CASE WHEN sign_in_counters.last_failure_at < $4 THEN 1 "
            "ELSE sign_in_counters.failures + 1 END, "
            "last_failure_at = EXCLUDED.last_failure_at, user_id = EXCLUDED.user_id "
            "RETURNING failures",
            {b.bucket, b.user_id, format_instant(at), format_instant(forget_before)}));
        if (rows.size() == 0) return fail("internal", "The sign-in counter returned no row");
        failures.push_back(static_cast<int>(rows.int64(0, 0)));
      }
      return append_audit(conn, audit);
    }));
    return failures;
  }

  Result<void> record_sign_in_success(const SignInBucket& bucket, Instant at) override {
    return pool_.with_connection([&](Connection& conn) -> Result<void> {
      VG_CHECK(conn.query(
          "INSERT INTO sign_in_counters (bucket, user_id, failures, last_failure_at, "
          "signed_in_at) VALUES ($1, $2, 0, $3, $3) ON CONFLICT (bucket) DO UPDATE SET "
          "failures = 0, signed_in_at = EXCLUDED.signed_in_at, user_id = EXCLUDED.user_id",
          {bucket.bucket, bucket.user_id, format_instant(at)}));
      return {};
    });
  }

  Result<std::int64_t> purge_sign_in_counters(Instant failures_before,
                                              Instant signed_in_before) override {
    std::int64_t purged = 0;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(
          "DELETE FROM sign_in_counters WHERE last_failure_at < $1 AND "
          "(signed_in_at IS NULL OR signed_in_at < $2) RETURNING 1",
          {format_instant(failures_before), format_instant(signed_in_before)}));
      purged = rows.size();
      return {};
    }));
    return purged;
  }

 private:
  static std::unexpected<Error> email_taken() {
    return fail("conflict", "A user with that email address already exists",
                {{"email", "taken", "A user with that email address already exists"}});
  }

  Result<std::optional<User>> find_user_where(const std::string& condition,
                                              const std::string& value) {
    std::optional<User> found;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(conn.query(
          std::string("SELECT ") + kUserColumns + " FROM users WHERE " + condition, {value}));
      if (rows.size() > 0) found = VG_TRY(user_from_row(rows.row(0)));
      return {};
    }));
    return found;
  }

  Pool& pool_;
};

class PgAudit final : public AuditLog {
 public:
  explicit PgAudit(Pool& pool) : pool_(pool) {}

  Result<void> append(const AuditEntry& entry) override {
    return pool_.write([&](Connection& conn) { return append_audit(conn, entry); });
  }

  Result<std::vector<AuditEntry>> read(std::int64_t after_seq, int limit) override {
    std::vector<AuditEntry> entries;
    if (limit <= 0) return entries;
    VG_CHECK(pool_.with_connection([&](Connection& conn) -> Result<void> {
      auto rows = VG_TRY(
          conn.query(std::string("SELECT ") + kAuditColumns +
                         " FROM audit_log WHERE seq > $1::bigint ORDER BY seq LIMIT $2::bigint",
                     {std::to_string(after_seq), std::to_string(limit)}));
      for (int r = 0; r < rows.size(); ++r)
        entries.push_back(VG_TRY(audit_entry_from_row(rows.row(r))));
      return {};
    }));
    return entries;
  }

 private:
  Pool& pool_;
};

class PgStore final : public Store {
 public:
  PgStore(std::string url, int pool_size)
      : pool_(std::move(url), pool_size),
        directory_(pool_),
        postcodes_(pool_),
        accounts_(pool_),
        referrals_(pool_),
        public_forms_(pool_),
        rule_sets_(pool_),
        audit_(pool_) {}

  void set_audit_chain(std::shared_ptr<AuditChain> chain) { pool_.set_audit_chain(std::move(chain)); }

  Result<int> migrate() override {
    int applied = 0;
    const std::string lock =
        std::string("SELECT pg_advisory_xact_lock(") + kMigrationLockKey + ")";
    VG_CHECK(pool_.write([&](Connection& conn) -> Result<void> {
      // Under the lock: two instances starting together must not both create the table.
      VG_CHECK(conn.query(lock));
      return conn.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, "
          "applied_at timestamptz NOT NULL DEFAULT now())");
    }));
    for (const auto& [filename, sql] : kMigrations) {
      auto version = migration_version(filename);
      if (!version) {
        return fail("internal",
                    "Migration file name must start with its number: " + std::string(filename));
      }
      // One transaction per migration, under a lock every instance takes, re-checking inside
      // it: a migration is applied exactly once however many instances start at once.
      bool ran = false;
      auto result = pool_.write([&](Connection& conn) -> Result<void> {
        VG_CHECK(conn.query(lock));
        auto done = VG_TRY(conn.query("SELECT 1 FROM schema_migrations WHERE version = $1::bigint",
                                      {std::to_string(*version)}));
        if (done.size() > 0) return {};
        VG_CHECK(conn.exec(std::string(sql)));
        VG_CHECK(conn.query("INSERT INTO schema_migrations (version) VALUES ($1::bigint)",
                            {std::to_string(*version)}));
        ran = true;
        return {};
      });
      if (!result) {
        Error error = std::move(result.error());
        error.message = "Migration " + std::string(filename) + " failed: " + error.message;
        return std::unexpected(std::move(error));
      }
      if (ran) ++applied;
    }
    return applied;
  }

  Result<void> ping() override {
    return pool_.with_connection([](Connection& conn) -> Result<void> {
      VG_CHECK(conn.query("SELECT 1"));
      return {};
    });
  }

  PoolStats pool_stats() const override { return pool_.stats(); }
  std::string backend() const override { return "postgresql"; }

  DirectoryRepository& directory() override { return directory_; }
  PostcodeRepository& postcodes() override { return postcodes_; }
  AccountRepository& accounts() override { return accounts_; }
  ReferralRepository& referrals() override { return referrals_; }
  PublicFormRepository& public_forms() override { return public_forms_; }
  RuleSetRepository& rule_sets() override { return rule_sets_; }
  AuditLog& audit() override { return audit_; }
  Result<void> write(const UnitOfWorkBody& work) override { return write_unit_of_work(pool_, work); }

 private:
  Pool pool_;
  SqlDirectory<Pool> directory_;
  PgPostcodes postcodes_;
  PgAccounts accounts_;
  SqlReferrals<Pool> referrals_;
  SqlPublicForms<Pool> public_forms_;
  SqlRuleSets<Pool> rule_sets_;
  PgAudit audit_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url, int pool_size,
                                                   std::shared_ptr<AuditChain> audit_chain) {
  // Connections open lazily; open one now so a wrong URL is reported at start-up, not later.
  auto store = std::make_unique<PgStore>(url, pool_size);
  store->set_audit_chain(std::move(audit_chain));
  VG_CHECK(store->ping());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace vg::store::postgres
