#include "store/sqlite/sqlite_store.h"

#include "store/instant_text.h"
#include "store/sql/migration_version.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_directory.h"
#include "store/sql/sql_public_forms.h"
#include "store/sql/sql_repositories.h"
#include "store/sql/sql_rule_sets.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_unit_of_work.h"
#include "store/word_list.h"

namespace vg::store {
// Defined and instantiated with the referrals' own file (sqlite_referrals.cpp).
extern template class SqlReferrals<sqlite::Database>;
}  // namespace vg::store

namespace vg::store::sqlite {

// Generated from src/store/sqlite/migrations/*.sql by cmake/embed.cmake, sorted by file name.
extern const std::vector<std::pair<std::string_view, std::string_view>> kMigrations;

namespace {

class SqlitePostcodes final : public PostcodeRepository {
 public:
  explicit SqlitePostcodes(Database& db) : db_(db) {}

  Result<void> upsert(const std::vector<Row>& rows) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      for (const auto& row : rows) {
        auto stmt = VG_TRY(conn.prepare(
            "INSERT INTO postcodes (postcode, lad_code) VALUES (?, ?) "
            "ON CONFLICT (postcode) DO UPDATE SET lad_code = excluded.lad_code"));
        stmt.bind(row.postcode).bind(row.lad_code);
        VG_CHECK(stmt.run());
      }
      return {};
    });
  }

  Result<std::optional<std::string>> find_lad(const std::string& postcode) override {
    std::optional<std::string> lad;
    VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
      lad.reset();
      auto stmt = VG_TRY(conn.prepare("SELECT lad_code FROM postcodes WHERE postcode = ?"));
      stmt.bind(postcode);
      if (VG_TRY(stmt.step())) lad = stmt.text(0);
      return {};
    }));
    return lad;
  }

  Result<std::int64_t> count() override {
    std::int64_t n = 0;
    VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
      auto stmt = VG_TRY(conn.prepare("SELECT COUNT(*) FROM postcodes"));
      if (VG_TRY(stmt.step())) n = stmt.int64(0);
      return {};
    }));
    return n;
  }

 private:
  Database& db_;
};

class SqliteAccounts final : public AccountRepository {
 public:
  explicit SqliteAccounts(Database& db) : db_(db) {}

