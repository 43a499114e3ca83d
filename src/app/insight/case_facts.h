// Keeping a referral's insight facts (domain/insight/referral_facts.h) in step with its case:
// recomputed whole from the case as the unit of work holds it, in the same unit as the change,
// so the facts never tell a different story from the case. Never reads or writes personal data.
#pragma once

#include "domain/casework/case_records.h"
#include "domain/result.h"
#include "store/unit_of_work.h"

namespace vg::app {

// The case's progress facts, from its timeline, clocks, needs, closure and onward referrals as
// `unit` holds them now (its own writes included).
Result<insight::CaseProgressFacts> case_progress_facts(store::UnitOfWork& unit, const casework::CaseRecord& c);

// Writes them over the row of the case's referral (none yet: left for the data step).
Result<void> refresh_case_facts(store::UnitOfWork& unit, const casework::CaseRecord& c);

}  // namespace vg::app
