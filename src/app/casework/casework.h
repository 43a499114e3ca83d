// Casework's use cases together, as the HTTP layer reaches them: the queue, opening a case,
// allocation, messages to the victim, contact attempts, consent, onward referrals and the
// partner's inbox of them, risk assessments and tasks, the needs assessment, the support plan,
// notes, the Victims' Code rights (complaints, restorative justice), closing and merging possible
// duplicates, and break glass (reading another team's case for a recorded reason). Holds no rules of its own.
#pragma once

#include "app/casework/break_glass.h"
#include "app/casework/case_access.h"
#include "app/casework/case_allocation.h"
#include "app/casework/case_closure.h"
#include "app/casework/case_file.h"
#include "app/casework/case_messages.h"
#include "app/casework/case_merging.h"
#include "app/casework/case_notes.h"
#include "app/casework/case_queue.h"
#include "app/casework/case_tasks.h"
#include "app/casework/consent_recording.h"
#include "app/casework/complaints.h"
#include "app/casework/contact_log.h"
#include "app/casework/referral_status.h"
#include "app/casework/onward_referrals.h"
#include "app/casework/partner_inbox.h"
#include "app/casework/risk_assessment.h"
#include "app/casework/needs_assessment.h"
#include "app/casework/restorative_justice.h"
#include "app/casework/support_plan.h"
#include "app/security/notes_cipher.h"

namespace vg::app {

struct Casework {
  // `cipher` seals notes and other free text at rest (the notes key). `reads`: the batched writer
  // for case reads (serve has one); none: each read is appended at once. `risk_settings`: each
  // area's DASH bands and MARAC schedule (serve reads the area packs).
  Casework(store::Store& store, const Clock& clock, NotesCipher cipher, ReadAuditWriter* reads = nullptr,
           AreaRiskSettingsOf risk_settings = default_risk_settings)
      : store(store), cipher(std::move(cipher)), queue(store), files(store, clock, reads),
        allocation(store, clock), messages(store, clock), contacts(store, clock), consent(store, clock), statuses(store, clock),
        onward(store, clock), inbox(store, clock), risk(store, clock, std::move(risk_settings)),
        tasks(store, clock), needs(store, clock, this->cipher), plan(store, clock, this->cipher),
        notes(store, clock, this->cipher), complaints(store, clock), restorative_justice(store, clock),
        closure(store, clock), merging(store, clock), break_glass(store, clock, this->cipher) {}

  // The signed-in person as casework's access decisions see them (with their team).
  Result<access::Actor> actor(const CurrentUser& current) { return casework_actor(store, current); }
  // An organisation's case system calling with its API key (the partner API), as the same
  // decisions see it.
  Result<access::Actor> api_actor(const intake::ApiKey& key) { return api_key_actor(store, key); }

  store::Store& store;
  const NotesCipher cipher;  // before the use cases that hold a reference to it
  CaseQueue queue;
  CaseFile files;
  CaseAllocation allocation;
  CaseMessages messages;  // telling the victim who their named contact is
  ContactLog contacts;
  ConsentRecording consent;
  ReferralStatus statuses;
  OnwardReferrals onward;  // referring a case on, from the case
  PartnerInbox inbox;      // the partner's side of it
  RiskAssessment risk;
  CaseTasks tasks;
  NeedsAssessment needs;
  SupportPlan plan;
  CaseNotes notes;
  Complaints complaints;
  RestorativeJusticeRecording restorative_justice;
  CaseClosure closure;
  CaseMerging merging;  // possible duplicates: merge, undo, not the same person
  BreakGlass break_glass;  // another team's case, for a recorded reason
};

}  // namespace vg::app
