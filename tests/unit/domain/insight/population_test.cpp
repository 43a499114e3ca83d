#include "domain/insight/population.h"

#include <gtest/gtest.h>

#include "support/insight_counts.h"

namespace vg::insight {
namespace {

using testing::of_one_stream;

using namespace std::chrono;

TEST(ReadPopulation, SourceAndOneLineEachLocalAuthority) {
  const auto p = read_population(
      "# invented figures\r\n"
      "source  Invented for a test, not ONS figures  \r\n"
      "\n"
      "E08000012 200000\n"
      "  E08000011\t50000\n");
  ASSERT_TRUE(p.has_value()) << p.error().message;
  EXPECT_EQ(p->source, "Invented for a test, not ONS figures");
  EXPECT_EQ(p->residents, (std::map<std::string, std::int64_t>{{"E08000011", 50000}, {"E08000012", 200000}}));
}

TEST(ReadPopulation, EveryBadLineAtOnceNamedByLine) {
  const auto p = read_population(
      "source A\n"          // 1
      "source B\n"          // 2: a second source
      "E0800001 5\n"        // 3: 8 characters
      "E08000012 12.5\n"    // 4: not a whole number
      "E08000012 0\n"       // 5: none
      "E08000013 7\n"       // 6
      "E08000013 8\n"       // 7: given twice
      "Liverpool 5\n"       // 8: not a code
      "E08000014\n"         // 9: no number
      "E08000015 1000000000\n");  // 10: too many digits
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().code, "validation_failed");
  std::vector<std::string> fields;
  for (const auto& f : p.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"line 2", "line 3", "line 4", "line 5", "line 7", "line 8", "line 9",
                                              "line 10"}));
}

TEST(ReadPopulation, NoSourceIsRefused) {
  const auto p = read_population("E08000012 200000\n");
  ASSERT_FALSE(p.has_value());
  ASSERT_EQ(p.error().fields.size(), 1u);
  EXPECT_EQ(p.error().fields[0].field, "source");
}

TEST(ReadPopulation, ALineTooLongIsRefused) {
  const auto p = read_population("source x\n" + std::string(401, '#') + "\n");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().fields[0].field, "line 2");
}

TEST(PerThousand, ReferralsPerThousandResidents) {
  const Population p{"invented", {{"E08000012", 160000}}};
  EXPECT_DOUBLE_EQ(*per_thousand(p, "E08000012", 8), 0.05);
  EXPECT_FALSE(per_thousand(p, "E08000011", 8).has_value());
}

TEST(AddPerThousand, OnlyLocalAuthoritiesAndOnlyWhereTheCountIsShown) {
  DemandCounts now;
  now.referrals = 20;
  now.by["local_authority"] = {{"E08000012", 16}, {"E08000011", 4}};
  now.by["channel"] = {{"police", 20}};
  DemandCounts before;
  before.referrals = 30;
  before.by["local_authority"] = {{"E08000012", 10}, {"E08000011", 20}};
  before.by["channel"] = {{"police", 30}};
  auto r = demand_report("merseyside", {year{2026} / January, year{2026} / January}, of_one_stream(now),
                         {year{2025} / December, year{2025} / December}, of_one_stream(before), {});
  add_per_thousand(r, {"invented", {{"E08000012", 160000}, {"E08000011", 100000}}});
  for (const auto& table : r.tables) {
    for (const auto& row : table.rows) {
      if (table.code != "local_authority") {
        EXPECT_FALSE(row.current_per_thousand.has_value()) << table.code;
        continue;
      }
      if (row.code == "E08000011") {
        EXPECT_FALSE(row.current_per_thousand.has_value()) << "4 is fewer than 5";
        ASSERT_TRUE(row.previous_per_thousand.has_value());
        EXPECT_DOUBLE_EQ(*row.previous_per_thousand, 0.2);  // 20 of 100,000
      } else {
        EXPECT_FALSE(row.current_per_thousand.has_value()) << "hidden with the 4";
        ASSERT_TRUE(row.previous_per_thousand.has_value());
        EXPECT_DOUBLE_EQ(*row.previous_per_thousand, 0.0625);  // 10 of 160,000
      }
    }
  }
  EXPECT_EQ(r.population_source, "invented");
}

}  // namespace
}  // namespace vg::insight
