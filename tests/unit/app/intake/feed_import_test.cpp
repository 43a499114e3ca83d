// A police bulk feed, batch by batch: each row checked as the API checks it (police rows only,
// for the sender's own force and areas), kept under its line number, and stored once: a row
// already stored, including by an earlier run of the same file, is a duplicate and adds nothing.
// Organisations and people invented; a real in-memory SQLite store.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>

#include "app/intake/feed_import.h"
#include "intake_store.h"
#include "support/field_errors.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using vg::testing::has_error;
using vg::testing::fields_of;

using namespace std::chrono_literals;
namespace json = boost::json;

const std::string kForce = "7a1c0e52-3d4b-4c1e-9f00-0000000000f1";

// A Merseyside police referral of a residential burglary (crime reference `crime`).
json::object police_row(const std::string& crime, const std::string& name = "Sam Inventedname") {
  return json::parse(R"({
    "channel": "police", "area": "merseyside", "reported_to_police": true,
    "police_force_code": "E23000004", "crime_reference": ")" + crime + R"(",
    "incident_date": "2026-11-20", "date_reported": "2026-11-21",
    "offence_category": "burglary_residential", "local_authority": "E08000012",
    "victim": {"type": "person", "name": ")" + name + R"(", "age": 40}})")
      .as_object();
}

using Kind = FeedRowOutcome::Kind;

class FeedImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    testing::add_police_organisation(*store_, kForce);
    intake_ = std::make_unique<testing::Intake>(*store_, clock_, VG_SOURCE_DIR "/config");
  }

  Result<std::vector<FeedRowOutcome>> run(const std::vector<FeedRow>& rows) {
    auto prepared = intake_->feeds.prepare_feed_batch(rows, kForce, "test");
    if (!prepared) return std::unexpected(prepared.error());
    return intake_->feeds.store_feed_batch(std::move(*prepared));
  }

  std::int64_t stored_count() { return store_->referrals().count().value(); }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<testing::Intake> intake_;
};

TEST_F(FeedImportTest, PreparingChecksEveryRowAndKeepsItsLine) {
  std::vector<FeedRow> rows{{2, police_row("FEED/1")},
                            {5, police_row("FEED/2")},
                            {9, police_row("FEED/3")},
                            {12, police_row("FEED/4")},
                            {14, police_row("")}};
  rows[1].referral["channel"] = "partner";
  rows[2].referral["police_force_code"] = "E23000005";
  rows[3].referral["area"] = "greater-manchester";
  rows[4].referral.erase("crime_reference");

  auto prepared = intake_->feeds.prepare_feed_batch(rows, kForce, "feed-actor");
  ASSERT_TRUE(prepared.has_value()) << prepared.error().message;
  EXPECT_EQ(prepared->actor, "feed-actor");
  ASSERT_EQ(prepared->outcomes.size(), 5u);
  std::vector<std::int64_t> lines;
  for (const auto& o : prepared->outcomes) lines.push_back(o.line);
  EXPECT_EQ(lines, (std::vector<std::int64_t>{2, 5, 9, 12, 14}));

  EXPECT_TRUE(prepared->outcomes[0].errors.empty()) << fields_of(prepared->outcomes[0].errors);
  // A partner row is not a police row: said once, as not_police, not again as out of scope.
  EXPECT_EQ(fields_of(prepared->outcomes[1].errors), "$.channel not_police; ");
  EXPECT_EQ(fields_of(prepared->outcomes[2].errors), "$.police_force_code not_permitted; ");
  EXPECT_TRUE(has_error(prepared->outcomes[3].errors, "$.area", "not_permitted"))
      << fields_of(prepared->outcomes[3].errors);
  EXPECT_TRUE(has_error(prepared->outcomes[4].errors, "$.crime_reference", "required"))
      << fields_of(prepared->outcomes[4].errors);

  // Only the valid row is waiting to be stored, under its area and year.
  ASSERT_EQ(prepared->groups.size(), 1u);
  ASSERT_TRUE(prepared->groups.contains("MY-2026-"));
  const auto& group = prepared->groups.at("MY-2026-");
  ASSERT_EQ(group.size(), 1u);
  EXPECT_EQ(group[0].first, 0u);
  EXPECT_EQ(group[0].second.referral.crime_reference, "feed/1");
  EXPECT_EQ(group[0].second.referral.source_organisation_id, kForce);
  EXPECT_EQ(group[0].second.referral.received_at, clock_.now());
  EXPECT_EQ(stored_count(), 0) << "preparing stores nothing";
}

TEST_F(FeedImportTest, ASelfReferralRowIsRefusedAsNotPolice) {
  auto row = police_row("FEED/5");
  row["channel"] = "self";
  auto prepared = intake_->feeds.prepare_feed_batch({{7, row}}, kForce, "test");
  ASSERT_TRUE(prepared.has_value());
  ASSERT_EQ(prepared->outcomes.size(), 1u);
  EXPECT_EQ(prepared->outcomes[0].line, 7);
  EXPECT_TRUE(has_error(prepared->outcomes[0].errors, "$.channel", "not_police"))
      << fields_of(prepared->outcomes[0].errors);
  EXPECT_FALSE(has_error(prepared->outcomes[0].errors, "$.channel", "not_permitted"));
  EXPECT_TRUE(prepared->groups.empty());
}

