#include "app/insight/case_facts.h"

#include "domain/insight/referral_facts.h"

namespace vg::app {

Result<insight::CaseProgressFacts> case_progress_facts(store::UnitOfWork& unit, const casework::CaseRecord& c) {
  insight::CaseProgressInputs in;
  in.case_record = &c;
  in.events = VG_TRY(unit.cases().events(c.id));
  in.deadlines = VG_TRY(unit.cases().deadlines(c.id));
  for (const auto& a : VG_TRY(unit.support().assessments(c.id))) {
    if (a.stage == "assessment") in.at_assessment = a.ratings;
  }
  if (auto closure = VG_TRY(unit.support().closure(c.id))) {
    in.close_reason = closure->reason;
    in.outcomes = closure->outcomes;
  }
  in.onward = VG_TRY(unit.onward_referrals().for_case(c.id));
  in.restorative_justice_offered = VG_TRY(unit.support().restorative_justice(c.id)).has_value();
  return insight::case_progress(in);
}

Result<void> refresh_case_facts(store::UnitOfWork& unit, const casework::CaseRecord& c) {
  return unit.insight().update_progress(c.id, VG_TRY(case_progress_facts(unit, c)));
}

}  // namespace vg::app