  Result<void> upsert_organisation(const Organisation& org, const AuditEntry& audit) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      auto stmt = VG_TRY(conn.prepare(
          "INSERT INTO organisations (id, name, kind, areas, police_force_codes, "
          "directory_organization_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
          "SET name = excluded.name, kind = excluded.kind, areas = excluded.areas, "
          "police_force_codes = excluded.police_force_codes, "
          "directory_organization_id = excluded.directory_organization_id"));
      stmt.bind(org.id).bind(org.name).bind(org.kind).bind(join_words(org.areas));
      stmt.bind(join_words(org.police_force_codes)).bind(org.directory_organization_id);
      VG_CHECK(stmt.run());
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<Organisation>> find_organisation(const std::string& id) override {
    std::optional<Organisation> found;
    VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
      found.reset();
      auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kAccountOrganisationColumns +
                                      " FROM organisations WHERE id = ?"));
      stmt.bind(id);
      if (VG_TRY(stmt.step())) found = account_organisation_from_row(stmt);
      return {};
    }));
    return found;
  }

  Result<void> create_user(const User& user, const AuditEntry& audit) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      {
        auto taken = VG_TRY(conn.prepare("SELECT 1 FROM users WHERE lower(email) = lower(?)"));
        taken.bind(user.email);
        if (VG_TRY(taken.step())) {
          return fail("conflict", "A user with that email address already exists",
                      {{"email", "taken", "A user with that email address already exists"}});
        }
      }
      auto stmt = VG_TRY(conn.prepare(std::string("INSERT INTO users (") + kUserColumns +
                                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
      stmt.bind(user.id)
          .bind(user.email)
          .bind(user.display_name)
          .bind(user.password_hash)
          .bind(accounts::to_code(user.role))
          .bind(user.organisation_id)
          .bind(static_cast<std::int64_t>(user.failed_logins));
      if (user.locked_until) {
        stmt.bind(format_instant(*user.locked_until));
      } else {
        stmt.bind_null();
      }
      stmt.bind(static_cast<std::int64_t>(user.active ? 1 : 0)).bind(format_instant(user.created_at));
      VG_CHECK(stmt.run());
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<User>> find_user_by_email(const std::string& email) override {
    return find_user_where("lower(email) = lower(?)", email);
  }

  Result<std::optional<User>> find_user(const std::string& id) override {
    return find_user_where("id = ?", id);
  }

  Result<void> record_login_failure(const std::string& user_id, int failed_logins,
                                    std::optional<Instant> locked_until,
                                    const AuditEntry& audit) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      auto stmt = VG_TRY(conn.prepare(
          "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ? RETURNING id"));
      stmt.bind(static_cast<std::int64_t>(failed_logins));
      if (locked_until) {
        stmt.bind(format_instant(*locked_until));
      } else {
        stmt.bind_null();
      }
      stmt.bind(user_id);
      if (!VG_TRY(stmt.step())) return not_found("The user");
      VG_CHECK(stmt.run());
      return append_audit(conn, audit);
    });
  }

  Result<void> start_session(const Session& session, const AuditEntry& audit) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      {
        auto reset = VG_TRY(conn.prepare(
            "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ? RETURNING id"));
        reset.bind(session.user_id);
        if (!VG_TRY(reset.step())) return not_found("The user");
        VG_CHECK(reset.run());
      }
      auto stmt = VG_TRY(conn.prepare(
          "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) "
          "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id_hash) DO UPDATE SET user_id = excluded.user_id, "
          "csrf_token = excluded.csrf_token, created_at = excluded.created_at, "
          "last_seen_at = excluded.last_seen_at"));
      stmt.bind(session.id_hash)
          .bind(session.user_id)
          .bind(session.csrf_token)
          .bind(format_instant(session.created_at))
          .bind(format_instant(session.last_seen_at));
      VG_CHECK(stmt.run());
      return append_audit(conn, audit);
    });
  }

  Result<std::optional<Session>> find_session(const std::string& id_hash) override {
    std::optional<Session> found;
    VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
      found.reset();
      auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kSessionColumns +
                                      " FROM sessions WHERE id_hash = ?"));
      stmt.bind(id_hash);
      if (!VG_TRY(stmt.step())) return {};
      found = VG_TRY(session_from_row(stmt));
      return {};
    }));
    return found;
  }

  Result<void> touch_session(const std::string& id_hash, Instant at) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      auto stmt = VG_TRY(conn.prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?"));
      stmt.bind(format_instant(at)).bind(id_hash);
      return stmt.run();
    });
  }

  Result<void> end_session(const std::string& id_hash, const AuditEntry& audit) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      auto stmt = VG_TRY(conn.prepare("DELETE FROM sessions WHERE id_hash = ?"));
      stmt.bind(id_hash);
      VG_CHECK(stmt.run());
      return append_audit(conn, audit);
    });
  }

  Result<std::int64_t> purge_sessions(Instant idle_before, Instant created_before) override {
    std::int64_t purged = 0;
    VG_CHECK(db_.write([&](Connection& conn) -> Result<void> {
      purged = 0;
      auto stmt = VG_TRY(conn.prepare(
          "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ? RETURNING id_hash"));
      stmt.bind(format_instant(idle_before)).bind(format_instant(created_before));
      while (VG_TRY(stmt.step())) ++purged;
      return {};
    }));
    return purged;
  }

  Result<std::vector<Organisation>> list_organisations() override {
    std::vector<Organisation> found;
    VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
      found.clear();
      auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kAccountOrganisationColumns +
                                      " FROM organisations ORDER BY name, id"));
      while (VG_TRY(stmt.step())) found.push_back(account_organisation_from_row(stmt));
      return {};
    }));
    return found;
  }

  Result<std::vector<User>> list_users() override {
    std::vector<User> found;
    VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
      found.clear();
      auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kUserColumns +
                                      " FROM users ORDER BY lower(email), id"));
      while (VG_TRY(stmt.step())) found.push_back(VG_TRY(user_from_row(stmt)));
      return {};
    }));
    return found;
  }

  Result<void> set_user_active(const std::string& user_id, bool active,
                               const AuditEntry& audit) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      VG_CHECK(update_user(conn, "UPDATE users SET active = ? WHERE id = ? RETURNING id",
                           active ? 1 : 0, user_id));
      if (!active) VG_CHECK(end_sessions_of(conn, user_id));
      return append_audit(conn, audit);
    });
  }

  Result<void> set_password_hash(const std::string& user_id, const std::string& password_hash,
                                 const AuditEntry& audit) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      {
        auto stmt = VG_TRY(conn.prepare(
            "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL "
            "WHERE id = ? RETURNING id"));
        stmt.bind(password_hash).bind(user_id);
        if (!VG_TRY(stmt.step())) return not_found("The user");
        VG_CHECK(stmt.run());
      }
      VG_CHECK(end_sessions_of(conn, user_id));
      VG_CHECK(clear_counters_of(conn, user_id));
      return append_audit(conn, audit);
    });
  }

  Result<void> unlock_user(const std::string& user_id, const AuditEntry& audit) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      VG_CHECK(update_user(
          conn, "UPDATE users SET failed_logins = ?, locked_until = NULL WHERE id = ? RETURNING id",
          0, user_id));
      VG_CHECK(clear_counters_of(conn, user_id));
      return append_audit(conn, audit);
    });
  }

  Result<std::vector<SignInCounter>> find_sign_in_counters(
      const std::vector<std::string>& buckets) override {
    std::vector<SignInCounter> found;
    VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
      found.clear();
      for (const auto& bucket : buckets) {
        auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kSignInCounterColumns +
                                        " FROM sign_in_counters WHERE bucket = ?"));
        stmt.bind(bucket);
        if (!VG_TRY(stmt.step())) continue;
        found.push_back(VG_TRY(sign_in_counter_from_row(stmt)));
      }
      return {};
    }));
    return found;
  }

  Result<std::vector<int>> record_sign_in_failure(const std::vector<SignInBucket>& buckets,
                                                  Instant at, Instant forget_before,
                                                  const AuditEntry& audit) override {
    std::vector<int> failures;
    VG_CHECK(db_.write([&](Connection& conn) -> Result<void> {
      failures.clear();
      for (const auto& b : buckets) {
        // One statement per bucket: the count is read and raised under the writer's lock, so
        // two processes counting at once never lose a failure.
        auto stmt = VG_TRY(conn.prepare(
            "INSERT INTO sign_in_counters (bucket, user_id, failures, last_failure_at) "
            "VALUES (?, ?, 1, ?) ON CONFLICT (bucket) DO UPDATE SET "
            "failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END, "
            "last_failure_at = excluded.last_failure_at, user_id = excluded.user_id "
            "RETURNING failures"));
        stmt.bind(b.bucket).bind(b.user_id).bind(format_instant(at)).bind(
            format_instant(forget_before));
        if (!VG_TRY(stmt.step())) return fail("internal", "The sign-in counter returned no row");
        failures.push_back(static_cast<int>(stmt.int64(0)));
        while (VG_TRY(stmt.step())) {
        }
      }
      return append_audit(conn, audit);
    }));
    return failures;
  }

  Result<void> record_sign_in_success(const SignInBucket& bucket, Instant at) override {
    return db_.write([&](Connection& conn) -> Result<void> {
      auto stmt = VG_TRY(conn.prepare(
          "INSERT INTO sign_in_counters (bucket, user_id, failures, last_failure_at, "
          "signed_in_at) VALUES (?, ?, 0, ?, ?) ON CONFLICT (bucket) DO UPDATE SET "
          "failures = 0, signed_in_at = excluded.signed_in_at, user_id = excluded.user_id"));
      stmt.bind(bucket.bucket).bind(bucket.user_id).bind(format_instant(at)).bind(
          format_instant(at));
      return stmt.run();
    });
  }

  Result<std::int64_t> purge_sign_in_counters(Instant failures_before,
                                              Instant signed_in_before) override {
    std::int64_t purged = 0;
    VG_CHECK(db_.write([&](Connection& conn) -> Result<void> {
      purged = 0;
      auto stmt = VG_TRY(conn.prepare(
          "DELETE FROM sign_in_counters WHERE last_failure_at < ? AND "
          "(signed_in_at IS NULL OR signed_in_at < ?) RETURNING 1"));
      stmt.bind(format_instant(failures_before)).bind(format_instant(signed_in_before));
      while (VG_TRY(stmt.step())) ++purged;
      return {};
    }));
    return purged;
  }

 private:
  static Result<void> update_user(Connection& conn, const char* sql, std::int64_t value,
                                  const std::string& user_id) {
    auto stmt = VG_TRY(conn.prepare(sql));
    stmt.bind(value).bind(user_id);
    if (!VG_TRY(stmt.step())) return not_found("The user");
    return stmt.run();
  }

  static Result<void> end_sessions_of(Connection& conn, const std::string& user_id) {
    auto stmt = VG_TRY(conn.prepare("DELETE FROM sessions WHERE user_id = ?"));
    stmt.bind(user_id);
    return stmt.run();
  }

  static Result<void> clear_counters_of(Connection& conn, const std::string& user_id) {
    auto stmt = VG_TRY(conn.prepare("DELETE FROM sign_in_counters WHERE user_id = ?"));
    stmt.bind(user_id);
    return stmt.run();
  }

  Result<std::optional<User>> find_user_where(const std::string& condition,
                                              const std::string& value) {
    std::optional<User> found;
    VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
      found.reset();
      auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kUserColumns +
                                      " FROM users WHERE " + condition));
      stmt.bind(value);
      if (VG_TRY(stmt.step())) found = VG_TRY(user_from_row(stmt));
      return {};
    }));
    return found;
  }

  Database& db_;
};

