// Conformance: the keyed, anchored audit chain on a real database of either backend. Each test
// tampers with the database as an intruder holding it would (dropping the append-only triggers
// first) and shows verify_audit_chain catches it: entries cut from the end, an edited entry, the
// chain recomputed without the key, the whole log rolled back to an older copy; and that a log
// of today's unkeyed entries hands over to the keyed chain without losing its own check.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/audit/audit_verifier.h"
#include "store/audit_anchor.h"
#include "store/open/open_store.h"
#include "store_fixture.h"

namespace vg::store::testing {
namespace {

constexpr const char* kKey = "an-invented-audit-key-for-tests-only-0123";

class AuditAnchorTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    use_reachable_database();
    // PostgreSQL has no file to put it beside: a configured path, as audit_head would be.
    head_path_ = is_postgres(url_)
                     ? (std::filesystem::temp_directory_path() /
                        ("vg-audit-anchor-" + std::to_string(::getpid()) + "-" +
                         ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                           .string()
                     : default_audit_head_path(url_);
    std::filesystem::remove(head_path_);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(head_path_);
    std::filesystem::remove(head_path_ + ".lock");
    StoreTest::TearDown();
  }

  // Reopens the same database as a process configured with `key` (empty: none) would.
  void reopen(const std::string& key) {
    store_.reset();
    AuditAnchor anchor;
    anchor.key = key;
    anchor.head_path = head_path_;
    anchor.on_head = [this](const AuditHead& head, std::string_view problem) {
      EXPECT_EQ(problem, "");
      logged_.push_back(head);
    };
    auto opened = open_store(url_, 2, std::move(anchor));
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store_ = std::move(*opened);
  }

  void append(const std::string& action, int n = 1) {
    for (int i = 0; i < n; ++i) {
      auto done = store_->audit().append(audit_entry(action, std::to_string(i)));
      ASSERT_TRUE(done.has_value()) << done.error().message;
    }
  }

  std::optional<AuditHead> head() { return read_audit_head(head_path_).value(); }

  app::AuditVerification verify(std::vector<AuditHead> heads, const std::string& key = kKey) {
    auto result = app::verify_audit_chain(store_->audit(), {key, std::move(heads)});
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return result ? *result : app::AuditVerification{};
  }
  app::AuditVerification verify_with_head_file() {
    auto h = head();
    return verify(h ? std::vector<AuditHead>{*h} : std::vector<AuditHead>{});
  }

  std::vector<AuditEntry> entries() { return store_->audit().read(0, 1000).value(); }

  void drop_triggers() {
    ASSERT_EQ(run_raw_sql(url_, is_postgres(url_)
                                    ? "DROP TRIGGER audit_log_no_update_or_delete ON audit_log"
                                    : "DROP TRIGGER audit_log_no_update; "
                                      "DROP TRIGGER audit_log_no_delete"),
              "");
  }

  std::string head_path_;
  std::vector<AuditHead> logged_;
};

TEST_F(AuditAnchorTest, KeyedEntriesCarryAMacAndTheHeadFollowsEachCommit) {
  reopen(kKey);
  append("test.keyed", 3);
  auto all = entries();
  ASSERT_EQ(all.size(), 3u);
  std::string prev;
  for (const auto& e : all) {
    EXPECT_TRUE(is_keyed_audit_hash(e.hash)) << e.hash;
    EXPECT_EQ(e.hash, audit_mac(kKey, e, prev));
    EXPECT_NE(e.hash, audit_hash(e, prev));
    prev = e.hash;
  }
  auto h = head();
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->seq, all.back().seq);
  EXPECT_EQ(h->mac, all.back().hash);
  ASSERT_EQ(logged_.size(), 3u);  // one head per commit, logged as it changes
  EXPECT_EQ(logged_.back().seq, all.back().seq);
  auto result = verify_with_head_file();
  EXPECT_FALSE(result.first_broken_seq.has_value()) << result.problem;
  EXPECT_FALSE(result.unanchored);
  EXPECT_EQ(result.entries_checked, 3);
}

TEST_F(AuditAnchorTest, ADirectoryImportAppendsUnderOneHeadChange) {
  reopen(kKey);
  DirectoryBatch batch;
  batch.organizations = {organization(uuid(1), "Org")};
  apply(batch, "directory.import");
  ASSERT_EQ(logged_.size(), 1u);
  EXPECT_EQ(head()->mac, entries().back().hash);
}

TEST_F(AuditAnchorTest, EntriesCutFromTheEndAreDetected) {
  reopen(kKey);
  append("test.keyed", 5);
  drop_triggers();
  ASSERT_EQ(run_raw_sql(url_, "DELETE FROM audit_log WHERE seq > (SELECT MIN(seq) + 2 FROM "
                              "audit_log)"),
            "");
  ASSERT_EQ(entries().size(), 3u);
  auto result = verify_with_head_file();
  ASSERT_TRUE(result.first_broken_seq.has_value());
  EXPECT_EQ(*result.first_broken_seq, head()->seq);
  EXPECT_NE(result.problem.find("removed from the end"), std::string::npos) << result.problem;
  // Without a head nothing shows the end was cut: never reported as simply intact.
  EXPECT_TRUE(verify({}).unanchored);
}

TEST_F(AuditAnchorTest, AnEditedEntryIsDetected) {
  reopen(kKey);
  append("test.keyed", 4);
  drop_triggers();
  const auto second = entries().at(1).seq;
  ASSERT_EQ(run_raw_sql(url_, "UPDATE audit_log SET actor = 'someone else' WHERE seq = " +
                                  std::to_string(second)),
            "");
  auto result = verify_with_head_file();
  ASSERT_TRUE(result.first_broken_seq.has_value());
  EXPECT_EQ(*result.first_broken_seq, second);
}

// What an intruder without the key can do: edit an entry and recompute every hash after it,
// in the keyed format with a key of their own, or in the unkeyed format anyone can compute.
TEST_F(AuditAnchorTest, AChainRecomputedWithoutTheKeyIsDetected) {
  reopen(kKey);
  append("test.keyed", 4);
  drop_triggers();
  for (const bool as_unkeyed : {false, true}) {
    std::string prev;
    for (auto e : entries()) {
      if (e.entity_id == "1") e.actor = "someone else";
      e.prev_hash = prev;
      e.hash = as_unkeyed ? audit_hash(e, prev)
                          : audit_mac("a-key-the-intruder-made-up-for-this-0000", e, prev);
      ASSERT_EQ(run_raw_sql(url_, "UPDATE audit_log SET actor = '" + e.actor +
                                      "', prev_hash = '" + e.prev_hash + "', hash = '" + e.hash +
                                      "' WHERE seq = " + std::to_string(e.seq)),
                "");
      prev = e.hash;
    }
    auto result = verify_with_head_file();
    EXPECT_TRUE(result.first_broken_seq.has_value()) << (as_unkeyed ? "unkeyed" : "other key");
    if (as_unkeyed) {
      // All of it checks as an unkeyed chain: only the head kept outside the database, whose
      // MAC is not the rewritten last entry's, shows it was rewritten.
      EXPECT_FALSE(verify({}).first_broken_seq.has_value());
    }
  }
}

TEST_F(AuditAnchorTest, TheWholeLogRolledBackToAnOlderCopyIsDetected) {
  reopen(kKey);
  append("test.keyed", 3);
  ASSERT_EQ(run_raw_sql(url_, "CREATE TABLE audit_copy AS SELECT * FROM audit_log"), "");
  append("test.keyed.later", 2);
  // Restore the older copy, as putting back an old backup of the database would.
  drop_triggers();
  ASSERT_EQ(run_raw_sql(url_, "DELETE FROM audit_log"), "");
  ASSERT_EQ(run_raw_sql(url_, is_postgres(url_)
                                  ? "INSERT INTO audit_log OVERRIDING SYSTEM VALUE "
                                    "SELECT * FROM audit_copy"
                                  : "INSERT INTO audit_log SELECT * FROM audit_copy"),
            "");
  ASSERT_EQ(entries().size(), 3u);
  // The copy is a perfectly good chain in itself: only the head kept outside shows it is old.
  EXPECT_FALSE(verify({}).first_broken_seq.has_value());
  auto result = verify_with_head_file();
  ASSERT_TRUE(result.first_broken_seq.has_value());
  EXPECT_NE(result.problem.find("rolled back"), std::string::npos) << result.problem;
}

// Several processes share one PostgreSQL; each keeps the highest head it has seen. A head
// behind the database is fine when what follows it chains; ahead never is.
TEST_F(AuditAnchorTest, ADatabaseAheadOfAnOlderHeadVerifies) {
  reopen(kKey);
  append("test.keyed", 2);
  const auto older = *head();
  append("test.keyed", 3);
  auto result = verify({older});
  EXPECT_FALSE(result.first_broken_seq.has_value()) << result.problem;
  EXPECT_EQ(result.entries_checked, 5);
}

TEST_F(AuditAnchorTest, AKeyedLogNeedsTheKeyToVerifyAndToAppend) {
  reopen(kKey);
  append("test.keyed");
  auto verified = app::verify_audit_chain(store_->audit(), {"", {}});
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().code, "audit_key_missing");
  reopen("");
  auto appended = store_->audit().append(audit_entry("test.unkeyed"));
  ASSERT_FALSE(appended.has_value());
  EXPECT_EQ(appended.error().code, "audit_key_missing");
  EXPECT_EQ(entries().size(), 1u);
}

