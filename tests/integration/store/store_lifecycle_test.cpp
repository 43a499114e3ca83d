// Conformance: opening, migrating, pinging and pooling, the same on every backend.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/open/open_store.h"
#include "store/postgres/pg_database.h"
#include "store_fixture.h"

namespace vg::store::testing {
namespace {

class StoreLifecycleTest : public StoreTest {};

TEST_F(StoreLifecycleTest, MigrateAppliesNothingTheSecondTime) {
  auto again = store_->migrate();
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(*again, 0);
  // A second store on the same database sees the schema already there.
  if (url_ != "sqlite::memory:") {
    auto other = open_store(url_, 1);
    ASSERT_TRUE(other.has_value());
    EXPECT_EQ((*other)->migrate().value(), 0);
  }
}

TEST_F(StoreLifecycleTest, BackendNamesItself) {
  EXPECT_EQ(store_->backend(), is_postgres(url_) ? "postgresql" : "sqlite");
}

TEST_F(StoreLifecycleTest, PingSucceedsOnAnOpenStore) {
  EXPECT_TRUE(store_->ping().has_value());
  auto stats = store_->pool_stats();
  EXPECT_GE(stats.connections_open, 1);
  EXPECT_EQ(stats.connections_in_use, 0);
}

TEST_F(StoreLifecycleTest, UnknownSchemeIsAValidationError) {
  for (const char* url : {"mysql://localhost/vg", "", "sqlite", "sqlite:", "http://x"}) {
    auto opened = open_store(url, 2);
    ASSERT_FALSE(opened.has_value()) << url;
    EXPECT_EQ(opened.error().code, "validation_failed") << url;
  }
}

TEST_F(StoreLifecycleTest, UnreachablePostgresIsReportedNotThrown) {
  auto opened = open_store("postgresql://vg@127.0.0.1:1/none?connect_timeout=2", 2);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, "unavailable");
}

// PostgreSQL only: the server drops every connection (a restart, a failover); the pool notices,
// opens fresh ones and the next calls succeed without the caller retrying.
TEST_F(StoreLifecycleTest, PostgresPoolReplacesConnectionsTheServerDropped) {
  if (!is_postgres(url_)) GTEST_SKIP() << "PostgreSQL connection pool only";
  // Several pooled connections, all idle.
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back([&] { (void)store_->ping(); });
  for (auto& t : threads) t.join();
  ASSERT_EQ(run_raw_sql(url_,
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE application_name = 'victim-gateway' AND pid <> pg_backend_pid()"),
            "");
  EXPECT_TRUE(store_->ping().has_value());
  auto orgs = store_->directory().list_organizations({1, 10});
  EXPECT_TRUE(orgs.has_value()) << orgs.error().message;
  EXPECT_TRUE(store_->audit().append(audit_entry("after.reconnect")).has_value());
}

// PostgreSQL only: the store's connections plan each statement for the values it runs with, so
// a plan costed on a near-empty table (a table scan) is not kept as the table grows.
TEST_F(StoreLifecycleTest, PostgresConnectionsPlanEveryRunAfresh) {
  if (!is_postgres(url_)) GTEST_SKIP() << "PostgreSQL plan cache only";
  auto conn = postgres::Connection::open(url_);
  ASSERT_TRUE(conn.has_value()) << conn.error().message;
  auto setting = (*conn)->query("SHOW plan_cache_mode");
  ASSERT_TRUE(setting.has_value()) << setting.error().message;
  EXPECT_EQ(setting->text(0, 0), "force_custom_plan");
}

TEST_F(StoreLifecycleTest, EachInMemoryStoreIsItsOwnDatabase) {
  auto a = open_store("sqlite::memory:", 1).value();
  auto b = open_store("sqlite::memory:", 1).value();
  ASSERT_EQ(a->migrate().value(), b->migrate().value());
  ASSERT_TRUE(a->postcodes().upsert({{"L18AA", "E08000012"}}).has_value());
  EXPECT_EQ(a->postcodes().count().value(), 1);
  EXPECT_EQ(b->postcodes().count().value(), 0);
}

// Readers and a writer at once, with fewer connections than threads: every call succeeds, the
// pool makes callers wait rather than fail, and the audit chain stays one unbroken line.
TEST_F(StoreLifecycleTest, ConcurrentReadsAndWritesAllSucceed) {
  // An in-memory database is reachable only through the fixture's store (pool of 4); any
  // other gets a second store with a pool of 2 on the same database.
  Store* s = store_.get();
  int pool_size = 4;
  std::unique_ptr<Store> small;
  if (url_ != "sqlite::memory:") {
    auto opened = open_store(url_, 2);
    ASSERT_TRUE(opened.has_value());
    small = std::move(*opened);
    s = small.get();
    pool_size = 2;
  }
  DirectoryBatch seed;
  seed.organizations = {organization(uuid(1), "Org")};
  ASSERT_TRUE(s->directory().apply(seed, audit_entry("seed")).has_value());

  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.emplace_back([&] {
    for (int i = 0; i < 20; ++i) {
      DirectoryBatch batch;
      batch.services = {service(uuid(100 + i), uuid(1), "Service " + std::to_string(i), {},
                                {"E08000012"}, "concurrent service")};
      if (!s->directory().apply(batch, audit_entry("write"))) ++failures;
    }
  });
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        ServiceQuery q;
        q.text = "concurrent";
        q.area_codes = {"E08000012"};
        if (!s->directory().search_services(q)) ++failures;
        if (!s->audit().read(0, 1000)) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  ServiceQuery all;
  EXPECT_EQ(s->directory().search_services(all).value().total_items, 20);
  auto entries = s->audit().read(0, 1000).value();
  ASSERT_EQ(entries.size(), 21u);
  std::string prev;
  for (const auto& e : entries) {
    EXPECT_EQ(e.prev_hash, prev);
    EXPECT_EQ(e.hash, audit_hash(e, prev));
    prev = e.hash;
  }
  auto stats = s->pool_stats();
  EXPECT_LE(stats.connections_open, pool_size + 1);  // SQLite: the readers + the writer
  EXPECT_EQ(stats.connections_in_use, 0);
}

}  // namespace
}  // namespace vg::store::testing