TEST_F(FeedImportTest, AnUnknownAreaIsRejectedWithTheRowsOtherErrors) {
  auto row = police_row("FEED/6");
  row["area"] = "atlantis";
  row["local_authority"] = "E99999999";
  auto prepared = intake_->feeds.prepare_feed_batch({{3, row}}, kForce, "test");
  ASSERT_TRUE(prepared.has_value());
  EXPECT_TRUE(has_error(prepared->outcomes[0].errors, "$.area", "unknown"))
      << fields_of(prepared->outcomes[0].errors);
  EXPECT_TRUE(has_error(prepared->outcomes[0].errors, "$.local_authority", "unknown"))
      << fields_of(prepared->outcomes[0].errors);
}

TEST_F(FeedImportTest, AnUnknownSenderPreparesNothing) {
  auto prepared = intake_->feeds.prepare_feed_batch({{2, police_row("FEED/7")}},
                                                    "7a1c0e52-3d4b-4c1e-9f00-0000000000ff", "test");
  ASSERT_FALSE(prepared.has_value());
  EXPECT_EQ(prepared.error().code, "forbidden");
}

TEST_F(FeedImportTest, StoringAcceptsTheValidRowsAndKeepsTheRejected) {
  std::vector<FeedRow> rows{{2, police_row("FEED/10")}, {3, police_row("FEED/11")}, {4, police_row("FEED/12")}};
  rows[1].referral["channel"] = "partner";
  auto stored = run(rows);
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[0].kind, Kind::kAccepted);
  EXPECT_EQ((*stored)[0].line, 2);
  EXPECT_TRUE((*stored)[0].reference.starts_with("MY-2026-")) << (*stored)[0].reference;
  EXPECT_EQ((*stored)[1].kind, Kind::kRejected);
  EXPECT_EQ((*stored)[1].line, 3);
  EXPECT_EQ((*stored)[1].reference, "");
  EXPECT_EQ(fields_of((*stored)[1].errors), "$.channel not_police; ");
  EXPECT_EQ((*stored)[2].kind, Kind::kAccepted);
  EXPECT_EQ((*stored)[2].line, 4);
  EXPECT_NE((*stored)[0].reference, (*stored)[2].reference);
  EXPECT_EQ(stored_count(), 2);
}

TEST_F(FeedImportTest, RunningTheSameRowsAgainGivesAllDuplicates) {
  std::vector<FeedRow> rows{{2, police_row("FEED/20")}, {3, police_row("FEED/21", "Kim Inventedname")},
                            {4, police_row("FEED/22")}};
  auto first = run(rows);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  for (const auto& o : *first) EXPECT_EQ(o.kind, Kind::kAccepted) << o.line << " " << fields_of(o.errors);
  ASSERT_EQ(stored_count(), 3);

  clock_.advance(24h);
  auto again = run(rows);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  ASSERT_EQ(again->size(), 3u);
  for (std::size_t i = 0; i < again->size(); ++i) {
    EXPECT_EQ((*again)[i].kind, Kind::kDuplicate) << (*again)[i].line;
    EXPECT_EQ((*again)[i].line, rows[i].line);
    EXPECT_EQ((*again)[i].reference, (*first)[i].reference) << "the referral already stored";
  }
  EXPECT_EQ(stored_count(), 3) << "running a file again adds nothing";
}

TEST_F(FeedImportTest, ARowWrittenDifferentlyIsStillTheSameReferral) {
  ASSERT_TRUE(run({{2, police_row("FEED/30", "Sam Inventedname")}}).has_value());
  auto again = run({{2, police_row(" feed/30 ", "SAM   INVENTEDNAME")}});
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ((*again)[0].kind, Kind::kDuplicate);
  EXPECT_EQ(stored_count(), 1);
}

TEST_F(FeedImportTest, TheSameCrimeForAnotherVictimIsAnotherReferral) {
  ASSERT_TRUE(run({{2, police_row("FEED/40", "Sam Inventedname")}}).has_value());
  auto other = run({{2, police_row("FEED/40", "Kim Inventedname")}});
  ASSERT_TRUE(other.has_value()) << other.error().message;
  EXPECT_EQ((*other)[0].kind, Kind::kAccepted);
  EXPECT_EQ(stored_count(), 2);
}

TEST_F(FeedImportTest, ARowRepeatedInOneBatchIsStoredOnce) {
  auto stored = run({{2, police_row("FEED/50")}, {3, police_row("FEED/50")}});
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  EXPECT_EQ((*stored)[0].kind, Kind::kAccepted);
  EXPECT_EQ((*stored)[1].kind, Kind::kDuplicate);
  EXPECT_EQ((*stored)[1].reference, (*stored)[0].reference);
  EXPECT_EQ(stored_count(), 1);
}

TEST_F(FeedImportTest, AFileRunAgainInTheNewYearAddsNothing) {
  FixedClock december{std::chrono::sys_days{std::chrono::year{2026} / 12 / 31} + 23h + 30min};
  testing::Intake intake(*store_, december, VG_SOURCE_DIR "/config");
  const std::vector<FeedRow> rows{{2, police_row("FEED/60")}};
  auto first = intake.feeds.store_feed_batch(intake.feeds.prepare_feed_batch(rows, kForce, "test").value());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_EQ((*first)[0].kind, Kind::kAccepted);
  EXPECT_TRUE((*first)[0].reference.starts_with("MY-2026-")) << (*first)[0].reference;

  december.advance(1h);  // 00:30 on 1 January 2027 in London
  auto again = intake.feeds.store_feed_batch(intake.feeds.prepare_feed_batch(rows, kForce, "test").value());
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ((*again)[0].kind, Kind::kDuplicate) << (*again)[0].reference;
  EXPECT_EQ((*again)[0].reference, (*first)[0].reference);
  EXPECT_EQ(stored_count(), 1);
}

}  // namespace
}  // namespace vg::app
