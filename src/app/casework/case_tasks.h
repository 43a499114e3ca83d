// Tasks on cases: the tasks casework's use cases create (a MARAC referral to draft, a
// safeguarding referral to make, a case to close after it could not be contacted), and a
// caseworker finishing one (done, or dismissed with a reason) and seeing their own list. Every
// change is audited with ids and codes only; a dismissal's reason stays with the task.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/clock.h"
#include "domain/access/access_table.h"
#include "domain/assessment/assessment.h"
#include "domain/casework/case_records.h"
#include "domain/casework/case_task.h"
#include "domain/casework/marac_schedule.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

// A MARAC referral to draft for `meeting` (nothing: the area lists no meeting to come, and the
// task is due today so someone asks the coordinator), assigned to the assessor.
casework::CaseTask marac_referral_task(const casework::CaseRecord& c, const std::string& assessor,
                                       accounts::Instant now, const assessment::RiskResult& risk,
                                       const std::optional<casework::MaracMeeting>& meeting);
// A safeguarding referral for `action`, due the same day (a child at risk does not wait).
casework::CaseTask safeguarding_referral_task(const casework::CaseRecord& c, const std::string& by,
                                              accounts::Instant now,
                                              const assessment::SafeguardingAction& action);
// Close (or try once more) a case nobody could reach, for its caseworker: due in
// kCloseUnableToContactWorkingDays working days.
inline constexpr int kCloseUnableToContactWorkingDays = 5;
casework::CaseTask close_unable_to_contact_task(const casework::CaseRecord& c,
                                                const std::string& assignee, accounts::Instant now);
// The timeline's "task_created" detail: ids, kind and due date.
std::string task_event_detail(const casework::CaseTask& task);

// A case's tasks as its tasks page shows them.
struct CaseTaskList {
  casework::CaseRecord record;
  std::vector<casework::CaseTask> tasks;  // oldest first
  bool may_work = false;
};

class CaseTasks {
 public:
  CaseTasks(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // `forbidden` for a role that may read no case; `not_found` when not allowed.
  Result<CaseTaskList> for_case(const access::Actor& actor, const std::string& case_id);

  // The actor's open tasks on cases they may still work, soonest due first (overdue first).
  Result<std::vector<casework::CaseTask>> mine(const access::Actor& actor, int limit = 200);

  // `not_found` when case `case_id` has no such task or the actor may not work the case;
  // `conflict` (field "version") when the task changed since `expected_version`, or (field
  // "task") it is finished.
  Result<casework::CaseTask> complete(const access::Actor& actor, const std::string& case_id,
                                      const std::string& task_id, std::int64_t expected_version);
  // As complete; `validation_failed` (field "reason") for a safeguarding task without a reason.
  Result<casework::CaseTask> dismiss(const access::Actor& actor, const std::string& case_id,
                                     const std::string& task_id, std::int64_t expected_version,
                                     const std::string& reason);

 private:
  template <typename Rule>
  Result<casework::CaseTask> change(const access::Actor& actor, const std::string& case_id,
                                    const std::string& task_id, std::int64_t expected_version,
                                    const std::string& what, Rule rule);

  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
