// The support plan: actions agreed with the victim, each with an owner in the case's team and a
// date, marked done when done. The action's words are sealed at rest; the timeline and the audit
// log carry ids, owners and dates only, never the words.
#pragma once

#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "app/casework/case_support_read.h"
#include "app/security/notes_cipher.h"
#include "domain/casework/support_plan.h"
#include "domain/casework/support_records.h"

namespace vg::app {

struct PlanActionView {
  casework::PlanActionRecord record;
  std::string text;  // opened
};

struct SupportPlanView {
  CaseSupportHeader header;
  std::vector<PlanActionView> actions;  // due first
  std::vector<std::string> team;        // user ids who may own an action
};

class SupportPlan {
 public:
  SupportPlan(store::Store& store, const Clock& clock, const NotesCipher& cipher)
      : store_(store), clock_(clock), cipher_(cipher) {}

  // Audited ("case.plan_read").
  Result<SupportPlanView> open(const access::Actor& actor, const std::string& case_id);

  // `validation_failed` (fields "text", "owner", "due": casework::check_plan_action, today in
  // London); `conflict` for a closed case.
  Result<casework::CaseRecord> add(const access::Actor& actor, const std::string& case_id,
                                   std::int64_t expected_version,
                                   const casework::PlanActionAnswers& answers);

  // Marks the action done now; `not_found` (field "action_id") when the case has no such action.
  Result<casework::CaseRecord> mark_done(const access::Actor& actor, const std::string& case_id,
                                         std::int64_t expected_version,
                                         const std::string& action_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  const NotesCipher& cipher_;
};

}  // namespace vg::app
