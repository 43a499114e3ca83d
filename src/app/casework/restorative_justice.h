// Restorative justice on a case (Victims' Code right 7): that it was offered, when, and what the
// victim answered. Referring them to the RJ service is an onward referral, not this. Codes and
// dates only; a later answer replaces the record (the timeline keeps each one).
#pragma once

#include <string>

#include "app/casework/case_change.h"
#include "domain/casework/code_rights.h"

namespace vg::app {

class RestorativeJusticeRecording {
 public:
  RestorativeJusticeRecording(store::Store& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // Field errors as casework::check_restorative_justice, today in London.
  Result<casework::CaseRecord> record(const access::Actor& actor, const std::string& case_id,
                                      std::int64_t expected_version,
                                      const casework::RestorativeJusticeAnswers& answers);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace vg::app
