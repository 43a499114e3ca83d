#include "store/postgres/pg_store.h"

#include "store/instant_text.h"
#include "store/postgres/pg_database.h"
#include "store/postgres/pg_unit_of_work.h"
#include "store/sql/migration_version.h"
#include "store/sql/row_mappers.h"
#include "store/sql/sql_accounts.h"
#include "store/sql/sql_audit_log.h"
#include "store/sql/sql_directory.h"
#include "store/sql/sql_postcodes.h"
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
  SqlPostcodes<Pool> postcodes_;
  SqlAccounts<Pool> accounts_;
  SqlReferrals<Pool> referrals_;
  SqlPublicForms<Pool> public_forms_;
  SqlRuleSets<Pool> rule_sets_;
  SqlAuditLog<Pool> audit_;
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
