// Complaints (Victims' Code right 12) recorded on the case: when received, what about (a code),
// the outcome and when it closed. A complaint may arrive after the case closed, so a closed case
// still takes them. Codes and dates only: the complaint's words stay in the complaints process.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/casework/case_change.h"
#include "app/casework/case_support_read.h"
#include "domain/casework/code_rights.h"
#include "domain/casework/support_records.h"

namespace vg::app {

// The case's Victims' Code rights page: its complaints and its restorative justice record.
struct CaseRightsView {
  CaseSupportHeader header;
  std::vector<casework::ComplaintRecord> complaints;  // received first
  std::optional<casework::RestorativeJusticeRecord> restorative_justice;
};

class Complaints {
 public:
  Complaints(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The complaints and restorative justice together, as the rights page shows them. Audited
  // ("case.rights_read").
  Result<CaseRightsView> open(const access::Actor& actor, const std::string& case_id);

  // Records a new complaint (`complaint_id` empty) or its progress (the id of one of the case's
  // complaints: `validation_failed` field "complaint_id" otherwise). Field errors as
  // casework::check_complaint, today in London.
  Result<casework::CaseRecord> record(const access::Actor& actor, const std::string& case_id,
                                      std::int64_t expected_version,
                                      const std::string& complaint_id,
                                      const casework::ComplaintAnswers& answers);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
