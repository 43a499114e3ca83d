// Migration 0034's data step on every backend: referrals stored with their explanation as text
// (as before issue 14) get it as facts, with the names read from their own text, and show exactly
// the lines they showed before; a line that does not read back keeps its row's text verbatim; a
// second run reads nothing. Every person, force and crime reference here is invented.
#include "app/intake/explanation_migration.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/area_pack.h"
#include "app/intake/decision_explanation.h"
#include "app/intake/referral_json.h"
#include "app/intake/routed_referral.h"
#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

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
  std::chrono::system_clock::time_point now() const override { return at(std::chrono::hours(1)); }
};

class ExplanationMigrationTest : public ReferralFixture {
 protected:
  void SetUp() override {
    ReferralFixture::SetUp();
    auto pack = app::load_area_pack(kConfig, "merseyside");
    ASSERT_TRUE(pack.has_value());
    pack_ = std::move(*pack);
    RuleSetRecord record;
    record.area = "merseyside";
    record.version = pack_.rules.version;
    record.document = read_text(kConfig + "/areas/merseyside/routing.json");
    record.loaded_at = at(std::chrono::seconds(1));
    record.loaded_by = "test";
    ASSERT_TRUE(store_->rule_sets().add_rule_set(record, audit_entry("routing.rules.load", "m")).has_value());
  }

  // The assessment as the gateway stored it before issue 14: routed_referral_json with the
  // explanation's text, for the tests/routing case `name` (its service_load applied).
  json::object old_form(const std::string& name) {
    auto o = json::parse(read_text(std::string(VG_SOURCE_DIR) + "/tests/routing/merseyside/" + name)).as_object();
    auto referral = app::referral_from_json(o.at("referral").as_object(), "$.referral");
    EXPECT_TRUE(referral.has_value());
    auto services = pack_.services;
    if (const auto* load = o.if_contains("service_load")) {
      for (const auto& m : load->as_object()) {
        auto s = *services.find(std::string(m.key()));
        s.open_cases = static_cast<int>(m.value().as_int64());
        services.add(s);
      }
    }
    auto routed = app::assess_and_route(pack_, services, *referral, app::england_and_wales_bank_holidays(), true);
    EXPECT_TRUE(routed.has_value());
    auto out = app::routed_referral_json(*routed, pack_);
    EXPECT_TRUE(out.contains("explanation"));
    return out;
  }

  // Stores `assessment` as referral `n`'s.
  void store_row(int n, const std::string& assessment) {
    auto r = referral(n);
    r.reference = "T-" + std::to_string(n);
    r.area = "merseyside";
    r.rule_set_version = pack_.rules.version;
    r.assessment = assessment;
    ASSERT_TRUE(store_->write([&](UnitOfWork& unit) -> Result<void> {
                        VG_CHECK(unit.referrals().insert({r}));
                        return unit.append_audit({audit_entry("referral.create", r.id)});
                      }).has_value());
  }

  std::string stored(int n) { return store_->referrals().find(uuid(100 + n)).value()->assessment; }

  // What the row shows now, as the API and the pages show it.
  json::value shown(int n) {
    app::DecisionExplanations explanations(*store_);
    auto text = explanations.shown(stored(n));
    EXPECT_TRUE(text.has_value()) << (text ? "" : text.error().message);
    return json::parse(text.value_or("null"));
  }

  app::AreaPack pack_;
  FixedClock clock_;
};

TEST_F(ExplanationMigrationTest, OldRowsShowTheirTextWordForWordWithTheirOwnNames) {
  auto full = old_form("adult-rape-isva-full.json");
  // The directory has renamed a service since: the row keeps the name its call handler read out.
  std::string text = json::serialize(full);
  const std::string today = "ISVA service – RASA Merseyside";
  for (auto at = text.find(today); at != std::string::npos; at = text.find(today, at + 1)) {
    text.replace(at, today.size(), "Rape and Sexual Abuse ISVA (as named then)");
  }
  ASSERT_NE(text, json::serialize(full)) << "the case names the service";
  const auto child = json::serialize(old_form("child-sexual-offence-15.json"));
  auto odd = old_form("burglary-fallback.json");
  odd.at("explanation").as_array().front().as_object()["text"] = "A line no renderer wrote";
  const auto unreadable = json::serialize(odd);
  store_row(1, text);
  store_row(2, child);
  store_row(3, unreadable);
  store_row(4, R"({"risk":"standard","explanation":[]})");  // decided without an explanation

  auto report = app::migrate_stored_explanations(*store_, clock_);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->converted, 2);
  EXPECT_EQ(report->kept_as_text, 1);

  EXPECT_EQ(shown(1), json::parse(text));
  EXPECT_EQ(shown(2), json::parse(child));
  EXPECT_EQ(shown(3), json::parse(unreadable));
  EXPECT_EQ(stored(4), R"({"risk":"standard","explanation":[]})");
  EXPECT_NE(stored(1).find("\"explanation_facts\""), std::string::npos);
  EXPECT_NE(stored(1).find("Rape and Sexual Abuse ISVA (as named then)"), std::string::npos);
  EXPECT_LT(stored(1).size(), text.size());
  EXPECT_LT(stored(2).size(), child.size());
  EXPECT_NE(stored(3).find(R"("renderer":"text")"), std::string::npos);
}

TEST_F(ExplanationMigrationTest, ASecondRunReadsNothingAndChangesNothing) {
  const auto child = json::serialize(old_form("child-sexual-offence-15.json"));
  store_row(1, child);
  ASSERT_EQ(app::migrate_stored_explanations(*store_, clock_).value().converted, 1);
  const auto after = stored(1);
  EXPECT_TRUE(store_->referrals().data_migration_done(app::kExplanationFactsMigration).value());
  // A row in the old form arriving later (another process not yet upgraded) is not read again
  // by migrate, and still shows its text as it was.
  store_row(2, child);
  auto again = app::migrate_stored_explanations(*store_, clock_);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->converted + again->kept_as_text, 0);
  EXPECT_EQ(stored(1), after);
  EXPECT_EQ(shown(2), json::parse(child));
}

TEST_F(ExplanationMigrationTest, AnAssessmentChangedSinceItWasReadIsLeftAlone) {
  store_row(1, json::serialize(old_form("child-sexual-offence-15.json")));
  store::ReferralRepository::AssessmentChange stale{uuid(101), "not what is stored", "{}"};
  EXPECT_EQ(store_->referrals().replace_assessments({stale}).value(), 0);
  EXPECT_NE(stored(1), "{}");
}

}  // namespace
}  // namespace vg::store::testing
