// Recording a contact attempt on a case: refused, with every reason, when the victim's
// safe-contact profile forbids it (domain/casework/contact_attempt.h); otherwise it joins the
// timeline, stops the first-contact clock, and enough failed attempts make the case "unable to
// contact". Never logs the number, address or anything the victim said.
#pragma once

#include "app/casework/case_change.h"
#include "domain/casework/contact_attempt.h"
#include "domain/casework/unable_to_contact.h"

namespace vg::app {

class ContactLog {
 public:
  ContactLog(store::Store& store, const Clock& clock, casework::UnableToContactPolicy policy = {})
      : store_(store), clock_(clock), policy_(policy) {}

  // `validation_failed` with the reasons (fields "channel", "to", "outcome", "said_who_we_are")
  // for an unsafe attempt or an outcome the channel cannot have; `conflict` for a closed case.
  // The attempt's time is now.
  Result<casework::CaseRecord> record(const access::Actor& actor, const std::string& case_id,
                                      std::int64_t expected_version, casework::ContactAttempt attempt);

 private:
  store::Store& store_;
  const Clock& clock_;
  casework::UnableToContactPolicy policy_;
};

}  // namespace vg::app
