// Floods of refusals: counted per bucket, written at the counts refusal_audit picks, held to a
// budget of entries a minute with the rest summed into one entry, and forgotten after a quiet spell.
#include "app/audit/refusal_tally.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

class RefusalTallyTest : public ::testing::Test {
 protected:
  static accounts::AuditEntry refused() {
    accounts::AuditEntry e;
    e.actor = "system:api";
    e.action = "api_key.refused";
    e.entity_type = "api_key";
    e.detail = R"({"reason":"unknown"})";
    return e;
  }
  RefusalTally::Write sink() {
    return [this](accounts::AuditEntry e) { written_.push_back(std::move(e)); };
  }
  std::vector<std::string> details() const {
    std::vector<std::string> out;
    for (const auto& e : written_) out.push_back(e.action + " " + e.detail);
    return out;
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 12 / 5} + 9h};
  std::vector<accounts::AuditEntry> written_;
};

TEST_F(RefusalTallyTest, AFloodFromOneAddressLeavesTheFirstFiveAndThe125Series) {
  RefusalTally tally(clock_, sink());
  for (int i = 0; i < 120; ++i) tally.count("api-key:192.0.2.7", refused());
  std::vector<std::string> counts;
  for (const auto& e : written_) counts.push_back(e.detail);
  EXPECT_EQ(counts, (std::vector<std::string>{
                        R"({"refusals":1,"reason":"unknown"})", R"({"refusals":2,"reason":"unknown"})",
                        R"({"refusals":3,"reason":"unknown"})", R"({"refusals":4,"reason":"unknown"})",
                        R"({"refusals":5,"reason":"unknown"})", R"({"refusals":10,"reason":"unknown"})",
                        R"({"refusals":20,"reason":"unknown"})", R"({"refusals":50,"reason":"unknown"})",
                        R"({"refusals":100,"reason":"unknown"})"}));
  EXPECT_EQ(written_.front().at, clock_.now());  // stamped when counted
}

TEST_F(RefusalTallyTest, EachBucketCountsOnItsOwn) {
  RefusalTally tally(clock_, sink());
  EXPECT_EQ(tally.count("api-key:192.0.2.7", refused()), 1);
  EXPECT_EQ(tally.count("api-key:192.0.2.7", refused()), 2);
  EXPECT_EQ(tally.count("api-key:198.51.100.1", refused()), 1);
  EXPECT_EQ(tally.count("sign-in:192.0.2.7", refused()), 1);
  EXPECT_EQ(written_.size(), 4u);
}

TEST_F(RefusalTallyTest, ManyAddressesAreHeldToTheMinutesBudgetAndTheRestSummed) {
  RefusalTally tally(clock_, sink(), {.forget_after = 60min, .buckets_kept = 10'000, .entries_per_minute = 10});
  for (int i = 0; i < 250; ++i) tally.count("api-key:address-" + std::to_string(i), refused());
  EXPECT_EQ(written_.size(), 10u);  // the budget; the other 240 are held back
  clock_.advance(60s);
  tally.count("api-key:one-more", refused());
  ASSERT_EQ(written_.size(), 12u);
  EXPECT_EQ(written_[10].action, "audit.refusals_held_back");
  EXPECT_EQ(written_[10].actor, "system:audit");
  EXPECT_EQ(written_[10].detail, R"({"refusals":240,"entries_per_minute":10})");
  EXPECT_EQ(written_[11].action, "api_key.refused");  // a new minute, a new budget
}

TEST_F(RefusalTallyTest, WhatIsHeldBackIsWrittenAtShutdown) {
  {
    RefusalTally tally(clock_, sink(), {.forget_after = 60min, .buckets_kept = 10'000, .entries_per_minute = 1});
    tally.count("a", refused());
    tally.count("b", refused());
    tally.count("c", refused());
  }
  EXPECT_EQ(details(), (std::vector<std::string>{
                           R"(api_key.refused {"refusals":1,"reason":"unknown"})",
                           R"(audit.refusals_held_back {"refusals":2,"entries_per_minute":1})"}));
}

TEST_F(RefusalTallyTest, ABucketQuietLongEnoughCountsFromOneAgain) {
  RefusalTally tally(clock_, sink());
  for (int i = 0; i < 7; ++i) tally.count("a", refused());
  clock_.advance(59min);
  EXPECT_EQ(tally.count("a", refused()), 8);
  clock_.advance(60min);
  EXPECT_EQ(tally.count("a", refused()), 1);
}

TEST_F(RefusalTallyTest, MemoryIsBoundedByTheBucketsKept) {
  RefusalTally tally(clock_, sink(), {.forget_after = 60min, .buckets_kept = 3, .entries_per_minute = 1000});
  tally.count("a", refused());
  tally.count("a", refused());
  tally.count("b", refused());
  tally.count("c", refused());
  tally.count("d", refused());  // full of live buckets: starts again
  EXPECT_EQ(tally.count("a", refused()), 1);
}

}  // namespace
}  // namespace vg::app
