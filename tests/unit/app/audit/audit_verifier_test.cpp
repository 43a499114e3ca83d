// The audit chain check on a real SQLite file: intact after ordinary changes, broken (naming the
// entry) when someone edits a row behind the application's back, even after removing the
// append-only triggers to do it.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "app/audit/audit_verifier.h"
#include "app/clock.h"
#include "store/audit_anchor.h"
#include "store/open/open_store.h"
#include "store/store.h"

namespace vg::app {
namespace {

class AuditVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("vg-audit-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    store_ = store::open_store("sqlite:" + path_.string(), 1).value();
    ASSERT_TRUE(store_->migrate().has_value());
    for (int i = 0; i < 5; ++i) {
      accounts::AuditEntry e;
      e.at = std::chrono::system_clock::time_point{} + std::chrono::hours(i);
      e.actor = "system:test";
      e.action = "test.change";
      e.entity_type = "thing";
      e.entity_id = std::to_string(i);
      ASSERT_TRUE(store_->audit().append(e).has_value());
    }
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(path_);
    std::filesystem::remove(path_.string() + "-wal");
    std::filesystem::remove(path_.string() + "-shm");
    std::filesystem::remove(path_.string() + ".audit-head");
    std::filesystem::remove(path_.string() + ".audit-head.lock");
  }

  // What an intruder with file access would do: bypass the app and its triggers.
  void raw(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    const std::string error = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << error;
  }

  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(AuditVerifierTest, AnUntouchedLogIsIntact) {
  auto result = verify_audit_chain(store_->audit()).value();
  EXPECT_EQ(result.entries_checked, 5);
  EXPECT_FALSE(result.first_broken_seq.has_value());
}

TEST_F(AuditVerifierTest, TheDatabaseRefusesEditsThroughSql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET actor = 'someone else'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_FALSE(verify_audit_chain(store_->audit()).value().first_broken_seq.has_value());
}

TEST_F(AuditVerifierTest, AnEditedEntryBreaksTheChainAtThatEntry) {
  raw("DROP TRIGGER audit_log_no_update; "
      "UPDATE audit_log SET actor = 'someone else' WHERE seq = (SELECT MIN(seq) + 2 FROM audit_log)");
  auto result = verify_audit_chain(store_->audit()).value();
  ASSERT_TRUE(result.first_broken_seq.has_value());
  auto all = store_->audit().read(0, 10).value();
  EXPECT_EQ(*result.first_broken_seq, all.at(2).seq);
  EXPECT_FALSE(result.problem.empty());
}

TEST_F(AuditVerifierTest, ARemovedEntryBreaksTheChain) {
  raw("DROP TRIGGER audit_log_no_delete; "
      "DELETE FROM audit_log WHERE seq = (SELECT MIN(seq) + 1 FROM audit_log)");
  auto result = verify_audit_chain(store_->audit()).value();
  ASSERT_TRUE(result.first_broken_seq.has_value());
}

// A server given another key than the log's refuses to start instead of extending the chain.
TEST_F(AuditVerifierTest, TheKeyCheckRefusesAKeyTheLogWasNotWrittenWith) {
  const std::string key = "an-invented-audit-key-for-tests-only-0123";
  store_.reset();
  store_ = store::open_store("sqlite:" + path_.string(), 1, store::AuditAnchor{key, "", {}}).value();
  accounts::AuditEntry e;
  e.actor = "system:test";
  e.action = "test.keyed";
  ASSERT_TRUE(store_->audit().append(e).has_value());
  auto head = store::read_audit_head(path_.string() + ".audit-head").value();
  ASSERT_TRUE(head.has_value());
  EXPECT_TRUE(check_audit_key(store_->audit(), key, *head).has_value());
  auto other = check_audit_key(store_->audit(), "another-invented-key-of-forty-characters", *head);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, "audit_key_mismatch");
  // A head the log does not reach is verify-audit's to judge, not a reason to stop a server.
  EXPECT_TRUE(check_audit_key(store_->audit(), "another-invented-key-of-forty-characters",
                              {head->seq + 5, head->mac})
                  .has_value());
}

}  // namespace
}  // namespace vg::app
