// Giving a case to a named caseworker: a team leader chooses one, or asks for the offer the
// allocation rule makes (the caseworker of the case's team with room and the right skills).
// Moving a case from one caseworker to another is a hand-over: counted, and kept in the timeline.
#pragma once

#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "domain/casework/allocation.h"

namespace vg::app {

// A caseworker of a team with their caseload, for the team leader's view.
struct CaseworkerLoad {
  casework::TeamMember member;
  std::string display_name;
  int open_cases = 0;
};

class CaseAllocation {
 public:
  CaseAllocation(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // To `user_id`, who must be an active member of the case's team ("user_id" field error
  // otherwise). Allocating to the present caseworker changes nothing but is not an error.
  Result<casework::CaseRecord> allocate(const access::Actor& actor, const std::string& case_id,
                                        std::int64_t expected_version, const std::string& user_id);
  // To whoever the allocation rule offers; `conflict` (field "user_id") when no one has room
  // and the skills.
  Result<casework::CaseRecord> allocate_by_rule(const access::Actor& actor, const std::string& case_id,
                                                std::int64_t expected_version);
  // The caseworkers of the team, each with their caseload against capacity, by name.
  Result<std::vector<CaseworkerLoad>> team_loads(const access::Actor& actor, const std::string& team_id);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
