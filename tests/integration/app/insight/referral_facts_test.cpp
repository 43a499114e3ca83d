// Insight's referral facts written where the records they describe change, on every backend:
// with a new referral (in its transaction), again when its case moves on, and by migration 0038's
// data step for referrals stored before. Every person, force and crime reference here is invented.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "app/deadlines/bank_holiday_calendar.h"
#include "app/insight/case_facts.h"
#include "app/insight/facts_migration.h"
#include "app/intake/area_pack.h"
#include "app/intake/referral_creation.h"
#include "app/intake/referral_json.h"
#include "app/intake/routed_referral.h"
#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

using namespace std::chrono;
namespace json = boost::json;

const std::string kConfig = std::string(VG_SOURCE_DIR) + "/config";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class FixedClock final : public Clock {
 public:
  system_clock::time_point now() const override { return at(hours(1)); }
};

class ReferralFactsTest : public ReferralFixture {
 protected:
  void SetUp() override {
    ReferralFixture::SetUp();
    auto pack = app::load_area_pack(kConfig, "merseyside");
    ASSERT_TRUE(pack.has_value()) << pack.error().message;
    pack_ = std::move(*pack);
  }

  // The tests/routing example `name` taken through the intake's steps: its stored row (document
  // and assessment as the intake keeps them) and the case opening with its facts.
  std::pair<StoredReferral, casework::CaseOpening> routed(int n, const std::string& name) {
    const auto example = json::parse(read_text(std::string(VG_SOURCE_DIR) + "/tests/routing/merseyside/" + name));
    const auto& body = example.as_object().at("referral").as_object();
    auto parsed = app::referral_from_json(body, "$.referral");
    EXPECT_TRUE(parsed.has_value());
    auto r = app::assess_and_route(pack_, pack_.services, *parsed, app::england_and_wales_bank_holidays(),
                                   routing::Explain::kFacts);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    auto row = referral(n);
    row.reference = "MY-2026-" + std::to_string(600000 + n);  // each stored one its own
    row.area = "merseyside";
    row.channel = std::string(insight::intake_facts(*r, {}).channel);
    row.source_organisation_id = row.channel == "self" ? "" : kPolice;
    row.received_at = parsed->received_at;
    row.outcome = std::string(routing::outcome_code(r->decision.outcome));
    row.service_id = r->decision.service_id;
    row.document = json::serialize(body);
    row.assessment = json::serialize(app::routed_referral_json(*r, pack_));
    return {row, casework::case_opening(*r, pack_.policy.offence_categories)};
  }

  insight::ReferralFacts stored_facts(int n) {
    auto found = store_->insight().find(uuid(100 + n));
    EXPECT_TRUE(found.has_value());
    EXPECT_TRUE(found && found->has_value()) << "referral " << n << " has facts";
    return found && *found ? **found : insight::ReferralFacts{};
  }

  app::AreaPack pack_;
  FixedClock clock_;
};

TEST_F(ReferralFactsTest, ANewReferralIsStoredWithItsFacts) {
  auto [row, opening] = routed(1, "domestic-abuse-awaiting-consent.json");
  app::ReferralCreation creation(*store_);
  auto created = creation.create({row, kPrefix, std::nullopt, audit_entry("referral.create"), opening});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  const auto f = stored_facts(1);
  EXPECT_EQ(f.area, "merseyside");
  EXPECT_EQ(f.channel, row.channel);
  EXPECT_EQ(f.received_on, year{2026} / November / 23);
  EXPECT_EQ(f.local_authority, opening.local_authority);
  EXPECT_TRUE(f.domestic_abuse);
  EXPECT_TRUE(f.enhanced);
  EXPECT_FALSE(f.offence_group.empty());
  EXPECT_FALSE(f.progress.accepted) << "awaiting consent";
  EXPECT_FALSE(f.progress.contacted_on.has_value());
  // Reported Saturday 21 November, received Monday 23rd: inside the 2 working days (due the 24th).
  EXPECT_EQ(f.police_referral_met, true);
  // What routing matched on, kept for the what-if: the decision replays from it alone.
  ASSERT_TRUE(f.routing.has_value());
  EXPECT_EQ(f.routing, opening.facts.routing);
  EXPECT_NE(f.routing->flags & routing::kDomesticAbuse, 0u);
  EXPECT_EQ(routing::decide(pack_.rules, routing::routing_facts(*f.routing, pack_.rules), pack_.services,
                            routing::Explain::kNone)
                .service_id,
            row.service_id);
}

TEST_F(ReferralFactsTest, ARefusedReferralLeavesNoFacts) {
  auto [row, opening] = routed(1, "burglary-fallback.json");
  row.source_organisation_id = uuid(77);  // no such organisation: refused
  app::ReferralCreation creation(*store_);
  EXPECT_FALSE(creation.create({row, kPrefix, std::nullopt, audit_entry("referral.create"), opening}).has_value());
  EXPECT_FALSE(store_->insight().find(uuid(101)).value().has_value());
}

