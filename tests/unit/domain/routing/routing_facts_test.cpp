// The routing inputs insight keeps (codes, tied to no rule set) intern to the very facts routing
// takes from the referral itself.
#include "domain/routing/routing_facts.h"

#include <gtest/gtest.h>

#include "domain/routing/rule_labels.h"

namespace vg::routing {
namespace {

TEST(RoutingInputs, InternToTheFactsTakenFromTheReferral) {
  const auto rules = parse_rule_set(R"({"area":"merseyside","version":"v1","reference_prefix":"MY",
    "fallback_service":"99999999-0000-4000-8000-000000000009","rules":[
    {"id":"wide","explain":"A hate crime against race",
     "when":{"flags":["hate_crime"],"hate_strands":["race"],"enhanced_reasons":["vulnerable:*"],
             "needs":["finance_and_benefits"],"offence_categories":["assault"]},
     "services":[{"service":"aaaaaaaa-0000-4000-8000-000000000001"}]}]})",
                                    {})
                         .value();
  intake::Referral r;
  r.offence_category = "assault";
  r.local_authority = "E08000012";
  r.flags.hate_crime = true;
  r.flags.domestic_abuse = true;
  r.flags.hate_strands = {intake::HateStrand::kRace, intake::HateStrand::kReligion};
  r.needs = {"finance_and_benefits", "shelter_and_accommodation"};
  r.person.name = "Invented Person";  // never an input
  assessment::Assessment a;
  a.age_band = "under_18";
  a.enhanced_reasons = {"vulnerable:under_18", "persistently_targeted"};
  a.risk.level = intake::RiskLevel::kMedium;
  a.risk.marac_required = true;

  const auto in = routing_inputs(r, a);
  EXPECT_EQ(in.flags, kHateCrime | kDomesticAbuse);
  EXPECT_EQ(in.risk_level, "medium");
  EXPECT_EQ(in.hate_strands, (std::vector<std::string>{"race", "religion"}));
  EXPECT_EQ(flag_codes(in.flags), (std::vector<std::string>{"domestic_abuse", "hate_crime"}));

  const auto direct = routing_facts(r, a, rules);
  const auto from_inputs = routing_facts(in, rules);
  EXPECT_EQ(from_inputs.flags, direct.flags);
  EXPECT_EQ(from_inputs.offence_category, direct.offence_category);
  EXPECT_GE(direct.offence_category, 0);
  EXPECT_EQ(from_inputs.age_band, direct.age_band);
  EXPECT_EQ(from_inputs.victim_type, direct.victim_type);
  EXPECT_EQ(from_inputs.risk_level, direct.risk_level);
  EXPECT_EQ(from_inputs.enhanced_reasons, direct.enhanced_reasons);
  EXPECT_EQ(direct.enhanced_reasons.size(), 1u) << "the family vulnerable:* is the only code the rules know";
  EXPECT_EQ(from_inputs.local_authority, direct.local_authority);
  EXPECT_EQ(from_inputs.needs, direct.needs);
  EXPECT_EQ(from_inputs.hate_strands, direct.hate_strands);
  EXPECT_EQ(from_inputs.marac_required, direct.marac_required);
  EXPECT_EQ(from_inputs.eligible, direct.eligible);
}

}  // namespace
}  // namespace vg::routing
