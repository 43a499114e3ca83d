// A rule's words must match its conditions. A call handler reads a rule's `explain` line to the
// victim ("A sexual offence against an adult: ISVA support → …"), so the line may not promise a
// condition the rule's `when` does not test. This checks the promises a label can make in words:
//
// - age: child, children, young person, under 18 → age_bands only under_18; adult, 18 or over
//   → only 18_to_64 and 65_and_over; older person, 65 or over → only 65_and_over; age not
//   known → unknown. Several in one label add up ("an adult (18 or over, or age not known)").
// - risk: high-risk, medium risk, "medium or high risk" → risk_levels only those levels.
// - hate crime strands: racist, religious, homophobic, transphobic, disability … hate crime
//   → hate_strands only those strands.
// - places: a local authority's name ("in Liverpool") → local_authorities only those named.
//   The police force area's own name ("Merseyside") is every rule's and needs no condition.
// - flags: domestic abuse, hate crime, sexual offence or abuse, child sexual exploitation,
//   modern slavery or trafficking, stalking or harassment, business crime, anti-social
//   behaviour → that flag in `flags` ("without domestic abuse" → in `not_flags`).
//
// Each promise is checked both ways: the rule must not match victims the words leave out (an
// "adult" rule must test age), and every group the words name must be able to match (a label
// saying "or age not known" needs "unknown" in age_bands). The check is over the whole line,
// service description included: a victim hears all of it.
#pragma once

#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/routing/rule_set.h"

namespace vg::routing {

// The place names a label may use, with what each means as a condition.
struct LabelVocabulary {
  struct Place {
    std::string code;  // GSS code of a local authority district: "E08000012"
    std::string name;  // "Liverpool", "St. Helens", "Newcastle-under-Lyme"
  };
  std::vector<Place> places;
  // Names that mean a whole police force area ("Greater Manchester", "Merseyside"): no
  // condition, and they keep "Manchester" in "Greater Manchester" from reading as the district.
  std::vector<std::string> area_names;
};

// Every promise `rule.explain` makes that `rule.when` does not keep, each a FieldError at
// `path` + ".explain" (path is the rule's JSON path, "$.rules[5]") with code "label_mismatch"
// and a message naming the rule's id, the words and what the condition lacks.
std::vector<FieldError> label_problems(const Rule& rule, const Codes& codes,
                                       const std::string& path, const LabelVocabulary& vocabulary);

}  // namespace vg::routing
