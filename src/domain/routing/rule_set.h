// An area's routing rules as data (config/areas/AREA/routing.json): which facts send a victim to
// which directory services, in what order of preference. Loaded into the database as a
// versioned rule set; every decision records the version it used.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::routing {

// Small integer ids for the codes the rules mention, so matching compares integers.
class Codes {
 public:
  int intern(std::string_view code);
  int find(std::string_view code) const;  // -1 when no rule mentions it
  const std::string& name(int id) const { return names_[static_cast<std::size_t>(id)]; }
  int size() const { return static_cast<int>(names_.size()); }

 private:
  std::vector<std::string> names_;
};

// A set of interned codes; tiny, so a sorted vector beats a hash set.
using CodeSet = std::vector<int>;

// Every condition given must hold; within one list, any member will do.
struct Condition {
  std::uint32_t flags_all = 0;  // offence flags (bits of routing::Flag) that must all be set
  std::uint32_t flags_none = 0; // offence flags that must all be clear
  CodeSet offence_categories;
  CodeSet age_bands;            // "under_18", "18_to_64", "65_and_over", "unknown"
  CodeSet victim_types;         // "person", "business"
  CodeSet risk_levels;          // "standard", "medium", "high"
  CodeSet enhanced_reasons;     // exact codes, or a family as "vulnerable:*"
  CodeSet local_authorities;
  CodeSet needs;
  CodeSet hate_strands;
  int marac_required = -1;      // -1 any, 0 no, 1 yes
  int eligible = -1;            // -1 any, 1 a crime, 0 non-crime anti-social behaviour
};

struct ServiceChoice {
  std::string service_id;
  int priority = 1;  // 1 first
  // The area sends the case straight to this service's inbox as an onward referral when routing
  // chooses it here (Merseyside's commissioned specialists), once consent is in force.
  bool refer_directly = false;
};

struct Rule {
  std::string id;
  std::string explain;  // plain English: "Under 18 with a child sexual exploitation flag"; its
                        // words must match `when` (rule_labels.h)
  Condition when;
  std::vector<ServiceChoice> services;  // sorted by priority
};

struct ServiceLevels {
  int police_referral_working_days = 2;       // after the crime is reported
  int first_contact_working_days = 2;         // after receipt
  int first_contact_enhanced_working_days = 1;
  int first_contact_high_risk_working_days = 0;  // the same day
  int needs_assessment_working_days = 5;
};

struct RuleSet {
  std::string area;
  std::string version;
  std::string reference_prefix;  // letters of the area's referral references: "MY" → MY-2026-000123
  std::string fallback_service;  // the area's generic support service: always there
  std::string asb_service;       // non-crime ASB support, when the area funds it; may be empty
  ServiceLevels service_levels;
  // Open cases each service can hold (service id, capacity); a service not listed is unlimited.
  std::vector<std::pair<std::string, int>> capacity;
  std::vector<Rule> rules;  // in the file's order: earlier rules are preferred
  Codes codes;
};

struct LabelVocabulary;  // rule_labels.h

// Field errors carry JSON paths ("$.rules[2].when.flags[0]"). A rule whose `explain` line
// promises a condition its `when` does not test is refused too ("label_mismatch" at
// "$.rules[2].explain", rule_labels.h); `vocabulary` holds the place names a label may use.
Result<RuleSet> parse_rule_set(std::string_view json, const LabelVocabulary& vocabulary);

}  // namespace vg::routing
