// store::Store over either backend's database (sqlite::Database, postgres::Pool): its
// repositories on one database, the one migration runner, the pool's figures. Store-internal;
// each backend's open_*_store makes one. Holds no SQL of a repository.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "store/sql/migration_version.h"
#include "store/sql/sql_accounts.h"
#include "store/sql/sql_audit_log.h"
#include "store/sql/sql_break_glass.h"
#include "store/sql/sql_case_merges.h"
#include "store/sql/sql_case_risk.h"
#include "store/sql/sql_cases.h"
#include "store/sql/sql_chats.h"
#include "store/sql/sql_dialect.h"
#include "store/sql/sql_directory.h"
#include "store/sql/sql_insight.h"
#include "store/sql/sql_jobs.h"
#include "store/sql/sql_onward_referrals.h"
#include "store/sql/sql_outbox.h"
#include "store/sql/sql_postcodes.h"
#include "store/sql/sql_public_forms.h"
#include "store/sql/sql_query.h"
#include "store/sql/sql_referrals.h"
#include "store/sql/sql_rule_sets.h"
#include "store/sql/sealed_fields.h"
#include "store/store.h"
#include "store/unit_of_work.h"

namespace vg::store {

template <typename Db>
class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<Db> db, const Migrations& migrations)
      : db_(std::move(db)),
        migrations_(migrations),
        directory_(*db_),
        postcodes_(*db_),
        accounts_(*db_),
        referrals_(*db_, fields_),
        public_forms_(*db_),
        rule_sets_(*db_),
        cases_(*db_),
        case_risk_(*db_, fields_),
        jobs_(*db_),
        outbox_(*db_),
        onward_referrals_(*db_),
        case_merges_(*db_),
        break_glass_(*db_),
        insight_(*db_),
        chats_(*db_),
        audit_(*db_) {}

  Result<int> migrate() override {
    // A migration may rightly take longer than any request's statement: no time limit meanwhile
    // (PostgreSQL's pool has one; SQLite's database, in this process, needs none).
    if constexpr (requires(Db& db) { db.statement_time_limit(); }) {
      const auto limit = db_->statement_time_limit();
      db_->limit_statement_time({});
      auto applied = apply_migrations();
      db_->limit_statement_time(limit);
      return applied;
    } else {
      return apply_migrations();
    }
  }

 private:
  // One transaction per migration, under the dialect's lock, re-checking inside it: a failing
  // migration leaves the ones before it applied and nothing of itself, and a migration is
  // applied exactly once however many instances start at once.
  Result<int> apply_migrations() {
    const MigrationStatements statements = migration_statements(Db::kDialect);
    auto lock = [&](auto& conn) -> Result<void> {
      if (*statements.lock) VG_CHECK(conn.run(statements.lock));
      return {};
    };
    // Under the lock: two instances starting together must not both create the table.
    VG_CHECK(db_->write([&](auto& conn) -> Result<void> {
      VG_CHECK(lock(conn));
      return conn.exec(statements.create_table);
    }));
    int applied = 0;
    for (const auto& [filename, sql] : migrations_) {
      auto version = migration_version(filename);
      if (!version) {
        return fail("internal",
                    "Migration file name must start with its number: " + std::string(filename));
      }
      bool ran = false;
      auto result = db_->write([&](auto& conn) -> Result<void> {
        ran = false;
        VG_CHECK(lock(conn));
        if (VG_TRY(conn.run("SELECT 1 FROM schema_migrations WHERE version = $1", {*version}))) {
          return {};
        }
        VG_CHECK(conn.exec(std::string(sql)));
        VG_CHECK(conn.run(statements.record, {*version}));
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

 public:
  Result<void> ping() override {
    return db_->read_one([](auto& conn) -> Result<void> {
      VG_CHECK(conn.run("SELECT 1"));
      return {};
    });
  }

  PoolStats pool_stats() const override { return db_->stats(); }
  std::string backend() const override { return dialect_name(Db::kDialect); }

  DirectoryRepository& directory() override { return directory_; }
  PostcodeRepository& postcodes() override { return postcodes_; }
  AccountRepository& accounts() override { return accounts_; }
  ReferralRepository& referrals() override { return referrals_; }
  PublicFormRepository& public_forms() override { return public_forms_; }
  RuleSetRepository& rule_sets() override { return rule_sets_; }
  CaseRepository& cases() override { return cases_; }
  CaseRiskRepository& case_risk() override { return case_risk_; }
  JobQueue& jobs() override { return jobs_; }
  OutboxRepository& outbox() override { return outbox_; }
  OnwardReferralRepository& onward_referrals() override { return onward_referrals_; }
  CaseMergeRepository& case_merges() override { return case_merges_; }
  BreakGlassRepository& break_glass() override { return break_glass_; }
  InsightRepository& insight() override { return insight_; }
  ChatRepository& chats() override { return chats_; }
  AuditLog& audit() override { return audit_; }
  // The backend's own (write_unit_of_work in <backend>_unit_of_work.h).
  Result<void> write(const UnitOfWorkBody& work) override { return write_unit_of_work(*db_, fields_, work); }
  // The notes key the fields the store seals itself are sealed and opened with (store/open/seal_fields.h).
  void seal_fields_with(std::shared_ptr<const FieldCipher> cipher) { fields_.use(std::move(cipher)); }
  // The database, for repositories opened beside the store on it (store/open).
  Db& database() { return *db_; }

 private:
  std::unique_ptr<Db> db_;
  const Migrations& migrations_;
  SealedFields fields_;  // before the repositories that hold it
  SqlDirectory<Db> directory_;
  SqlPostcodes<Db> postcodes_;
  SqlAccounts<Db> accounts_;
  SqlReferrals<Db> referrals_;
  SqlPublicForms<Db> public_forms_;
  SqlRuleSets<Db> rule_sets_;
  SqlCases<Db> cases_;
  SqlCaseRisk<Db> case_risk_;
  SqlJobs<Db> jobs_;
  SqlOutbox<Db> outbox_;
  SqlOnwardReferrals<Db> onward_referrals_;
  SqlCaseMerges<Db> case_merges_;
  SqlBreakGlass<Db> break_glass_;
  SqlInsight<Db> insight_;
  SqlChats<Db> chats_;
  SqlAuditLog<Db> audit_;
};

}  // namespace vg::store
