// Routing decisions rule by rule: order, priority, capacity, queueing, fallback, non-crime ASB,
// and the explanation a call handler reads out.
#include "domain/routing/decide.h"

#include <gtest/gtest.h>

#include "domain/routing/rule_labels.h"

namespace vg::routing {
namespace {

const std::string kCatch22 = "b557d28f-f4c7-4b0b-a461-5828f93b49f5";
const std::string kRasa = "947f705c-0a34-43c4-a890-9fca1ea5d53a";
const std::string kRasasc = "44473576-24ee-4cce-8acd-c6dc0ac95321";
const std::string kGeneric = "e9b69224-7e3f-49ac-bf4f-f648f58e8927";
const std::string kAsb = "1fc41313-4bc3-42da-92d3-839817487f53";

RuleSet rules(bool with_asb_service) {
  std::string text = R"({"area":"merseyside","version":"v7","reference_prefix":"MY","fallback_service":")" + kGeneric + "\"";
  if (with_asb_service) text += R"(,"asb_service":")" + kAsb + "\"";
  text += R"(,"rules":[
    {"id":"cse","explain":"Under 18 with a child sexual exploitation flag",
     "when":{"flags":["child_sexual_exploitation"],"age_bands":["under_18"]},
     "services":[{"service":")" + kCatch22 + R"("}]},
    {"id":"sexual","explain":"A sexual offence",
     "when":{"flags":["sexual_offence"]},
     "services":[{"service":")" + kRasa + R"(","priority":1,"refer_directly":true},{"service":")" + kRasasc + R"(","priority":2}]},
    {"id":"vulnerable","explain":"A vulnerable victim","when":{"enhanced_reasons":["vulnerable:*"]},
     "services":[{"service":")" + kGeneric + R"("}]}]})";
  return parse_rule_set(text, {}).value();
}

ServiceStates services(int rasa_open = 0, int rasasc_open = 0, int generic_open = 0) {
  ServiceStates s;
  s.add({kCatch22, "Catch22 CSE service", 30, 0});
  s.add({kRasa, "RASA ISVA", 10, rasa_open});
  s.add({kRasasc, "RASASC helpline", 10, rasasc_open});
  s.add({kGeneric, "Victim Support", 5, generic_open});
  s.add({kAsb, "Light for Life", 0, 0});
  return s;
}

RoutingFacts facts(const RuleSet& set, std::uint32_t flags, const std::string& age_band,
                   std::vector<std::string> reasons = {}) {
  RoutingFacts f;
  f.flags = flags;
  f.age_band = set.codes.find(age_band);
  for (const auto& r : reasons) f.enhanced_reasons.push_back(set.codes.find(r));
  f.eligible = (flags & kNonCrimeAsb) == 0;
  return f;
}

TEST(DirectReferral, TheChosenServiceWithTheFlagIsReferredDirectly) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kSexualOffence, "18_to_64"), services(), false);
  EXPECT_EQ(d.service_id, kRasa);
  EXPECT_TRUE(d.refer_directly);
}

TEST(DirectReferral, AServiceChosenInsteadOfAFullDirectOneIsNot) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kSexualOffence, "18_to_64"), services(10), false);
  EXPECT_EQ(d.service_id, kRasasc);  // RASA full: the next choice, which has no flag
  EXPECT_FALSE(d.refer_directly);
  auto queued = decide(set, facts(set, kSexualOffence, "18_to_64"), services(10, 10), false);
  EXPECT_EQ(queued.outcome, Outcome::kQueued);
  EXPECT_FALSE(queued.refer_directly);  // every one full: a team leader decides
  auto other = decide(set, facts(set, kChildSexualExploitation, "under_18"), services(), false);
  EXPECT_FALSE(other.refer_directly);
}

TEST(RoutingOrder, TheFirstMatchingRuleWins) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kChildSexualExploitation | kSexualOffence, "under_18"), services(), true);
  EXPECT_EQ(d.outcome, Outcome::kRouted);
  EXPECT_EQ(d.service_id, kCatch22);
  EXPECT_EQ(d.matched_rule, "cse");
  EXPECT_EQ(d.rule_set_version, "v7");
  EXPECT_EQ(d.funding, FundingStream::kVictimsGrant);
}

TEST(RoutingExplanation, EachRuleGetsAPlainEnglishLine) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kChildSexualExploitation, "under_18"), services(), true);
  ASSERT_GE(d.explanation.size(), 3u);
  EXPECT_EQ(d.explanation[0].text, "Under 18 with a child sexual exploitation flag → Catch22 CSE service");
  EXPECT_TRUE(d.explanation[0].matched);
  EXPECT_EQ(d.explanation[1].text, "Passed over: A sexual offence (no sexual offence flag)");
  EXPECT_FALSE(d.explanation[1].matched);
  EXPECT_EQ(d.explanation.back().text, "Chosen: Catch22 CSE service");
}

