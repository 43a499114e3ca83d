// What /readyz and /metrics ask of the store: the backend's name once it answers, the error when
// it does not, and the connection pool's counts as the store keeps them.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "app/system/system_status.h"
#include "store/open/open_store.h"
#include "store/store.h"

namespace vg::app {
namespace {

namespace fs = std::filesystem;

TEST(SystemStatusTest, ReadyNamesTheBackend) {
  auto store = store::open_store("sqlite::memory:", 1).value();
  ASSERT_TRUE(store->migrate().has_value());
  SystemStatus status(*store);
  const auto ready = status.ready();
  ASSERT_TRUE(ready.has_value()) << ready.error().message;
  EXPECT_EQ(*ready, "sqlite");
}

TEST(SystemStatusTest, PoolCountsTheReaderOpenedToAnswer) {
  auto store = store::open_store("sqlite::memory:", 1).value();
  SystemStatus status(*store);
  // Readers open on first use: before anything is read only the writer is open.
  const auto before = status.pool();
  EXPECT_EQ(before.connections_open, 1);
  EXPECT_EQ(before.connections_in_use, 0);
  EXPECT_EQ(before.waits_total, 0);
  ASSERT_TRUE(status.ready().has_value());
  ASSERT_TRUE(status.ready().has_value());  // the same reader again
  const auto after = status.pool();
  EXPECT_EQ(after.connections_open, 2);
  EXPECT_EQ(after.connections_in_use, 0);
  EXPECT_EQ(after.waits_total, 0);
}

TEST(SystemStatusTest, ADatabaseThatDoesNotAnswerIsNotReady) {
  const auto dir = fs::temp_directory_path() / ("vg-status-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto db = dir / "status.db";
  {
    auto store = store::open_store("sqlite:" + db.string(), 1).value();
    SystemStatus status(*store);
    // The file goes away under the running service: the first reader cannot open it.
    fs::remove(db);
    const auto ready = status.ready();
    ASSERT_FALSE(ready.has_value());
    EXPECT_EQ(ready.error().code, "unavailable");
    EXPECT_TRUE(ready.error().message.starts_with("Cannot open the SQLite database"))
        << ready.error().message;
    EXPECT_EQ(status.pool().connections_in_use, 0);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vg::app
