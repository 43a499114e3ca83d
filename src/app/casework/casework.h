// Casework's use cases together, as the HTTP layer reaches them: the queue, opening a case,
// allocation, contact attempts and consent. Holds no rules of its own.
#pragma once

#include "app/casework/case_access.h"
#include "app/casework/case_allocation.h"
#include "app/casework/case_file.h"
#include "app/casework/case_queue.h"
#include "app/casework/consent_recording.h"
#include "app/casework/contact_log.h"
#include "app/casework/referral_status.h"

namespace vg::app {

struct Casework {
  // `reads`: the batched writer for case reads (serve has one); none: each read is appended at once.
  Casework(store::Store& store, const Clock& clock, ReadAuditWriter* reads = nullptr)
      : store(store), queue(store), files(store, clock, reads), allocation(store, clock),
        contacts(store, clock), consent(store, clock), statuses(store, clock) {}

  // The signed-in person as casework's access decisions see them (with their team).
  Result<access::Actor> actor(const CurrentUser& current) { return casework_actor(store, current); }

  store::Store& store;
  CaseQueue queue;
  CaseFile files;
  CaseAllocation allocation;
  ContactLog contacts;
  ConsentRecording consent;
  ReferralStatus statuses;
};

}  // namespace vg::app
