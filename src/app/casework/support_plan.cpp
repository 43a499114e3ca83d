#include "app/casework/support_plan.h"

#include <boost/json.hpp>

#include "app/security/random_token.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"

namespace vg::app {
namespace {

namespace json = boost::json;

// Who may own an action: the case's team (its caseworkers).
Result<std::vector<std::string>> team_of(store::UnitOfWork& unit, const casework::CaseRecord& c) {
  std::vector<std::string> ids;
  if (c.team_id.empty()) return ids;
  for (const auto& m : VG_TRY(unit.cases().team_members(c.team_id))) ids.push_back(m.user_id);
  return ids;
}

}  // namespace

Result<SupportPlanView> SupportPlan::open(const access::Actor& actor, const std::string& case_id) {
  SupportPlanView view;
  view.header = VG_TRY(read_case_support(
      store_, clock_, actor, case_id, "case.plan_read",
      [&](const casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<void> {
        for (auto& a : VG_TRY(unit.support().plan_actions(case_id))) {
          auto text = VG_TRY(cipher_.open(a.text));
          view.actions.push_back({std::move(a), std::move(text)});
        }
        view.team = VG_TRY(team_of(unit, c));
        return {};
      }));
  return view;
}

Result<casework::CaseRecord> SupportPlan::add(const access::Actor& actor,
                                              const std::string& case_id,
                                              std::int64_t expected_version,
                                              const casework::PlanActionAnswers& answers) {
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version,
      "case.plan_action_added",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        if (c.status == casework::CaseStatus::kClosed) {
          return fail("conflict", "The case is closed", {{"text", "closed", "The case is closed"}});
        }
        const auto now = clock_.now();
        auto action = VG_TRY(casework::check_plan_action(answers, VG_TRY(team_of(unit, c)),
                                                         deadlines::london_date(now)));
        casework::PlanActionRecord record{random_uuid(), c.id,       cipher_.seal(action.text),
                                          action.owner,  action.due, std::nullopt,
                                          actor.user_id, now};
        VG_CHECK(unit.support().insert_plan_action(record));
        CaseChangeMade made;
        made.audit_detail = json::serialize(json::object{{"action_id", record.id},
                                                         {"owner", record.owner},
                                                         {"due", text::iso_date(record.due)}});
        made.events.push_back({0, {}, {}, {}, "plan_action_added", made.audit_detail});
        return made;
      });
}

Result<casework::CaseRecord> SupportPlan::mark_done(const access::Actor& actor,
                                                    const std::string& case_id,
                                                    std::int64_t expected_version,
                                                    const std::string& action_id) {
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version,
      "case.plan_action_done",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        auto done = unit.support().complete_plan_action(c.id, action_id, clock_.now());
        if (!done) {
          if (done.error().code != "not_found") return std::unexpected(done.error());
          return validation_failed({{"action_id", "not_found", "Select an action of this plan"}});
        }
        CaseChangeMade made;
        made.audit_detail = json::serialize(json::object{{"action_id", action_id}});
        made.events.push_back({0, {}, {}, {}, "plan_action_done", made.audit_detail});
        return made;
      });
}

}  // namespace vg::app