class SqliteAudit final : public AuditLog {
 public:
  explicit SqliteAudit(Database& db) : db_(db) {}

  Result<void> append(const AuditEntry& entry) override {
    return db_.write([&](Connection& conn) { return append_audit(conn, entry); });
  }

  Result<std::vector<AuditEntry>> read(std::int64_t after_seq, int limit) override {
    std::vector<AuditEntry> entries;
    if (limit <= 0) return entries;
    VG_CHECK(db_.read([&](Connection& conn) -> Result<void> {
      entries.clear();
      auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kAuditColumns +
                                      " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?"));
      stmt.bind(after_seq).bind(static_cast<std::int64_t>(limit));
      while (VG_TRY(stmt.step())) entries.push_back(VG_TRY(audit_entry_from_row(stmt)));
      return {};
    }));
    return entries;
  }

 private:
  Database& db_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Database> db)
      : db_(std::move(db)),
        directory_(*db_),
        postcodes_(*db_),
        accounts_(*db_),
        referrals_(*db_),
        public_forms_(*db_),
        rule_sets_(*db_),
        audit_(*db_) {}

  Result<int> migrate() override {
    int applied = 0;
    VG_CHECK(db_->with_writer([&](Connection& conn) -> Result<void> {
      VG_CHECK(conn.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "applied_at TEXT NOT NULL)"));
      for (const auto& [filename, sql] : kMigrations) {
        auto version = migration_version(filename);
        if (!version) {
          return fail("internal", "Migration file name must start with its number: " +
                                      std::string(filename));
        }
        // One transaction per migration: a failing migration leaves the ones before it applied
        // and nothing of itself.
        VG_CHECK(conn.exec("BEGIN IMMEDIATE"));
        auto step = [&]() -> Result<bool> {
          auto done = VG_TRY(conn.prepare("SELECT 1 FROM schema_migrations WHERE version = ?"));
          done.bind(*version);
          if (VG_TRY(done.step())) return false;
          VG_CHECK(conn.exec(std::string(sql)));
          auto record = VG_TRY(conn.prepare(
              "INSERT INTO schema_migrations (version, applied_at) "
              "VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"));
          record.bind(*version);
          VG_CHECK(record.run());
          return true;
        }();
        if (step) {
          auto committed = conn.exec("COMMIT");
          if (!committed) step = std::unexpected(std::move(committed.error()));
        }
        if (!step) {
          (void)conn.exec("ROLLBACK");
          Error error = std::move(step.error());
          error.message = "Migration " + std::string(filename) + " failed: " + error.message;
          return std::unexpected(std::move(error));
        }
        if (*step) ++applied;
      }
      return {};
    }));
    return applied;
  }

  Result<void> ping() override {
    return db_->read([](Connection& conn) -> Result<void> {
      auto stmt = VG_TRY(conn.prepare("SELECT 1"));
      return stmt.run();
    });
  }

  PoolStats pool_stats() const override { return db_->stats(); }
  std::string backend() const override { return "sqlite"; }

  DirectoryRepository& directory() override { return directory_; }
  PostcodeRepository& postcodes() override { return postcodes_; }
  AccountRepository& accounts() override { return accounts_; }
  ReferralRepository& referrals() override { return referrals_; }
  PublicFormRepository& public_forms() override { return public_forms_; }
  RuleSetRepository& rule_sets() override { return rule_sets_; }
  AuditLog& audit() override { return audit_; }
  Result<void> write(const UnitOfWorkBody& work) override { return write_unit_of_work(*db_, work); }

 private:
  std::unique_ptr<Database> db_;
  SqlDirectory<Database> directory_;
  SqlitePostcodes postcodes_;
  SqliteAccounts accounts_;
  SqlReferrals<Database> referrals_;
  SqlPublicForms<Database> public_forms_;
  SqlRuleSets<Database> rule_sets_;
  SqliteAudit audit_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& filename, int readers,
                                                 std::shared_ptr<AuditChain> audit_chain) {
  auto db = VG_TRY(Database::open(filename, readers, std::move(audit_chain)));
  return std::unique_ptr<Store>(new SqliteStore(std::move(db)));
}

}  // namespace vg::store::sqlite
