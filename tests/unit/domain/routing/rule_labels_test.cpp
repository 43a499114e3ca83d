// A rule's words must match its conditions: each kind of promise a label can make (age, risk,
// hate crime strand, place, flag), refused when the rule does not keep it and accepted when it
// does, with the rule's id and the label's JSON path in the error.
#include "domain/routing/rule_labels.h"

#include <gtest/gtest.h>

#include "domain/routing/rule_set.h"

namespace vg::routing {
namespace {

const LabelVocabulary kVocabulary{
    {{"E08000012", "Liverpool"},
     {"E08000013", "St. Helens"},
     {"E08000014", "Sefton"},
     {"E08000015", "Wirral"},
     {"E08000003", "Manchester"},
     {"E08000006", "Salford"},
     {"E07000193", "East Staffordshire"},
     {"E07000197", "Stafford"},
     {"E07000198", "Staffordshire Moorlands"},
     {"E07000195", "Newcastle-under-Lyme"}},
    {"Greater Manchester", "Merseyside", "Staffordshire"}};

// The label problems of a rule set with one rule: `when` is the rule's condition as JSON.
std::vector<FieldError> problems(const std::string& explain, const std::string& when,
                                 const std::string& id = "r") {
  const std::string text =
      R"({"area":"merseyside","version":"1","reference_prefix":"MY",
          "fallback_service":"e9b69224-7e3f-49ac-bf4f-f648f58e8927",
          "rules":[{"id":")" + id + R"(","explain":")" + explain + R"(","when":)" + when +
      R"(,"services":[{"service":"947f705c-0a34-43c4-a890-9fca1ea5d53a"}]}]})";
  auto set = parse_rule_set(text, kVocabulary);
  if (set) return {};
  return set.error().fields;
}

std::string messages(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + " " + e.code + ": " + e.message + "\n";
  return out;
}

void expect_clean(const std::string& explain, const std::string& when) {
  auto errors = problems(explain, when);
  EXPECT_TRUE(errors.empty()) << explain << "\n" << messages(errors);
}

void expect_refused(const std::string& explain, const std::string& when, const std::string& said) {
  auto errors = problems(explain, when);
  ASSERT_FALSE(errors.empty()) << explain << " with " << when << " was accepted";
  for (const auto& e : errors) {
    EXPECT_EQ(e.field, "$.rules[0].explain");
    EXPECT_EQ(e.code, "label_mismatch");
  }
  EXPECT_NE(messages(errors).find(said), std::string::npos) << messages(errors);
}

// --- age -----------------------------------------------------------------------------------------

TEST(RuleLabelAge, TodaysMerseysideAdultIsvaRuleIsRefusedNamingTheRuleAndPath) {
  // config/areas/merseyside/routing.json before issue 11: "adult" in the words, no age test.
  auto errors = problems("A sexual offence against an adult: ISVA support",
                         R"({"flags":["sexual_offence"]})", "sexual-offence");
  ASSERT_EQ(errors.size(), 1u) << messages(errors);
  EXPECT_EQ(errors[0].field, "$.rules[0].explain");
  EXPECT_EQ(errors[0].code, "label_mismatch");
  EXPECT_EQ(errors[0].message,
            "rule \"sexual-offence\" says \"adult\", but its \"when\" does not test age_bands: add "
            "\"age_bands\": [\"18_to_64\", \"65_and_over\"], or change the words");
}

TEST(RuleLabelAge, AnAdultRuleThatAlsoTakesUnknownAgesMustSaySo) {
  expect_refused("A sexual offence against an adult: ISVA support",
                 R"({"flags":["sexual_offence"],"age_bands":["18_to_64","65_and_over","unknown"]})",
                 "also matches \"unknown\"");
}

TEST(RuleLabelAge, WordsSayingAgeNotKnownNeedUnknownInTheCondition) {
  expect_refused("A sexual offence against an adult (18 or over, or age not known): ISVA support",
                 R"({"flags":["sexual_offence"],"age_bands":["18_to_64","65_and_over"]})",
                 "says \"age not known\", but its \"when.age_bands\" leaves out \"unknown\"");
}

TEST(RuleLabelAge, TheDecidedAdultIsvaRuleIsClean) {
  expect_clean("A sexual offence against an adult (18 or over, or age not known): ISVA support",
               R"({"flags":["sexual_offence"],"age_bands":["18_to_64","65_and_over","unknown"]})");
}

TEST(RuleLabelAge, ChildrenAndYoungPeopleNeedAnUnder18Condition) {
  expect_refused("A child who was sexually abused: therapeutic support", R"({"flags":["sexual_offence"]})",
                 "says \"child\"");
  expect_refused("A child or young person affected by domestic abuse",
                 R"({"flags":["domestic_abuse"],"age_bands":["under_18","unknown"]})",
                 "also matches \"unknown\"");
  expect_refused("Under 18 and stalked", R"({"flags":["stalking_or_harassment"]})", "\"Under 18\"");
  expect_clean("A child or young person affected by domestic abuse",
               R"({"flags":["domestic_abuse"],"age_bands":["under_18"]})");
  expect_clean("Children's services for a sexual offence",
               R"({"flags":["sexual_offence"],"age_bands":["under_18"]})");
}

TEST(RuleLabelAge, OlderPeopleNeed65AndOver) {
  expect_refused("Fraud against an older person", R"({"age_bands":["18_to_64","65_and_over"]})",
                 "also matches \"18_to_64\"");
  expect_clean("Fraud against an older person", R"({"age_bands":["65_and_over"]})");
  // "adult" is 18 to 64 or 65 and over: either will do, as long as nothing else matches.
  expect_clean("Fraud against an adult aged 65 or over", R"({"age_bands":["65_and_over"]})");
}

TEST(RuleLabelAge, ChildInChildSexualExploitationIsTheFlagNotAnAge) {
  expect_clean("Child sexual exploitation", R"({"flags":["child_sexual_exploitation"]})");
  expect_clean("Under 18 with a child sexual exploitation flag",
               R"({"flags":["child_sexual_exploitation"],"age_bands":["under_18"]})");
}

TEST(RuleLabelAge, ARuleThatTestsAgeButSaysNothingOfItIsNotALabelProblem) {
  // Passed over, the explanation says why ("age is under 18, not …"); matched, it promises nothing.
  expect_clean("Modern slavery or human trafficking",
               R"({"flags":["modern_slavery"],"age_bands":["18_to_64","65_and_over"]})");
}

// --- risk ----------------------------------------------------------------------------------------

TEST(RuleLabelRisk, HighRiskNeedsTheHighLevelOnly) {
  expect_refused("High-risk hate crime", R"({"flags":["hate_crime"]})",
                 "rule \"r\" says \"High-risk\", but its \"when\" does not test risk_levels");
  expect_refused("High-risk hate crime", R"({"flags":["hate_crime"],"risk_levels":["medium","high"]})",
                 "also matches \"medium\"");
  expect_clean("High-risk hate crime", R"({"flags":["hate_crime"],"risk_levels":["high"]})");
  expect_clean("High risk anti-social behaviour", R"({"flags":["non_crime_asb"],"risk_levels":["high"]})");
}

TEST(RuleLabelRisk, SeveralLevelsInOnePhrase) {
  expect_clean("Medium or high risk domestic abuse",
               R"({"flags":["domestic_abuse"],"risk_levels":["medium","high"]})");
  expect_refused("Medium or high risk domestic abuse",
                 R"({"flags":["domestic_abuse"],"risk_levels":["high"]})",
                 "leaves out \"medium\"");
  expect_clean("A child at risk of exploitation",  // "at risk" names no level
               R"({"age_bands":["under_18"]})");
}

// --- hate crime strands --------------------------------------------------------------------------

TEST(RuleLabelStrands, NamedStrandsMustBeTheOnesTested) {
  expect_refused("Homophobic hate crime", R"({"flags":["hate_crime"]})",
                 "does not test hate_strands");
  expect_refused("Homophobic hate crime", R"({"flags":["hate_crime"],"hate_strands":["sexual_orientation","transgender"]})",
                 "also matches \"transgender\"");
  expect_clean("Homophobic, biphobic or transphobic hate crime: LGBT hate crime helpline",
               R"({"flags":["hate_crime"],"hate_strands":["sexual_orientation","transgender"]})");
  expect_refused("LGBT hate crime", R"({"flags":["hate_crime"],"hate_strands":["sexual_orientation"]})",
                 "says \"LGBT\", but its \"when.hate_strands\" leaves out \"transgender\"");
  expect_clean("Religious hate crime, including antisemitism: CST",
               R"({"flags":["hate_crime"],"hate_strands":["religion"]})");
  expect_clean("Hate crime: advocacy", R"({"flags":["hate_crime"]})");
}

// --- places --------------------------------------------------------------------------------------

TEST(RuleLabelPlaces, ADistrictNamedMustBeTheDistrictTested) {
  expect_refused("Domestic abuse in Liverpool", R"({"flags":["domestic_abuse"]})",
                 "rule \"r\" says \"Liverpool\", but its \"when\" does not test local_authorities");
  expect_refused("Domestic abuse in Liverpool",
                 R"({"flags":["domestic_abuse"],"local_authorities":["E08000012","E08000015"]})",
                 "also matches \"E08000015\"");
  expect_refused("Domestic abuse in Liverpool or Wirral",
                 R"({"flags":["domestic_abuse"],"local_authorities":["E08000012"]})",
                 "says \"Wirral\", but its \"when.local_authorities\" leaves out \"E08000015\"");
  expect_clean("Domestic abuse in Liverpool", R"({"flags":["domestic_abuse"],"local_authorities":["E08000012"]})");
  expect_clean("Domestic abuse in St Helens", R"({"flags":["domestic_abuse"],"local_authorities":["E08000013"]})");
  expect_clean("Domestic abuse in Newcastle-under-Lyme or Staffordshire Moorlands",
               R"({"flags":["domestic_abuse"],"local_authorities":["E07000195","E07000198"]})");
}

TEST(RuleLabelPlaces, TheForceAreaNameIsNotADistrict) {
  expect_clean("Domestic abuse: the Greater Manchester domestic abuse helpline", R"({"flags":["domestic_abuse"]})");
  expect_clean("Anyone in Staffordshire", R"({})");
  expect_refused("Fraud in East Staffordshire or Stafford", R"({"local_authorities":["E07000193"]})",
                 "says \"Stafford\"");
}

// --- flags ---------------------------------------------------------------------------------------

TEST(RuleLabelFlags, AFlagNamedMustBeTested) {
  expect_refused("Domestic abuse in Wirral: refuge and outreach", R"({"local_authorities":["E08000015"]})",
                 "says \"Domestic abuse\", but its \"when.flags\" does not have \"domestic_abuse\"");
  expect_refused("A business that is a victim of crime: business crime support",
                 R"({"victim_types":["business"]})", "does not have \"business_crime\"");
  expect_refused("A sexual offence: ISVA support", R"({"offence_categories":["rape"]})",
                 "does not have \"sexual_offence\"");
  expect_clean("Stalking or harassment: stalking advocacy", R"({"flags":["stalking_or_harassment"]})");
}

TEST(RuleLabelFlags, WithoutAFlagMeansNotFlags) {
  expect_clean("Stalking without domestic abuse",
               R"({"flags":["stalking_or_harassment"],"not_flags":["domestic_abuse"]})");
  expect_refused("Stalking without domestic abuse", R"({"flags":["stalking_or_harassment"]})",
                 "its \"when.not_flags\" does not have \"domestic_abuse\"");
}

TEST(RuleLabelFlags, AntiSocialBehaviourIsTheFlagOrNotEligible) {
  expect_clean("Anti-social behaviour support", R"({"eligible":false})");
  expect_clean("High-risk anti-social behaviour", R"({"flags":["non_crime_asb"],"risk_levels":["high"]})");
  expect_refused("Anti-social behaviour support", R"({})", "does not have \"non_crime_asb\"");
}

// --- how the check runs --------------------------------------------------------------------------

TEST(RuleLabelCheck, ARuleWithAMistakeOfItsOwnIsReportedForThatAlone) {
  auto errors = problems("A child who was sexually abused", R"({"flags":["sexual_offence"],"age_bands":["kids"]})");
  ASSERT_EQ(errors.size(), 1u) << messages(errors);
  EXPECT_EQ(errors[0].field, "$.rules[0].when.age_bands[0]");
}

TEST(RuleLabelCheck, EveryRuleIsCheckedAndEachErrorNamesItsRule) {
  const std::string text = R"({"area":"merseyside","version":"1","reference_prefix":"MY",
    "fallback_service":"e9b69224-7e3f-49ac-bf4f-f648f58e8927","rules":[
    {"id":"fine","explain":"Hate crime","when":{"flags":["hate_crime"]},
     "services":[{"service":"947f705c-0a34-43c4-a890-9fca1ea5d53a"}]},
    {"id":"adult-only","explain":"An adult","services":[{"service":"947f705c-0a34-43c4-a890-9fca1ea5d53a"}]},
    {"id":"in-sefton","explain":"High-risk in Sefton","when":{"risk_levels":["high"]},
     "services":[{"service":"947f705c-0a34-43c4-a890-9fca1ea5d53a"}]}]})";
  auto set = parse_rule_set(text, kVocabulary);
  ASSERT_FALSE(set.has_value());
  ASSERT_EQ(set.error().fields.size(), 2u) << messages(set.error().fields);
  EXPECT_EQ(set.error().fields[0].field, "$.rules[1].explain");
  EXPECT_NE(set.error().fields[0].message.find("rule \"adult-only\""), std::string::npos);
  EXPECT_EQ(set.error().fields[1].field, "$.rules[2].explain");
  EXPECT_NE(set.error().fields[1].message.find("rule \"in-sefton\" says \"Sefton\""), std::string::npos);
}

}  // namespace
}  // namespace vg::routing