// Today's databases hold unkeyed entries: the first keyed append hands over with an entry whose
// MAC covers the last unkeyed hash, and the unkeyed part keeps its own check.
TEST_F(AuditAnchorTest, UnkeyedEntriesHandOverToTheKeyedChain) {
  reopen("");
  append("test.unkeyed", 3);
  auto before = entries();
  ASSERT_FALSE(is_keyed_audit_hash(before.back().hash));
  reopen(kKey);
  append("test.keyed", 2);
  auto all = entries();
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all[3].action, kAuditHandOverAction);
  EXPECT_EQ(all[3].prev_hash, before.back().hash);
  EXPECT_TRUE(is_keyed_audit_hash(all[3].hash));
  auto result = verify_with_head_file();
  EXPECT_FALSE(result.first_broken_seq.has_value()) << result.problem;
  ASSERT_TRUE(result.keyed_from_seq.has_value());
  EXPECT_EQ(*result.keyed_from_seq, all[3].seq);

  // Rewriting the unkeyed part, even recomputing its hashes, breaks at the hand-over.
  drop_triggers();
  std::string prev = all[0].hash;
  for (int i = 1; i < 3; ++i) {
    auto e = all[i];
    e.detail = R"({"rewritten":true})";
    e.prev_hash = prev;
    e.hash = audit_hash(e, prev);
    ASSERT_EQ(run_raw_sql(url_, "UPDATE audit_log SET detail = '" + e.detail + "', prev_hash = '" +
                                    e.prev_hash + "', hash = '" + e.hash + "' WHERE seq = " +
                                    std::to_string(e.seq)),
              "");
    prev = e.hash;
  }
  result = verify_with_head_file();
  ASSERT_TRUE(result.first_broken_seq.has_value());
  EXPECT_EQ(*result.first_broken_seq, all[3].seq);
  // An edit left as it is breaks at the entry itself.
  ASSERT_EQ(run_raw_sql(url_, "UPDATE audit_log SET actor = 'someone else' WHERE seq = " +
                                  std::to_string(all[0].seq)),
            "");
  EXPECT_EQ(verify_with_head_file().first_broken_seq, all[0].seq);
}

}  // namespace
}  // namespace vg::store::testing
