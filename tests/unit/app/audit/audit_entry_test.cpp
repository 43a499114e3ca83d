// An audit entry as the use cases make it: stamped by the clock, the chain fields left to the store.
#include <gtest/gtest.h>

#include "app/audit/audit_entry.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

TEST(AuditEntry, StampedNowByTheClockWithTheChainLeftToTheStore) {
  const FixedClock clock(std::chrono::sys_days{std::chrono::year{2026} / 11 / 23});
  const auto a = audit_entry(clock, "user:1", "directory.service.update", "service", "s-1");
  EXPECT_EQ(a.at, clock.now());
  EXPECT_EQ(a.actor, "user:1");
  EXPECT_EQ(a.action, "directory.service.update");
  EXPECT_EQ(a.entity_type, "service");
  EXPECT_EQ(a.entity_id, "s-1");
  EXPECT_EQ(a.detail, "");
  EXPECT_EQ(a.seq, 0);
  EXPECT_EQ(a.hash, "");
}

TEST(AuditEntry, KeepsItsDetail) {
  const auto at = std::chrono::system_clock::time_point{} + std::chrono::hours(1);
  const auto a = audit_entry(at, "system:import", "directory.import", "directory", "", R"({"services":2})");
  EXPECT_EQ(a.at, at);
  EXPECT_EQ(a.detail, R"({"services":2})");
}

}  // namespace
}  // namespace vg::app
