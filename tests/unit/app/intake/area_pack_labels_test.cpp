// Every area pack is checked for rules whose words promise a condition they do not test when it
// is loaded (rules load, serve, route --explain all load it here): the shipped packs load clean,
// and each kind of check refuses a shipped rule with its condition taken away, naming the file,
// the rule's JSON path and its id.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <functional>

#include "app/intake/area_pack.h"

namespace vg::app {
namespace {

namespace json = boost::json;

const std::string kConfig = std::string(VG_SOURCE_DIR) + "/config";

// An area's shipped routing rules with one rule changed by `edit`; the rule's index in `index`.
std::string edited_rules(const std::string& area, const std::string& rule_id,
                         const std::function<void(json::object&)>& edit, std::size_t& index) {
  auto root = json::parse(read_routing_rules(kConfig, area).value()).as_object();
  auto& rules = root.at("rules").as_array();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    auto& rule = rules[i].as_object();
    if (rule.at("id").as_string() == rule_id) {
      edit(rule);
      index = i;
      return json::serialize(root);
    }
  }
  ADD_FAILURE() << area << " has no rule " << rule_id;
  return {};
}

// Loads the edited pack and expects it refused at the rule's explain line, naming the rule.
void expect_refused(const std::string& area, const std::string& rule_id,
                    const std::function<void(json::object&)>& edit, const std::string& said) {
  std::size_t index = 0;
  const auto text = edited_rules(area, rule_id, edit, index);
  auto pack = load_area_pack(kConfig, area, text);
  ASSERT_FALSE(pack.has_value()) << area << " " << rule_id << " was accepted";
  const std::string field = "routing.json $.rules[" + std::to_string(index) + "].explain";
  bool found = false;
  std::string all;
  for (const auto& f : pack.error().fields) {
    all += f.field + ": " + f.message + "\n";
    if (f.field == field && f.code == "label_mismatch" &&
        f.message.find("rule \"" + rule_id + "\"") != std::string::npos &&
        f.message.find(said) != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "expected " << field << " saying " << said << ", got:\n" << all;
  EXPECT_NE(pack.error().message.find("routing.json"), std::string::npos) << pack.error().message;
}

void remove_condition(json::object& rule, std::string_view key) {
  rule.at("when").as_object().erase(key);
}

TEST(AreaPackLabels, EveryShippedPackLoadsClean) {
  const auto areas = area_names(kConfig);
  EXPECT_EQ(areas, (std::vector<std::string>{"greater-manchester", "merseyside", "staffordshire"}));
  for (const auto& area : areas) {
    auto pack = load_area_pack(kConfig, area);
    std::string all;
    if (!pack) {
      for (const auto& f : pack.error().fields) all += f.field + ": " + f.message + "\n";
    }
    EXPECT_TRUE(pack.has_value()) << area << ": " << (pack ? "" : pack.error().message) << "\n" << all;
  }
}

// The rule as it was shipped before issue 11: "adult" in its words and no age in its condition.
TEST(AreaPackLabels, TheOldMerseysideAdultIsvaRuleIsRefused) {
  for (const std::string area : {"merseyside", "greater-manchester"}) {
    expect_refused(area, "sexual-offence", [](json::object& rule) {
      rule["explain"] = "A sexual offence against an adult: ISVA support";
      rule["when"] = json::object{{"flags", json::array{"sexual_offence"}}};
    }, "says \"adult\", but its \"when\" does not test age_bands");
  }
}

TEST(AreaPackLabels, TheAdultIsvaRuleMustSayItTakesUnknownAges) {
  expect_refused("merseyside", "sexual-offence", [](json::object& rule) {
    rule["explain"] = "A sexual offence against an adult: ISVA support";
  }, "also matches \"unknown\"");
}

TEST(AreaPackLabels, AChildRuleWithoutItsAgeConditionIsRefused) {
  expect_refused("merseyside", "child-sexual-abuse",
                 [](json::object& rule) { remove_condition(rule, "age_bands"); }, "says \"child\"");
  expect_refused("merseyside", "children-domestic-abuse",
                 [](json::object& rule) { remove_condition(rule, "age_bands"); }, "\"young person\"");
}

TEST(AreaPackLabels, AHighRiskRuleWithoutItsRiskConditionIsRefused) {
  expect_refused("merseyside", "high-risk-hate-crime",
                 [](json::object& rule) { remove_condition(rule, "risk_levels"); },
                 "says \"High-risk\", but its \"when\" does not test risk_levels");
}

TEST(AreaPackLabels, APlaceNamedButNotTestedIsRefused) {
  expect_refused("merseyside", "domestic-abuse-liverpool",
                 [](json::object& rule) { remove_condition(rule, "local_authorities"); },
                 "says \"Liverpool\", but its \"when\" does not test local_authorities");
  // Sefton's rule pointed at Wirral.
  expect_refused("merseyside", "domestic-abuse-high-risk-sefton", [](json::object& rule) {
    rule.at("when").as_object()["local_authorities"] = json::array{"E08000015"};
  }, "also matches \"E08000015\"");
}

TEST(AreaPackLabels, AFlagNamedButNotTestedIsRefused) {
  expect_refused("merseyside", "domestic-abuse-wirral",
                 [](json::object& rule) { remove_condition(rule, "flags"); },
                 "says \"Domestic abuse\", but its \"when.flags\" does not have \"domestic_abuse\"");
}

TEST(AreaPackLabels, AHateCrimeStrandNamedButNotTestedIsRefused) {
  expect_refused("greater-manchester", "lgbt-hate-crime",
                 [](json::object& rule) { remove_condition(rule, "hate_strands"); },
                 "does not test hate_strands");
}

}  // namespace
}  // namespace vg::app
