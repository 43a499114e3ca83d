#include "domain/assessment/offence_categories.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "domain/assessment/enhanced_rights.h"

namespace vg::assessment {
namespace {

bool has_error(const Error& e, std::string_view field, std::string_view code) {
  return std::any_of(e.fields.begin(), e.fields.end(),
                     [&](const FieldError& f) { return f.field == field && f.code == code; });
}

constexpr std::string_view kSmall = R"({
  "source": "test", "licence": "OGL v3.0",
  "groups": ["Sexual offences", "Violence against the person"],
  "categories": [
    {"code": "rape", "name": "Rape", "group": "Sexual offences", "sexual_offence": true},
    {"code": "attempted_murder", "name": "Attempted murder", "group": "Violence against the person",
     "most_serious": "attempted_murder"}
  ]})";

TEST(OffenceCategories, ParsesEveryField) {
  auto parsed = parse_offence_categories(kSmall);
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].code, "rape");
  EXPECT_EQ((*parsed)[0].name, "Rape");
  EXPECT_EQ((*parsed)[0].group, "Sexual offences");
  EXPECT_TRUE((*parsed)[0].sexual_offence);
  EXPECT_EQ((*parsed)[0].most_serious, "");
  EXPECT_EQ((*parsed)[1].most_serious, "attempted_murder");
  EXPECT_FALSE((*parsed)[1].sexual_offence);
}

TEST(OffenceCategories, NotJsonIsOneErrorAtTheRoot) {
  auto parsed = parse_offence_categories("{not json");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, "validation_failed");
  EXPECT_TRUE(has_error(parsed.error(), "$", "json"));
}

TEST(OffenceCategories, EveryProblemIsReportedAtItsJsonPath) {
  auto parsed = parse_offence_categories(R"({
    "groups": ["Robbery"],
    "categories": [
      {"name": "No code", "group": "Robbery"},
      {"code": "Bad Code", "name": "x", "group": "Nowhere"},
      {"code": "ok", "name": "x", "group": "Robbery", "most_serious": "murder"},
      {"code": "ok", "name": "x", "group": "Robbery", "sexual_offence": "yes"},
      {"code": "typo", "name": "x", "group": "Robbery", "most_seriuos": "terrorism"},
      7
    ]})");
  ASSERT_FALSE(parsed.has_value());
  const Error& e = parsed.error();
  EXPECT_TRUE(has_error(e, "$.categories[0].code", "required"));
  EXPECT_TRUE(has_error(e, "$.categories[1].code", "invalid"));
  EXPECT_TRUE(has_error(e, "$.categories[1].group", "unknown"));
  EXPECT_TRUE(has_error(e, "$.categories[2].most_serious", "unknown"));
  EXPECT_TRUE(has_error(e, "$.categories[3].code", "duplicate"));
  EXPECT_TRUE(has_error(e, "$.categories[3].sexual_offence", "type"));
  EXPECT_TRUE(has_error(e, "$.categories[4].most_seriuos", "unknown"));
  EXPECT_TRUE(has_error(e, "$.categories[5]", "type"));
  EXPECT_EQ(e.fields.size(), 8u);
}

TEST(OffenceCategories, GroupsAndCategoriesAreRequired) {
  auto parsed = parse_offence_categories(R"({"source": "x"})");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_TRUE(has_error(parsed.error(), "$.groups", "required"));
  EXPECT_TRUE(has_error(parsed.error(), "$.categories", "required"));
}

TEST(OffenceCategories, FindsByCodeOnly) {
  auto parsed = parse_offence_categories(kSmall);
  ASSERT_TRUE(parsed.has_value());
  ASSERT_NE(find_offence_category(*parsed, "rape"), nullptr);
  EXPECT_EQ(find_offence_category(*parsed, "rape")->name, "Rape");
  EXPECT_EQ(find_offence_category(*parsed, "Rape"), nullptr);
  EXPECT_EQ(find_offence_category(*parsed, ""), nullptr);
}

TEST(OffenceCategories, SexualOffenceFromFlagCseOrCategory) {
  const OffenceCategory rape{"rape", "Rape", "Sexual offences", "", true};
  const OffenceCategory theft{"shoplifting", "Shoplifting", "Theft offences", "", false};
  intake::OffenceFlags none;
  intake::OffenceFlags flagged;
  flagged.sexual_offence = true;
  intake::OffenceFlags cse;
  cse.child_sexual_exploitation = true;
  EXPECT_FALSE(is_sexual_offence(none, nullptr));
  EXPECT_FALSE(is_sexual_offence(none, &theft));
  EXPECT_TRUE(is_sexual_offence(none, &rape));
  EXPECT_TRUE(is_sexual_offence(flagged, &theft));
  EXPECT_TRUE(is_sexual_offence(cse, nullptr));
}

// The real table, as shipped.
std::string read_real_file() {
  std::ifstream in(std::string(VG_SOURCE_DIR) + "/config/offence-categories.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(OffenceCategoriesFile, ParsesWithoutErrors) {
  auto parsed = parse_offence_categories(read_real_file());
  ASSERT_TRUE(parsed.has_value()) << (parsed ? ""
                                             : parsed.error().fields.front().field + ": " +
                                                   parsed.error().fields.front().message);
  EXPECT_GE(parsed->size(), 30u);
  EXPECT_LE(parsed->size(), 40u);
}

TEST(OffenceCategoriesFile, EveryMostSeriousCodeIsKnownToEnhancedRights) {
  auto parsed = parse_offence_categories(read_real_file());
  ASSERT_TRUE(parsed.has_value());
  int most_serious = 0;
  for (const auto& c : *parsed) {
    if (c.most_serious.empty()) continue;
    ++most_serious;
    EXPECT_TRUE(is_most_serious_crime_code(c.most_serious)) << c.code << ": " << c.most_serious;
  }
  // Every code the rule knows is reachable from some category.
  EXPECT_EQ(most_serious, static_cast<int>(most_serious_crime_codes().size()));
}

TEST(OffenceCategoriesFile, HoldsTheCategoriesTheRulesNeed) {
  auto parsed = parse_offence_categories(read_real_file());
  ASSERT_TRUE(parsed.has_value());
  struct Want {
    const char* code;
    const char* most_serious;
    bool sexual;
  };
  for (const Want& w :
       {Want{"homicide", "", false}, Want{"attempted_murder", "attempted_murder", false},
        Want{"wounding_with_intent", "wounding_with_intent", false},
        Want{"kidnapping", "kidnap", false},
        Want{"false_imprisonment", "false_imprisonment", false},
        Want{"arson_endangering_life", "arson_endangering_life", false},
        Want{"terrorism", "terrorism", false}, Want{"rape", "", true},
        Want{"other_sexual_offences", "", true}, Want{"burglary_residential", "", false},
        Want{"fraud", "", false}, Want{"computer_misuse", "", false},
        Want{"stalking_and_harassment", "", false},
        Want{"harassment_and_malicious_communications", "", false}}) {
    const OffenceCategory* c = find_offence_category(*parsed, w.code);
    ASSERT_NE(c, nullptr) << w.code;
    EXPECT_EQ(c->most_serious, w.most_serious) << w.code;
    EXPECT_EQ(c->sexual_offence, w.sexual) << w.code;
  }
}

}  // namespace
}  // namespace vg::assessment
