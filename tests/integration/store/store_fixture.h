// The conformance suite's fixture: opens the store VG_TEST_DATABASE_URL names (sqlite::memory:
// when unset) on a clean, freshly migrated database, plus invented records to fill it with.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/open/open_store.h"
#include "store/store.h"

#include <unistd.h>

namespace vg::store::testing {

using namespace std::chrono_literals;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Applies `batch` and fails the test on error.
  void apply(const DirectoryBatch& batch, const std::string& action = "directory.test");
  // Ids of a search's page, in order.
  std::vector<std::string> search_ids(const ServiceQuery& query);
  std::int64_t audit_count();
  // Moves this test onto a database that a second, raw connection can reach (run_raw_sql, as an
  // operator's shell would): on SQLite a migrated file database in a folder of its own, removed
  // after the test, since an in-memory one cannot be opened from outside; PostgreSQL's already is.
  void use_reachable_database();
  void TearDown() override;

  std::string url_;
  std::unique_ptr<Store> store_;
  std::filesystem::path own_folder_;  // set by use_reachable_database on SQLite
};

inline std::string test_database_url() {
  const char* url = std::getenv("VG_TEST_DATABASE_URL");
  return url && *url ? url : "sqlite::memory:";
}

inline bool is_postgres(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

// Runs raw SQL outside the store, as an operator with a database shell would (used to prove the
// database itself refuses audit edits). Returns the error text, empty on success.
inline std::string run_raw_sql(const std::string& url, const std::string& sql) {
  if (is_postgres(url)) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      std::string error = PQerrorMessage(conn);
      PQfinish(conn);
      return "connect: " + error;
    }
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
    PGresult* result = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(result);
    std::string error = (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
                            ? ""
                            : std::string(PQresultErrorMessage(result));
    PQclear(result);
    PQfinish(conn);
    return error;
  }
  const std::string path = url.substr(std::string("sqlite:").size());
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    std::string error = sqlite3_errmsg(db);
    sqlite3_close(db);
    return "open: " + error;
  }
  char* message = nullptr;
  std::string error;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    error = message ? message : "error";
  }
  sqlite3_free(message);
  sqlite3_close(db);
  return error;
}

// Drops and recreates everything the store owns (PostgreSQL: the public schema; a SQLite file:
// the file). In-memory SQLite needs nothing: each open_store gives a new database.
inline void reset_database(const std::string& url) {
  if (is_postgres(url)) {
    const std::string error =
        run_raw_sql(url, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    ASSERT_EQ(error, "");
    return;
  }
  const std::string path = url.substr(std::string("sqlite:").size());
  if (path == ":memory:" || path.rfind("file:", 0) == 0) return;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// A fixed, invented instant: 2026-03-02T09:00:00Z plus `offset`.
inline accounts::Instant at(std::chrono::nanoseconds offset = 0ns) {
  return accounts::Instant{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 9h +
                           std::chrono::duration_cast<accounts::Instant::duration>(offset)};
}

// "00000000-0000-4000-8000-0000000000NN"-shaped invented ids.
inline std::string uuid(int n) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "00000000-0000-4000-8000-%012d", n);
  return buffer;
}

inline AuditEntry audit_entry(const std::string& action, const std::string& entity_id = "e") {
  AuditEntry entry;
  entry.at = at();
  entry.actor = "system:test";
  entry.action = action;
  entry.entity_type = "test";
  entry.entity_id = entity_id;
  entry.detail = "{}";
  return entry;
}

inline directory::OrganizationRecord organization(const std::string& id, const std::string& name) {
  return {id, name, name + " helps people", R"({"id":")" + id + R"(","name":")" + name + R"("})"};
}

inline directory::TaxonomyRecord taxonomy(const std::string& id, const std::string& name) {
  return {id, name, name + " terms", R"({"id":")" + id + R"("})"};
}

inline directory::TaxonomyTermRecord term(const std::string& id, const std::string& taxonomy_id,
                                   const std::string& name) {
  return {id, taxonomy_id, "code:" + name, name, "", R"({"id":")" + id + R"("})"};
}

inline directory::ServiceRecord service(const std::string& id,
                                        const std::string& organization_id,
                                        const std::string& name,
                                        std::vector<std::string> terms = {},
                                        std::vector<std::string> areas = {},
                                        const std::string& search_text = "") {
  directory::ServiceRecord s;
  s.id = id;
  s.organization_id = organization_id;
  s.name = name;
  s.description = "About " + name;
  s.status = "active";
  s.document = R"({"id":")" + id + R"(","name":")" + name + R"("})";
  s.taxonomy_term_ids = std::move(terms);
  s.area_codes = std::move(areas);
  s.search_text = search_text.empty() ? name : search_text;
  return s;
}

inline void StoreTest::SetUp() {
  url_ = test_database_url();
  reset_database(url_);
  auto opened = open_store(url_, 4);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  store_ = std::move(*opened);
  auto migrated = store_->migrate();
  ASSERT_TRUE(migrated.has_value()) << migrated.error().message;
  ASSERT_GT(*migrated, 0);
}

inline void StoreTest::use_reachable_database() {
  if (is_postgres(url_)) return;
  own_folder_ = std::filesystem::temp_directory_path() /
                ("vg-store-test-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(own_folder_);
  std::filesystem::create_directories(own_folder_);
  url_ = "sqlite:" + (own_folder_ / "store.db").string();
  store_.reset();
  auto opened = open_store(url_, 2);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  store_ = std::move(*opened);
  ASSERT_TRUE(store_->migrate().has_value());
}

inline void StoreTest::TearDown() {
  store_.reset();
  if (!own_folder_.empty()) std::filesystem::remove_all(own_folder_);
}

inline void StoreTest::apply(const DirectoryBatch& batch, const std::string& action) {
  auto result = store_->directory().apply(batch, audit_entry(action));
  ASSERT_TRUE(result.has_value()) << result.error().code << ": " << result.error().message;
}

inline std::vector<std::string> StoreTest::search_ids(const ServiceQuery& query) {
  auto page = store_->directory().search_services(query);
  EXPECT_TRUE(page.has_value()) << (page ? "" : page.error().message);
  std::vector<std::string> ids;
  if (page) {
    for (const auto& s : page->items) ids.push_back(s.id);
  }
  return ids;
}

inline std::int64_t StoreTest::audit_count() {
  auto entries = store_->audit().read(0, 100000);
  EXPECT_TRUE(entries.has_value());
  return entries ? static_cast<std::int64_t>(entries->size()) : -1;
}

}  // namespace vg::store::testing
