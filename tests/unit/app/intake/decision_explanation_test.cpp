// Explanations stored as facts and shown as text: every tests/routing case, under every service
// load that changes what it says, renders word for word what the text builder used to print
// (legacy_explanation.h), through the stored form and back; and text stored the old way reads
// back into the same facts. People invented.
#include "app/intake/decision_explanation.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/area_pack.h"
#include "app/intake/referral_json.h"
#include "app/intake/routed_referral.h"
#include "domain/routing/explanation_reader.h"
#include "unit/domain/routing/legacy_explanation.h"

namespace vg::app {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

const std::string kConfig = std::string(VG_SOURCE_DIR) + "/config";
const fs::path kCases = fs::path(VG_SOURCE_DIR) / "tests" / "routing";

struct Case {
  std::string name;
  std::shared_ptr<const AreaPack> pack;
  intake::Referral referral;
  routing::ServiceStates services;  // with the case's own service_load
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<Case> routing_cases() {
  std::vector<Case> out;
  std::map<std::string, std::shared_ptr<const AreaPack>> packs;
  for (const auto& area : fs::directory_iterator(kCases)) {
    const auto name = area.path().filename().string();
    auto pack = load_area_pack(kConfig, name);
    EXPECT_TRUE(pack.has_value()) << name;
    if (!pack) continue;
    auto shared = std::make_shared<const AreaPack>(std::move(*pack));
    for (const auto& file : fs::directory_iterator(area.path())) {
      auto o = json::parse(read_text(file.path())).as_object();
      auto referral = referral_from_json(o.at("referral").as_object(), "$.referral");
      EXPECT_TRUE(referral.has_value()) << file.path();
      if (!referral) continue;
      routing::ServiceStates services = shared->services;
      if (const auto* load = o.if_contains("service_load")) {
        for (const auto& m : load->as_object()) {
          if (const auto* s = services.find(std::string(m.key()))) {
            auto full = *s;
            full.open_cases = static_cast<int>(m.value().as_int64());
            services.add(std::move(full));
          }
        }
      }
      out.push_back({name + "/" + file.path().filename().string(), shared, std::move(*referral),
                     std::move(services)});
    }
  }
  return out;
}

// Every id a rule or the fallbacks name, with the state `services` holds for it.
std::vector<routing::ServiceState> named_states(const routing::RuleSet& rules,
                                                const routing::ServiceStates& services) {
  std::vector<routing::ServiceState> out;
  auto take = [&](const std::string& id) {
    if (id.empty()) return;
    for (const auto& s : out) {
      if (s.id == id) return;
    }
    if (const auto* s = services.find(id)) out.push_back(*s);
  };
  for (const auto& rule : rules.rules) {
    for (const auto& choice : rule.services) take(choice.service_id);
  }
  take(rules.fallback_service);
  take(rules.asb_service);
  return out;
}

// The loads that change what an explanation says: as the case has it; each named service full;
// every one full; each named service missing from the directory.
std::vector<std::pair<std::string, routing::ServiceStates>> loads(const Case& c) {
  std::vector<std::pair<std::string, routing::ServiceStates>> out{{"as given", c.services}};
  const auto named = named_states(c.pack->rules, c.services);
  routing::ServiceStates all_full = c.services;
  for (const auto& s : named) {
    auto full = s;
    full.capacity = std::max(full.capacity, 3);
    full.open_cases = full.capacity + 1;
    routing::ServiceStates one = c.services;
    one.add(full);
    all_full.add(full);
    out.emplace_back(s.id + " full", std::move(one));
    routing::ServiceStates missing;
    for (const auto& other : named) {
      if (other.id != s.id) missing.add(other);
    }
    out.emplace_back(s.id + " not in the directory", std::move(missing));
  }
  out.emplace_back("every one full", std::move(all_full));
  return out;
}

json::array legacy_json(const std::vector<routing::ExplanationLine>& lines) {
  return explanation_lines_json(lines);
}

TEST(DecisionExplanation, EveryRoutingCaseRendersWhatTheTextBuilderPrinted) {
  const auto cases = routing_cases();
  ASSERT_GE(cases.size(), 30u) << "the tests/routing cases";
  int decisions = 0;
  for (const auto& c : cases) {
    for (const auto& [load, services] : loads(c)) {
      SCOPED_TRACE(c.name + ", " + load);
      const auto& rules = c.pack->rules;
      auto assessed = intake::assess_and_route(rules, services, c.pack->policy, c.referral,
                                               england_and_wales_bank_holidays(), routing::Explain::kFacts);
      ASSERT_TRUE(assessed.has_value());
      const auto facts = routing::routing_facts(assessed->referral, assessed->assessment, rules);
      const auto old = routing::legacy::legacy_decide(rules, facts, services, true);
      ASSERT_FALSE(old.explanation.empty());

      // Decided with its text (route --explain): the same lines.
      const auto with_text = routing::decide(rules, facts, services, routing::Explain::kText);
      EXPECT_EQ(legacy_json(with_text.explanation), legacy_json(old.explanation));
      EXPECT_EQ(with_text.service_id, old.service_id);
      EXPECT_EQ(with_text.outcome, old.outcome);

      // Stored as facts, with the names then, and shown: the same lines.
      auto pack = *c.pack;
      pack.services = services;
      auto stored = routed_referral_json(*assessed, pack);
      ASSERT_TRUE(stored.contains("explanation_facts"));
      EXPECT_FALSE(stored.contains("explanation"));
      auto round_trip = json::parse(json::serialize(stored)).as_object();
      ASSERT_TRUE(show_explanation(round_trip, rules).has_value());
      EXPECT_EQ(round_trip.at("explanation"), json::value(legacy_json(old.explanation)));

      // And what the old text builder stored reads back into the same facts (migration 0034).
      auto read = routing::read_explanation(old.explanation, rules);
      ASSERT_TRUE(read.has_value());
      EXPECT_EQ(read->facts.size(), assessed->decision.explanation_facts.size());
      ++decisions;
    }
  }
  EXPECT_GE(decisions, 200);
}

TEST(DecisionExplanation, ShownNamesAreTheSnapshotNotTodaysDirectory) {
  const auto cases = routing_cases();
  const auto& c = cases.front();
  auto assessed = intake::assess_and_route(c.pack->rules, c.services, c.pack->policy, c.referral,
                                           england_and_wales_bank_holidays(), routing::Explain::kFacts);
  ASSERT_TRUE(assessed.has_value());
  auto stored = routed_referral_json(*assessed, *c.pack);
  auto& names = stored.at("explanation_facts").as_object().at("names").as_object();
  ASSERT_FALSE(names.empty());
  for (auto& member : names) member.value() = "Renamed In The Stored Snapshot";
  ASSERT_TRUE(show_explanation(stored, c.pack->rules).has_value());
  bool shown = false;
  for (const auto& line : stored.at("explanation").as_array()) {
    shown = shown || std::string(line.at("text").as_string()).find("Renamed In The Stored Snapshot") !=
                         std::string::npos;
  }
  EXPECT_TRUE(shown);
}

TEST(DecisionExplanation, TextKeptVerbatimIsShownAsItWas) {
  const auto cases = routing_cases();
  const auto& c = cases.front();
  json::array lines{json::object{{"matched", true}, {"text", "A line no renderer wrote"}}};
  json::object stored{{"area", "merseyside"},
                      {"explanation_facts", json::object{{"renderer", "text"}, {"lines", lines}}}};
  ASSERT_TRUE(show_explanation(stored, c.pack->rules).has_value());
  EXPECT_EQ(stored.at("explanation"), json::value(lines));
  EXPECT_FALSE(stored.contains("explanation_facts"));
}

TEST(DecisionExplanation, AnUnknownRendererVersionIsRefusedNotGuessed) {
  const auto cases = routing_cases();
  const auto& c = cases.front();
  json::object stored{{"explanation_facts",
                       json::object{{"renderer", "99"}, {"names", json::object{}}, {"lines", json::array{}}}}};
  auto shown = show_explanation(stored, c.pack->rules);
  ASSERT_FALSE(shown.has_value());
  EXPECT_EQ(shown.error().code, "validation_failed");
}

TEST(DecisionExplanation, StoredFactsAreSmallerThanTheirText) {
  const auto cases = routing_cases();
  for (const auto& c : cases) {
    auto facts = intake::assess_and_route(c.pack->rules, c.services, c.pack->policy, c.referral,
                                          england_and_wales_bank_holidays(), routing::Explain::kFacts);
    auto text = intake::assess_and_route(c.pack->rules, c.services, c.pack->policy, c.referral,
                                         england_and_wales_bank_holidays(), routing::Explain::kText);
    const auto stored = json::serialize(routed_referral_json(*facts, *c.pack).at("explanation_facts"));
    const auto shown = json::serialize(routed_referral_json(*text, *c.pack).at("explanation"));
    EXPECT_LT(stored.size(), shown.size()) << c.name;
  }
}

}  // namespace
}  // namespace vg::app
