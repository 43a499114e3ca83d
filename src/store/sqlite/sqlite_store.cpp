#include "store/sqlite/sqlite_store.h"

#include <charconv>

#include "store/instant_text.h"
#include "store/word_list.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_directory.h"
#include "store/sqlite/sqlite_public_forms.h"
#include "store/sqlite/sqlite_rule_sets.h"
#include "store/sqlite/sqlite_referrals.h"

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
    if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
      lad.reset();
      auto stmt = VG_TRY(conn.prepare("SELECT lad_code FROM postcodes WHERE postcode = ?"));
      stmt.bind(postcode);
      if (VG_TRY(stmt.step())) lad = stmt.text(0);
      return {};
    }); !vg_outcome_) {
      return std::unexpected(std::move(vg_outcome_.error()));
    }
    return lad;
  }

  Result<std::int64_t> count() override {
    std::int64_t n = 0;
    if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
      auto stmt = VG_TRY(conn.prepare("SELECT COUNT(*) FROM postcodes"));
      if (VG_TRY(stmt.step())) n = stmt.int64(0);
      return {};
    }); !vg_outcome_) {
      return std::unexpected(std::move(vg_outcome_.error()));
    }
    return n;
  }

 private:
  Database& db_;
};

constexpr const char* kUserColumns =
    "id, email, display_name, password_hash, role, organisation_id, failed_logins, locked_until, "
    "active, created_at";

Result<accounts::Instant> instant_column(const Statement& row, int column) {
  auto at = parse_instant(row.text(column));
  if (!at) return fail("internal", "A stored instant is not in the store's format");
  return *at;
}

Result<User> user_from_row(const Statement& row) {
  User user;
  user.id = row.text(0);
  user.email = row.text(1);
  user.display_name = row.text(2);
  user.password_hash = row.text(3);
  auto role = accounts::role_from_code(row.text(4));
  if (!role) return fail("internal", "A stored user has an unknown role code");
  user.role = *role;
  user.organisation_id = row.text(5);
  user.failed_logins = static_cast<int>(row.int64(6));
  if (!row.is_null(7)) user.locked_until = VG_TRY(instant_column(row, 7));
  user.active = row.int64(8) != 0;
  user.created_at = VG_TRY(instant_column(row, 9));
  return user;
}

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
    if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
      found.reset();
      auto stmt = VG_TRY(conn.prepare(
          "SELECT id, name, kind, areas, police_force_codes, directory_organization_id "
          "FROM organisations WHERE id = ?"));
      stmt.bind(id);
      if (VG_TRY(stmt.step())) {
        found = Organisation{stmt.text(0), stmt.text(1), stmt.text(2), split_words(stmt.text(3)),
                             split_words(stmt.text(4)), stmt.text(5)};
      }
      return {};
    }); !vg_outcome_) {
      return std::unexpected(std::move(vg_outcome_.error()));
    }
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
    if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
      found.reset();
      auto stmt = VG_TRY(conn.prepare(
          "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions "
          "WHERE id_hash = ?"));
      stmt.bind(id_hash);
      if (!VG_TRY(stmt.step())) return {};
      Session s;
      s.id_hash = stmt.text(0);
      s.user_id = stmt.text(1);
      s.csrf_token = stmt.text(2);
      s.created_at = VG_TRY(instant_column(stmt, 3));
      s.last_seen_at = VG_TRY(instant_column(stmt, 4));
      found = std::move(s);
      return {};
    }); !vg_outcome_) {
      return std::unexpected(std::move(vg_outcome_.error()));
    }
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
    if (auto vg_outcome_ = db_.write([&](Connection& conn) -> Result<void> {
      purged = 0;
      auto stmt = VG_TRY(conn.prepare(
          "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ? RETURNING id_hash"));
      stmt.bind(format_instant(idle_before)).bind(format_instant(created_before));
      while (VG_TRY(stmt.step())) ++purged;
      return {};
    }); !vg_outcome_) {
      return std::unexpected(std::move(vg_outcome_.error()));
    }
    return purged;
  }

 private:
  Result<std::optional<User>> find_user_where(const std::string& condition,
                                              const std::string& value) {
    std::optional<User> found;
    if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
      found.reset();
      auto stmt = VG_TRY(conn.prepare(std::string("SELECT ") + kUserColumns +
                                      " FROM users WHERE " + condition));
      stmt.bind(value);
      if (VG_TRY(stmt.step())) found = VG_TRY(user_from_row(stmt));
      return {};
    }); !vg_outcome_) {
      return std::unexpected(std::move(vg_outcome_.error()));
    }
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
    if (auto vg_outcome_ = db_.read([&](Connection& conn) -> Result<void> {
      entries.clear();
      auto stmt = VG_TRY(conn.prepare(
          "SELECT seq, at, actor, action, entity_type, entity_id, detail, prev_hash, hash "
          "FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?"));
      stmt.bind(after_seq).bind(static_cast<std::int64_t>(limit));
      while (VG_TRY(stmt.step())) {
        AuditEntry e;
        e.seq = stmt.int64(0);
        e.at = VG_TRY(instant_column(stmt, 1));
        e.actor = stmt.text(2);
        e.action = stmt.text(3);
        e.entity_type = stmt.text(4);
        e.entity_id = stmt.text(5);
        e.detail = stmt.text(6);
        e.prev_hash = stmt.text(7);
        e.hash = stmt.text(8);
        entries.push_back(std::move(e));
      }
      return {};
    }); !vg_outcome_) {
      return std::unexpected(std::move(vg_outcome_.error()));
    }
    return entries;
  }

 private:
  Database& db_;
};

// "0007_add_x.sql" -> 7; nullopt when the name does not start with digits and an underscore.
std::optional<std::int64_t> migration_version(std::string_view filename) {
  std::int64_t version = 0;
  auto [end, ec] = std::from_chars(filename.data(), filename.data() + filename.size(), version);
  if (ec != std::errc() || end == filename.data() || end == filename.data() + filename.size() ||
      *end != '_') {
    return std::nullopt;
  }
  return version;
}

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
    if (auto vg_outcome_ = db_->with_writer([&](Connection& conn) -> Result<void> {
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
    }); !vg_outcome_) {
      return std::unexpected(std::move(vg_outcome_.error()));
    }
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

 private:
  std::unique_ptr<Database> db_;
  SqliteDirectory directory_;
  SqlitePostcodes postcodes_;
  SqliteAccounts accounts_;
  SqliteReferrals referrals_;
  SqlitePublicForms public_forms_;
  SqliteRuleSets rule_sets_;
  SqliteAudit audit_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& filename, int readers,
                                                 std::shared_ptr<AuditChain> audit_chain) {
  auto db = VG_TRY(Database::open(filename, readers, std::move(audit_chain)));
  return std::unique_ptr<Store>(new SqliteStore(std::move(db)));
}

}  // namespace vg::store::sqlite
