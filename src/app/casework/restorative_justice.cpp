#include "app/casework/restorative_justice.h"

#include <boost/json.hpp>

#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"

namespace vg::app {

namespace json = boost::json;

Result<casework::CaseRecord> RestorativeJusticeRecording::record(
    const access::Actor& actor, const std::string& case_id, std::int64_t expected_version,
    const casework::RestorativeJusticeAnswers& answers) {
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version,
      "case.restorative_justice",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        const auto now = clock_.now();
        auto rj = VG_TRY(casework::check_restorative_justice(answers, deadlines::london_date(now)));
        VG_CHECK(unit.support().save_restorative_justice(
            {c.id, rj.offered_on, rj.answer, rj.answered_on, actor.user_id, now}));
        CaseChangeMade made;
        made.audit_detail = json::serialize(
            json::object{{"offered_on", text::iso_date(rj.offered_on)}, {"answer", rj.answer}});
        made.events.push_back({0, {}, {}, {}, "restorative_justice", made.audit_detail});
        return made;
      });
}

}  // namespace vg::app
