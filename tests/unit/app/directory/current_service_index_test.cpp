// CurrentServiceIndex on a SQLite file two stores share, as two processes would: another
// process's write shows once the recheck is due, and not before.
#include "app/directory/current_service_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "store/open/open_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

TEST(CurrentServiceIndex, AnotherProcessWriteShowsOnceTheRecheckIsDue) {
  const auto folder = std::filesystem::temp_directory_path() /
                      ("vg-service-index-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::string url = "sqlite:" + (folder / "vg.db").string();
  auto ours = store::open_store(url, 2).value();
  ASSERT_TRUE(ours->migrate().has_value());
  auto theirs = store::open_store(url, 2).value();
  store::AuditEntry audit;
  audit.actor = "system:test";
  audit.action = "directory.test";
  audit.entity_type = "test";
  audit.entity_id = std::string(1, 'e');  // not = "e": g++ 12 misreads that copy as overlapping (-Wrestrict)
  audit.detail = "{}";
  auto write = [&](const std::string& name) {
    directory::DirectoryBatch batch;
    batch.organizations = {{"org-1", "Invented Trust", "About", "{}"}};
    directory::ServiceRecord s;
    s.id = "svc-1";
    s.organization_id = "org-1";
    s.name = name;
    s.status = "active";
    s.document = "{}";
    s.search_text = name;
    batch.services = {s};
    ASSERT_TRUE(theirs->directory().apply(batch, audit).has_value());
  };
  write("Alder");
  FixedClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}};
  DirectoryGeneration generation;
  CurrentServiceIndex index(*ours, generation, clock, std::chrono::seconds(1));
  store::ServiceQuery query;
  ASSERT_EQ(index.search(query).value().page.items.at(0)->name, "Alder");
  write("Birch");
  EXPECT_EQ(index.search(query).value().page.items.at(0)->name, "Alder");  // not yet asked again
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(index.search(query).value().page.items.at(0)->name, "Birch");
  ours.reset();
  theirs.reset();
  std::filesystem::remove_all(folder);
}

TEST(CurrentServiceIndex, HeldPostcodesFollowTheStoresPostcodeVersion) {
  const auto folder = std::filesystem::temp_directory_path() /
                      ("vg-service-index-postcodes-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::string url = "sqlite:" + (folder / "vg.db").string();
  auto ours = store::open_store(url, 2).value();
  ASSERT_TRUE(ours->migrate().has_value());
  auto theirs = store::open_store(url, 2).value();
  ASSERT_TRUE(theirs->postcodes().upsert({{"L18AA", "E08000012"}}).has_value());
  FixedClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}};
  DirectoryGeneration generation;
  CurrentServiceIndex index(*ours, generation, clock, std::chrono::seconds(1));
  EXPECT_EQ(index.held_lad("L18AA").value(), "E08000012");
  EXPECT_EQ(index.held_lad("M11AA").value(), std::nullopt);  // not held: the caller asks the store
  // Another process moves the postcode to another authority.
  ASSERT_TRUE(theirs->postcodes().upsert({{"L18AA", "E08000011"}}).has_value());
  EXPECT_EQ(index.held_lad("L18AA").value(), "E08000012");  // not yet asked again
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(index.held_lad("L18AA").value(), "E08000011");
  ours.reset();
  theirs.reset();
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace vg::app
