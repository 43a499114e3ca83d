#include "app/casework/complaints.h"

#include <algorithm>
#include <boost/json.hpp>

#include "app/security/random_token.h"
#include "domain/deadlines/working_days.h"

namespace vg::app {

namespace json = boost::json;

Result<CaseRightsView> Complaints::open(const access::Actor& actor, const std::string& case_id) {
  CaseRightsView view;
  view.header = VG_TRY(read_case_support(
      store_, clock_, actor, case_id, "case.rights_read",
      [&](const casework::CaseRecord&, store::UnitOfWork& unit) -> Result<void> {
        view.complaints = VG_TRY(unit.support().complaints(case_id));
        view.restorative_justice = VG_TRY(unit.support().restorative_justice(case_id));
        return {};
      }));
  return view;
}

Result<casework::CaseRecord> Complaints::record(const access::Actor& actor,
                                                const std::string& case_id,
                                                std::int64_t expected_version,
                                                const std::string& complaint_id,
                                                const casework::ComplaintAnswers& answers) {
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version, "case.complaint",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        const auto now = clock_.now();
        auto complaint = VG_TRY(casework::check_complaint(answers, deadlines::london_date(now)));
        std::string id = complaint_id;
        if (id.empty()) {
          id = random_uuid();
        } else {
          auto known = VG_TRY(unit.support().complaints(c.id));
          if (std::none_of(known.begin(), known.end(), [&](const auto& k) { return k.id == id; })) {
            return validation_failed(
                {{"complaint_id", "not_found", "Select a complaint of this case"}});
          }
        }
        VG_CHECK(unit.support().save_complaint({id, c.id, complaint.received_on, complaint.subject,
                                                complaint.outcome, complaint.closed_on,
                                                actor.user_id, now}));
        CaseChangeMade made;
        made.audit_detail = json::serialize(json::object{{"complaint_id", id},
                                                         {"subject", complaint.subject},
                                                         {"outcome", complaint.outcome},
                                                         {"new", complaint_id.empty()}});
        made.events.push_back({0,
                               {},
                               {},
                               {},
                               complaint_id.empty() ? "complaint_received" : "complaint_updated",
                               made.audit_detail});
        return made;
      });
}

}  // namespace vg::app