TEST(RoutingExplanation, NoTextIsBuiltWhenNotAskedFor) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kSexualOffence, "18_to_64"), services(), false);
  EXPECT_EQ(d.service_id, kRasa);
  EXPECT_TRUE(d.explanation.empty());
}

TEST(RoutingExplanation, AnAgeMismatchSaysWhy) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kChildSexualExploitation, "18_to_64"), services(), true);
  EXPECT_EQ(d.explanation[0].text,
            "Passed over: Under 18 with a child sexual exploitation flag (age is 18 to 64, not under 18)");
  EXPECT_EQ(d.service_id, kGeneric);  // no other rule: the fallback
}

TEST(RoutingPriority, AFullServiceIsSkippedForTheNextAndTheExplanationSaysSo) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kSexualOffence, "18_to_64"), services(10), true);
  EXPECT_EQ(d.outcome, Outcome::kRouted);
  EXPECT_EQ(d.service_id, kRasasc);
  bool said = false;
  for (const auto& l : d.explanation) said = said || l.text == "RASA ISVA is full (10 of 10 open cases): trying the next service";
  EXPECT_TRUE(said);
}

TEST(RoutingCapacity, WhenEveryMatchingServiceIsFullTheReferralIsQueuedAtTheBestMatch) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kSexualOffence, "18_to_64"), services(10, 12), true);
  EXPECT_EQ(d.outcome, Outcome::kQueued);
  EXPECT_EQ(d.service_id, kRasa);
  EXPECT_EQ(d.explanation.back().text,
            "Every matching service is full: queued for RASA ISVA and flagged for a team leader");
}

TEST(RoutingCapacity, LaterMatchingRulesAreTriedBeforeQueueing) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kSexualOffence, "18_to_64", {"vulnerable:mental_disorder", "vulnerable:*"}),
                  services(10, 10), true);
  EXPECT_EQ(d.outcome, Outcome::kRouted);
  EXPECT_EQ(d.service_id, kGeneric);
  EXPECT_EQ(d.matched_rule, "vulnerable");
}

TEST(RoutingFallback, ACrimeNoRuleCoversGoesToTheAreasGenericService) {
  auto set = rules(false);
  auto d = decide(set, facts(set, 0, "18_to_64"), services(), true);
  EXPECT_EQ(d.outcome, Outcome::kRouted);
  EXPECT_EQ(d.service_id, kGeneric);
  EXPECT_EQ(d.matched_rule, "fallback");
  EXPECT_EQ(d.explanation.back().text, "No specialist rule applies → Victim Support");
}

TEST(RoutingFallback, AFullFallbackStillTakesTheReferralButQueuesIt) {
  auto set = rules(false);
  auto d = decide(set, facts(set, 0, "18_to_64"), services(0, 0, 5), false);
  EXPECT_EQ(d.outcome, Outcome::kQueued);
  EXPECT_EQ(d.service_id, kGeneric);
}

TEST(RoutingAsb, NonCrimeAsbIsSignpostedWhereTheAreaHasNoAsbSupport) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kNonCrimeAsb, "18_to_64"), services(), true);
  EXPECT_EQ(d.outcome, Outcome::kSignposted);
  EXPECT_TRUE(d.service_id.empty());
  EXPECT_EQ(d.funding, FundingStream::kNone);
}

TEST(RoutingAsb, NonCrimeAsbGoesToAsbSupportAndNeverToTheVictimsGrant) {
  auto set = rules(true);
  auto d = decide(set, facts(set, kNonCrimeAsb, "18_to_64"), services(), false);
  EXPECT_EQ(d.outcome, Outcome::kRouted);
  EXPECT_EQ(d.service_id, kAsb);
  EXPECT_EQ(d.funding, FundingStream::kAsbSupport);
}

TEST(RoutingFacts, EnhancedReasonFamiliesMatchWildcards) {
  auto set = rules(false);
  auto d = decide(set, facts(set, 0, "65_and_over", {"vulnerable:*"}), services(), false);
  EXPECT_EQ(d.matched_rule, "vulnerable");
}

TEST(RoutingServices, AServiceMissingFromTheDirectoryIsSkipped) {
  auto set = rules(false);
  ServiceStates only_generic;
  only_generic.add({kGeneric, "Victim Support", 0, 0});
  auto d = decide(set, facts(set, kChildSexualExploitation, "under_18"), only_generic, true);
  EXPECT_EQ(d.service_id, kGeneric);
  EXPECT_EQ(d.matched_rule, "fallback");
}

