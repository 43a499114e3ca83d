// An area pack: the routing rules, the directory services they name (with capacity) and the
// assessment policy, read from config/areas/AREA/ and config/offence-categories.json. Used by
// `route --explain` (no database) and, loaded into the store as a versioned rule set, by intake.
#pragma once

#include <string>

#include "domain/assessment/assessment.h"
#include "domain/routing/decide.h"
#include "domain/routing/rule_set.h"
#include "domain/result.h"

namespace vg::app {

struct AreaPack {
  routing::RuleSet rules;
  routing::ServiceStates services;  // names and capacity; open cases from the caller
  assessment::AssessmentPolicy policy;
};

// `config_dir` holds areas/ and offence-categories.json. Errors name the file and JSON path.
Result<AreaPack> load_area_pack(const std::string& config_dir, const std::string& area);

}  // namespace vg::app
