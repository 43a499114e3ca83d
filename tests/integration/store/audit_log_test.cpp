// Conformance: the append-only, hash-chained audit log, the same on every backend.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

class AuditLogTest : public StoreTest {};

TEST_F(AuditLogTest, AppendedEntriesReadBackInOrderAfterASeq) {
  for (int i = 0; i < 5; ++i) {
    auto entry = audit_entry("test.step", std::to_string(i));
    entry.at = at(std::chrono::milliseconds(i) + 7ns);
    entry.detail = R"({"step":)" + std::to_string(i) + "}";
    ASSERT_TRUE(store_->audit().append(entry).has_value());
  }
  auto all = store_->audit().read(0, 100).value();
  ASSERT_EQ(all.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(all[i].entity_id, std::to_string(i));
    EXPECT_EQ(all[i].at, at(std::chrono::milliseconds(i) + 7ns));
    EXPECT_EQ(all[i].detail, R"({"step":)" + std::to_string(i) + "}");
    if (i > 0) {
      EXPECT_GT(all[i].seq, all[i - 1].seq);
    }
  }
  auto after = store_->audit().read(all[1].seq, 2).value();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].entity_id, "2");
  EXPECT_EQ(after[1].entity_id, "3");
  EXPECT_TRUE(store_->audit().read(all[4].seq, 10).value().empty());
  EXPECT_TRUE(store_->audit().read(0, 0).value().empty());
}

TEST_F(AuditLogTest, EveryEntryLinksToTheHashOfTheOneBefore) {
  ASSERT_TRUE(store_->audit().append(audit_entry("a")).has_value());
  DirectoryBatch batch;
  batch.organizations = {organization(uuid(1), "Org")};
  apply(batch, "directory.import");
  ASSERT_TRUE(store_->accounts()
                  .upsert_organisation({uuid(2), "Hub", "gateway"}, audit_entry("org"))
                  .has_value());
  auto entries = store_->audit().read(0, 100).value();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].prev_hash, "");
  std::string prev;
  for (const auto& e : entries) {
    EXPECT_EQ(e.prev_hash, prev);
    EXPECT_EQ(e.hash.size(), 64u);
    EXPECT_EQ(e.hash, audit_hash(e, prev));
    prev = e.hash;
  }
}

TEST_F(AuditLogTest, HashCoversEveryFieldUnambiguously) {
  auto a = audit_entry("ab");
  a.actor = "x";
  auto b = audit_entry("b");
  b.actor = "xa";  // same concatenation "xab", different fields
  EXPECT_NE(audit_hash(a, ""), audit_hash(b, ""));
  auto c = a;
  EXPECT_EQ(audit_hash(a, "p"), audit_hash(c, "p"));
  c.at = a.at + 1ns;
  EXPECT_NE(audit_hash(a, "p"), audit_hash(c, "p"));
  EXPECT_NE(audit_hash(a, "p"), audit_hash(a, "q"));
  c = a;
  c.detail = "{\"x\":1}";
  EXPECT_NE(audit_hash(a, "p"), audit_hash(c, "p"));
}

// The database itself refuses to edit or remove audit rows, whoever asks.
TEST_F(AuditLogTest, AuditRowsCannotBeUpdatedOrDeleted) {
  use_reachable_database();
  Store& s = *store_;
  const std::string& url = url_;
  ASSERT_TRUE(s.audit().append(audit_entry("first")).has_value());
  ASSERT_TRUE(s.audit().append(audit_entry("second")).has_value());

  EXPECT_NE(run_raw_sql(url, "UPDATE audit_log SET actor = 'someone else'"), "");
  EXPECT_NE(run_raw_sql(url, "DELETE FROM audit_log"), "");
  EXPECT_NE(run_raw_sql(url, "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)"),
            "");
  if (is_postgres(url)) {
    EXPECT_NE(run_raw_sql(url, "TRUNCATE audit_log"), "");
  }

  auto entries = s.audit().read(0, 10).value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].actor, "system:test");
  EXPECT_EQ(entries[1].action, "second");
}

}  // namespace
}  // namespace vg::store::testing
