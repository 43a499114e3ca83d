// Conformance: routing rule sets by area and version, the same on every backend.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

class RuleSetTest : public StoreTest {
 protected:
  RuleSetRepository& rules() { return store_->rule_sets(); }

  static RuleSetRecord record(std::string area, std::string version, std::string document) {
    RuleSetRecord r;
    r.area = std::move(area);
    r.version = std::move(version);
    r.document = std::move(document);
    r.loaded_at = Instant{} + std::chrono::seconds(1'795'000'000);
    r.loaded_by = "system:test";
    return r;
  }

  static AuditEntry audit(const std::string& version) {
    AuditEntry a;
    a.at = Instant{} + std::chrono::seconds(1'795'000'000);
    a.actor = "system:test";
    a.action = "routing.rules.load";
    a.entity_type = "rule_set";
    a.entity_id = version;
    return a;
  }
};

TEST_F(RuleSetTest, NoRulesAreInForceUntilSomeAreLoaded) {
  EXPECT_EQ(rules().current_rule_set("merseyside").value(), std::nullopt);
  EXPECT_TRUE(rules().list_rule_sets("merseyside").value().empty());
}

TEST_F(RuleSetTest, TheVersionLoadedLastIsInForceAndEveryVersionIsKept) {
  ASSERT_TRUE(rules().add_rule_set(record("merseyside", "1", "{\"v\":1}"), audit("1")).value());
  ASSERT_TRUE(rules().add_rule_set(record("merseyside", "2", "{\"v\":2}"), audit("2")).value());
  ASSERT_TRUE(rules().add_rule_set(record("staffordshire", "1", "{\"s\":1}"), audit("1")).value());
  auto current = rules().current_rule_set("merseyside").value();
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->version, "2");
  EXPECT_EQ(current->document, "{\"v\":2}");
  EXPECT_EQ(current->loaded_by, "system:test");
  EXPECT_EQ(rules().find_rule_set("merseyside", "1").value()->document, "{\"v\":1}");
  auto list = rules().list_rule_sets("merseyside").value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].version, "2");
  EXPECT_EQ(list[1].version, "1");
  EXPECT_GT(list[0].seq, list[1].seq);
}

TEST_F(RuleSetTest, LoadingTheSameVersionAgainChangesNothing) {
  ASSERT_TRUE(rules().add_rule_set(record("merseyside", "1", "{}"), audit("1")).value());
  ASSERT_TRUE(rules().add_rule_set(record("merseyside", "2", "{\"b\":1}"), audit("2")).value());
  EXPECT_FALSE(rules().add_rule_set(record("merseyside", "1", "{}"), audit("1")).value());
  EXPECT_EQ(rules().current_rule_set("merseyside").value()->version, "2");
  EXPECT_EQ(rules().list_rule_sets("merseyside").value().size(), 2u);
}

TEST_F(RuleSetTest, ChangedRulesUnderAnOldVersionAreRefusedAndNothingChanges) {
  ASSERT_TRUE(rules().add_rule_set(record("merseyside", "1", "{}"), audit("1")).value());
  const auto audit_before = store_->audit().read(0, 1000).value().size();
  auto again = rules().add_rule_set(record("merseyside", "1", "{\"changed\":true}"), audit("1"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(rules().current_rule_set("merseyside").value()->document, "{}");
  EXPECT_EQ(store_->audit().read(0, 1000).value().size(), audit_before);
}

TEST_F(RuleSetTest, EachLoadIsAudited) {
  const auto before = store_->audit().read(0, 1000).value().size();
  ASSERT_TRUE(rules().add_rule_set(record("merseyside", "1", "{}"), audit("1")).value());
  auto entries = store_->audit().read(0, 1000).value();
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries.back().action, "routing.rules.load");
}

TEST_F(RuleSetTest, ServersLoadingTheSameFileTogetherStoreItOnce) {
  std::atomic<int> added{0};
  std::atomic<int> failed{0};
  std::mutex mutex;
  std::string why;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto r = rules().add_rule_set(record("merseyside", "7", "{\"same\":true}"), audit("7"));
      if (!r) {
        std::lock_guard lock(mutex);
        why += r.error().code + ": " + r.error().message + "\n";
        ++failed;
      } else if (*r) {
        ++added;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0) << why;
  EXPECT_EQ(added.load(), 1);
  EXPECT_EQ(rules().list_rule_sets("merseyside").value().size(), 1u);
}

}  // namespace
}  // namespace vg::store::testing