TEST_F(ReferralFactsTest, TheCasesProgressFollowsItsTimeline) {
  auto [row, opening] = routed(1, "burglary-fallback.json");
  app::ReferralCreation creation(*store_);
  ASSERT_TRUE(creation.create({row, kPrefix, std::nullopt, audit_entry("referral.create"), opening}).has_value());
  const auto received = row.received_at;
  auto done = store_->write([&](UnitOfWork& unit) -> Result<void> {
    auto c = VG_TRY(unit.cases().find(uuid(101)));
    if (!c) return not_found("The case");
    VG_CHECK(unit.cases().append_events(
        {{0, c->id, received + hours(24), "u", "contact_attempt", R"({"channel":"call","outcome":"reached"})"},
         {0, c->id, received + hours(72), "u", "needs_assessed", "{}"}}));
    VG_CHECK(unit.support().save_restorative_justice(
        {c->id, year{2026} / November / 26, "undecided", std::nullopt, "u", received + hours(72)}));
    return app::refresh_case_facts(unit, *c);
  });
  ASSERT_TRUE(done.has_value()) << done.error().message;
  const auto f = stored_facts(1);
  EXPECT_EQ(f.progress.contacted_on, year{2026} / November / 24);
  EXPECT_EQ(f.progress.assessed_on, year{2026} / November / 26);
  EXPECT_EQ(f.progress.supported_on, year{2026} / November / 26);
  EXPECT_EQ(f.progress.restorative_justice_met, true) << "the case records the offer";
}

TEST_F(ReferralFactsTest, TheDataStepGivesOlderReferralsTheirFactsOnce) {
  auto [first, opening_one] = routed(1, "domestic-abuse-awaiting-consent.json");
  auto [second, opening_two] = routed(2, "high-risk-hate-crime.json");
  auto odd = referral(3);  // a document and an assessment that do not read as the intake's
  odd.reference = "MY-2026-600003";
  odd.area = "merseyside";
  for (const auto& r : {first, second, odd}) {
    ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.referrals().insert({r}); }).has_value());
  }
  auto report = app::migrate_referral_facts(*store_, clock_, pack_.policy.offence_categories);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->written, 3);
  EXPECT_EQ(report->partly_read, 1);
  const auto one = stored_facts(1);
  EXPECT_TRUE(one.domestic_abuse);
  EXPECT_TRUE(one.enhanced);
  EXPECT_EQ(one.received_on, year{2026} / November / 23);
  const auto two = stored_facts(2);
  EXPECT_TRUE(two.hate_crime);
  EXPECT_EQ(two.dash_high, opening_two.facts.dash_high);
  EXPECT_EQ(two.offence_group, opening_two.facts.offence_group) << "the same rule as the intake's";
  EXPECT_EQ(two.age_band, opening_two.facts.age_band);
  EXPECT_EQ(stored_facts(3).channel, "police");
  // The police referral clock read back from the stored assessment, as the intake had it.
  EXPECT_EQ(one.police_referral_met, true);
  EXPECT_EQ(two.police_referral_met, true);
  EXPECT_FALSE(stored_facts(3).police_referral_met.has_value());
  EXPECT_EQ(two.routing, opening_two.facts.routing) << "the same routing inputs as the intake's";
  EXPECT_FALSE(stored_facts(3).routing.has_value()) << "not guessed from half a referral";
  EXPECT_TRUE(store_->referrals().data_migration_done(app::kReferralFactsMigration).value());
  // Recorded done: a second run reads nothing.
  auto late = referral(4);
  late.reference = "MY-2026-600004";
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.referrals().insert({late}); }).has_value());
  auto again = app::migrate_referral_facts(*store_, clock_, pack_.policy.offence_categories);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->written, 0);
}

TEST_F(ReferralFactsTest, TheRoutingInputsStepFillsRowsWrittenBeforeThem) {
  auto [first, opening_one] = routed(1, "domestic-abuse-awaiting-consent.json");
  auto [second, opening_two] = routed(2, "high-risk-hate-crime.json");
  std::vector<insight::ReferralFacts> facts;
  for (auto [row, opening] : {std::pair{first, opening_one}, std::pair{second, opening_two}}) {
    ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.referrals().insert({row}); }).has_value());
    facts.push_back(opening.facts);
    facts.back().fact_id = row.id;
    facts.back().routing.reset();  // as written before migration 0046
  }
  facts.push_back(facts.back());
  facts.back().fact_id = uuid(103);  // its referral erased since: nothing to read it from
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.insight().insert(facts); }).has_value());

  auto report = app::migrate_routing_inputs(*store_, clock_);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->written, 2);
  EXPECT_EQ(report->unreadable, 0);
  EXPECT_EQ(stored_facts(1).routing, opening_one.facts.routing) << "the same function as the intake's";
  EXPECT_EQ(stored_facts(2).routing, opening_two.facts.routing);
  EXPECT_FALSE(stored_facts(3).routing.has_value());
  // The referral's own decision replays from the kept inputs alone.
  const auto kept = *stored_facts(2).routing;
  EXPECT_EQ(routing::decide(pack_.rules, routing::routing_facts(kept, pack_.rules), pack_.services,
                            routing::Explain::kNone)
                .service_id,
            second.service_id);
  EXPECT_TRUE(store_->referrals().data_migration_done(app::kRoutingInputsMigration).value());
  EXPECT_EQ(app::migrate_routing_inputs(*store_, clock_)->written, 0) << "recorded done: reads nothing";
}

}  // namespace
}  // namespace vg::store::testing