TEST(RoutingCapacity, TheChosenLineSaysWhichServiceTakesItInsteadOfAFullOne) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kSexualOffence, "18_to_64"), services(10), true);
  EXPECT_EQ(d.service_id, kRasasc);
  EXPECT_EQ(d.explanation.back().text, "Chosen: RASASC helpline instead, because RASA ISVA is full");
  EXPECT_TRUE(d.explanation.back().matched);
}

TEST(RoutingCapacity, WhenALaterRuleTakesItTheChosenLineSaysWhichRuleAndWhy) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kSexualOffence, "18_to_64", {"vulnerable:mental_disorder", "vulnerable:*"}),
                  services(10, 10), true);
  EXPECT_EQ(d.service_id, kGeneric);
  EXPECT_EQ(d.explanation.back().text,
            "Chosen: Victim Support instead, because RASA ISVA and RASASC helpline are full; the next rule "
            "that applies is \"A vulnerable victim\"");
}

TEST(RoutingCapacity, TheLastFullServiceDoesNotPromiseANextOne) {
  auto set = rules(false);
  auto d = decide(set, facts(set, kSexualOffence, "18_to_64"), services(10, 12), true);
  ASSERT_GE(d.explanation.size(), 2u);
  EXPECT_EQ(d.explanation[d.explanation.size() - 2].text, "RASASC helpline is full (12 of 10 open cases)");
}

// Issue 11's decision: a child's sexual offence goes to the children's service, the adult ISVA
// rule is for 18 or over or age not known, and when the children's service is full the
// explanation says which service takes the child instead.
TEST(RoutingChildren, AChildsSexualOffenceGoesToTheChildrensServiceAndNeverReadsAsAdult) {
  const std::string kChildren = "320f6b35-2355-406a-a311-95699ee65d98";
  auto set = parse_rule_set(R"({"area":"merseyside","version":"v8","reference_prefix":"MY",
    "fallback_service":")" + kGeneric + R"(","rules":[
    {"id":"child-sexual-abuse","explain":"A child who was sexually abused",
     "when":{"flags":["sexual_offence"],"age_bands":["under_18"]},"services":[{"service":")" + kChildren + R"("}]},
    {"id":"sexual-offence","explain":"A sexual offence against an adult (18 or over, or age not known): ISVA support",
     "when":{"flags":["sexual_offence"],"age_bands":["18_to_64","65_and_over","unknown"]},
     "services":[{"service":")" + kRasa + R"("}]},
    {"id":"vulnerable","explain":"A vulnerable victim","when":{"enhanced_reasons":["vulnerable:*"]},
     "services":[{"service":")" + kGeneric + R"("}]}]})", {}).value();
  auto with_children = [&](int open) {
    auto s = services();
    s.add({kChildren, "Children's therapy service", 15, open});
    return s;
  };
  const auto fifteen = facts(set, kSexualOffence, "under_18", {"vulnerable:under_18", "vulnerable:*"});
  auto no_adult_line = [](const RoutingDecision& d) {
    for (const auto& l : d.explanation) {
      if (l.matched) {
        EXPECT_EQ(l.text.find("adult"), std::string::npos) << l.text;
      }
      if (l.rule_id == "sexual-offence") {
        EXPECT_FALSE(l.matched);
        EXPECT_EQ(l.text,
                  "Passed over: A sexual offence against an adult (18 or over, or age not known): ISVA "
                  "support (age is under 18, not 18 to 64, 65 and over or unknown)");
      }
    }
  };

  auto d = decide(set, fifteen, with_children(0), true);
  EXPECT_EQ(d.service_id, kChildren);
  EXPECT_EQ(d.matched_rule, "child-sexual-abuse");
  EXPECT_EQ(d.explanation.back().text, "Chosen: Children's therapy service");
  no_adult_line(d);

  auto full = decide(set, fifteen, with_children(15), true);
  EXPECT_EQ(full.outcome, Outcome::kRouted);
  EXPECT_EQ(full.service_id, kGeneric);
  EXPECT_EQ(full.matched_rule, "vulnerable");
  EXPECT_EQ(full.explanation.back().text,
            "Chosen: Victim Support instead, because Children's therapy service is full; the next rule "
            "that applies is \"A vulnerable victim\"");
  no_adult_line(full);

  // An adult, and a victim whose age is not known, still get the ISVA.
  EXPECT_EQ(decide(set, facts(set, kSexualOffence, "18_to_64"), with_children(0), false).service_id, kRasa);
  EXPECT_EQ(decide(set, facts(set, kSexualOffence, "unknown"), with_children(0), false).service_id, kRasa);
}

}  // namespace
}  // namespace vg::routing
