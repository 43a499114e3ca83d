#include "store/sqlite/sqlite_store.h"

#include "store/instant_text.h"
#include "store/sql/migration_version.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_accounts.h"
#include "store/sql/sql_audit_log.h"
#include "store/sql/sql_directory.h"
#include "store/sql/sql_postcodes.h"
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
  SqlPostcodes<Database> postcodes_;
  SqlAccounts<Database> accounts_;
  SqlReferrals<Database> referrals_;
  SqlPublicForms<Database> public_forms_;
  SqlRuleSets<Database> rule_sets_;
  SqlAuditLog<Database> audit_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& filename, int readers,
                                                 std::shared_ptr<AuditChain> audit_chain) {
  auto db = VG_TRY(Database::open(filename, readers, std::move(audit_chain)));
  return std::unique_ptr<Store>(new SqliteStore(std::move(db)));
}

}  // namespace vg::store::sqlite
