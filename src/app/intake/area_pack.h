// An area pack: the routing rules, the directory services they name (with capacity) and the
// assessment policy, read from config/areas/AREA/ and config/offence-categories.json. Used by
// `route --explain` (no database) and, loaded into the store as a versioned rule set, by intake.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/assessment/assessment.h"
#include "domain/casework/marac_schedule.h"
#include "domain/routing/decide.h"
#include "domain/routing/rule_set.h"
#include "domain/result.h"

namespace vg::app {

struct AreaPack {
  routing::RuleSet rules;
  routing::ServiceStates services;  // names and capacity; open cases from the caller
  assessment::AssessmentPolicy policy;
  // When the area's MARAC meets (areas/AREA/marac.json; the defaults when there is none).
  casework::MaracSchedule marac;
};

// `config_dir` holds areas/ and offence-categories.json. Errors name the file and JSON path.
Result<AreaPack> load_area_pack(const std::string& config_dir, const std::string& area);
// The same, with the routing rules given as text (a version loaded into the store) instead of
// read from areas/AREA/routing.json.
Result<AreaPack> load_area_pack(const std::string& config_dir, const std::string& area,
                                std::string_view routing_rules);

// Routing rules as loaded into the store, read with the place names a label may use (the same
// reading load_area_pack gives them): what a stored decision's explanation renders with.
Result<routing::RuleSet> parse_routing_rules(std::string_view routing_rules);

// The local authority districts shipped in the binary, each with the area pack id of its police
// force area: what a referral's local_authority is checked against (every pack's policy holds
// them).
const std::vector<assessment::LocalAuthorityArea>& local_authority_areas();

// The text of areas/AREA/routing.json, as an operator wrote it.
Result<std::string> read_routing_rules(const std::string& config_dir, const std::string& area);
// The areas with a pack under `config_dir`, in name order.
std::vector<std::string> area_names(const std::string& config_dir);

}  // namespace vg::app
