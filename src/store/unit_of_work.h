// A unit of work: the reads and writes of several repositories in one write transaction, for a
// use case that decides what to write from what it reads (the intake's duplicate, replay and
// numbering rules). The use case holds the rules; the store only reads and writes rows, and
// commits once the use case's work succeeds (Store::write).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/accounts/account_records.h"
#include "domain/casework/break_glass.h"
#include "domain/casework/case_merge.h"
#include "domain/casework/case_records.h"
#include "domain/casework/onward_referral.h"
#include "domain/casework/case_risk_assessment.h"
#include "domain/casework/case_task.h"
#include "domain/casework/support_records.h"
#include "domain/insight/referral_facts.h"
#include "domain/intake/referral_records.h"
#include "domain/result.h"
#include "store/job_records.h"
#include "store/outbox_records.h"

namespace vg::store {

// A referral's person match key (domain/casework/person_keys.h), as the digest the store keeps.
struct PersonKeyRow {
  std::string digest;
  std::string referral_id;
};

// An open case whose referral has a given person match key.
struct PersonKeyMatch {
  std::string digest;
  std::string case_id;
  std::string area;
  std::string channel;  // its referral's
  bool linked = false;  // it is a possible duplicate already
};

// Referral rows, as a unit of work reads and writes them. Reads see the transaction's own
// writes. Every method takes a whole group, so a backend with round trips pays one per group.
class ReferralRows {
 public:
  virtual ~ReferralRows() = default;
  using IdempotencyKey = std::pair<std::string, std::string>;  // organisation_id, key

  // The stored records among `keys`, in any order.
  virtual Result<std::vector<intake::IdempotencyRecord>> idempotency_records(
      const std::vector<IdempotencyKey>& keys) = 0;
  // The stored referrals among `ids`, in any order.
  virtual Result<std::vector<intake::StoredReferral>> with_ids(const std::vector<std::string>& ids) = 0;
  // Stored referrals with the same force, crime reference and victim as any of `like` (all of
  // which have all three), every sender's. The transaction holds each such crime until it
  // commits, so two units of work storing one crime at once see each other's rows.
  virtual Result<std::vector<intake::StoredReferral>> with_crime_references(
      const std::vector<const intake::StoredReferral*>& like) = 0;
  // Takes the next `count` numbers of `prefix`'s counter and returns the first. A rollback gives
  // them back, so numbers have no gaps.
  virtual Result<std::int64_t> take_reference_numbers(const std::string& prefix, std::int64_t count) = 0;
  // `conflict` when an id is taken; `validation_failed` when a source organisation is unknown
  // (empty = none, for self-referrals).
  virtual Result<void> insert(const std::vector<intake::StoredReferral>& referrals) = 0;
  // `conflict` when an (organisation, key) is taken; each record's referral must exist.
  virtual Result<void> insert_idempotency_records(
      const std::vector<intake::IdempotencyRecord>& records) = 0;
  // Sets each referral `first`'s possible_duplicate_of to `second`, unless it is set already.
  virtual Result<void> hold_as_possible_duplicates(
      const std::vector<std::pair<std::string, std::string>>& holds) = 0;
  // The open cases (not closed, not merged) whose referrals have any of `digests`, earliest
  // opened first, leaving out every common digest: a key that many share (a switchboard's
  // number) names no one person, and reading all its referrals would make each create slower
  // than the last. A digest found to have more than `common_above` referrals is marked common
  // here, in this transaction, for good (migration 0036 says why), and from then on costs one
  // row to look up, whatever `common_above` a later call gives. The transaction holds each
  // digest it answers for until it commits, so two units of work storing one person at once see
  // each other's keys.
  virtual Result<std::vector<PersonKeyMatch>> open_cases_with_person_keys(
      const std::vector<std::string>& digests, int common_above) = 0;
  // Each row's referral must exist; a row stored already is left as it is, and so is a row of a
  // common digest (it would never be read).
  virtual Result<void> insert_person_keys(const std::vector<PersonKeyRow>& rows) = 0;
};

// Case rows, as a unit of work reads and writes them: the case every referral becomes, its
// clocks and timeline. Reads see the transaction's own writes.
class CaseRows {
 public:
  virtual ~CaseRows() = default;

  // The teams of any of `areas`, ordered by area then id.
  virtual Result<std::vector<casework::Team>> teams_in_areas(const std::vector<std::string>& areas) = 0;
  // `conflict` when a case id is taken; each case's referral must exist.
  virtual Result<void> insert(const std::vector<casework::CaseRecord>& cases,
                              const std::vector<casework::CaseDeadline>& deadlines) = 0;
  virtual Result<std::optional<casework::CaseRecord>> find(const std::string& id) = 0;
  // Replaces the case's changeable columns (team, holder, allocation, status, consent, next_due,
  // risk_rank, handovers, updated_at) and sets its version to `expected_version` + 1, only if the stored
  // version is still `expected_version`: `conflict` otherwise (someone changed it meanwhile).
  virtual Result<void> update(const casework::CaseRecord& changed, std::int64_t expected_version) = 0;
  virtual Result<std::vector<casework::CaseDeadline>> deadlines(const std::string& case_id) = 0;
  // Stops the clock `code` at `at` unless it has stopped already.
  virtual Result<void> meet_deadline(const std::string& case_id, const std::string& code,
                                     accounts::Instant at) = 0;
  // Clocks still running after their due date (due before `today`, London) on cases not closed,
  // not yet flagged as breached: earliest due first, at most `limit`.
  virtual Result<std::vector<casework::CaseDeadline>> breaches_to_flag(casework::Date today, int limit) = 0;
  // Flags the clock's breach at `at`: true when this call flagged it, false when it was flagged
  // already or has stopped (so a breach is flagged once, however many runs see it).
  virtual Result<bool> flag_breach(const std::string& case_id, const std::string& code,
                                   accounts::Instant at) = 0;
  // Oldest first.
  virtual Result<std::vector<casework::CaseEvent>> events(const std::string& case_id) = 0;
  virtual Result<void> append_events(const std::vector<casework::CaseEvent>& events) = 0;
  virtual Result<std::vector<casework::TeamMember>> team_members(const std::string& team_id) = 0;
  // Open cases per caseworker of the team (caseworkers with none are absent).
  virtual Result<std::vector<casework::Caseload>> caseloads(const std::string& team_id) = 0;
};

// A case's support rows (domain/casework/support_records.h), as a unit of work reads and writes
// them: needs assessments, plan actions, notes, complaints, restorative justice, the closure and
// caseworkers' drafts. Free text arrives sealed; the store never sees it plain. Reads see the
// transaction's own writes. Each row's case must exist.
class CaseSupportRows {
 public:
  virtual ~CaseSupportRows() = default;

  // Creates or replaces the case's needs at `stage`.
  virtual Result<void> save_assessment(const casework::NeedsAssessmentRecord& assessment) = 0;
  // Every stage stored for the case, "assessment" before "close".
  virtual Result<std::vector<casework::NeedsAssessmentRecord>> assessments(const std::string& case_id) = 0;

  // `conflict` when the id is taken.
  virtual Result<void> insert_plan_action(const casework::PlanActionRecord& action) = 0;
  // Sets done_at unless it is set already; `not_found` when the case has no such action.
  virtual Result<void> complete_plan_action(const std::string& case_id, const std::string& action_id,
                                            accounts::Instant at) = 0;
  // Due date first, then creation.
  virtual Result<std::vector<casework::PlanActionRecord>> plan_actions(const std::string& case_id) = 0;

  // `conflict` when the id is taken.
  virtual Result<void> insert_note(const casework::CaseNoteRecord& note) = 0;
  // Newest first.
  virtual Result<std::vector<casework::CaseNoteRecord>> notes(const std::string& case_id) = 0;

  // Creates or replaces the complaint with this id (of this case).
  virtual Result<void> save_complaint(const casework::ComplaintRecord& complaint) = 0;
  // Received first.
  virtual Result<std::vector<casework::ComplaintRecord>> complaints(const std::string& case_id) = 0;

  // Creates or replaces the case's restorative justice record.
  virtual Result<void> save_restorative_justice(const casework::RestorativeJusticeRecord& rj) = 0;
  virtual Result<std::optional<casework::RestorativeJusticeRecord>> restorative_justice(
      const std::string& case_id) = 0;

  // `conflict` when the case has a closure already.
  virtual Result<void> insert_closure(const casework::CaseClosureRecord& closure) = 0;
  virtual Result<std::optional<casework::CaseClosureRecord>> closure(const std::string& case_id) = 0;

  // Creates or replaces the person's draft of `form` about the case.
  virtual Result<void> save_draft(const casework::FormDraftRecord& draft) = 0;
  virtual Result<std::optional<casework::FormDraftRecord>> find_draft(const std::string& case_id,
                                                                      const std::string& user_id,
                                                                      const std::string& form) = 0;
  // Removes it, if there is one.
  virtual Result<void> delete_draft(const std::string& case_id, const std::string& user_id,
                                    const std::string& form) = 0;
};

// Jobs, as a unit of work queues them and records their outcome: a use case queues a job in the
// same transaction as the writes that call for it, so the job exists exactly when they landed.
class JobRows {
 public:
  virtual ~JobRows() = default;
  // Queues `job`; kAlreadyQueued, changing nothing, when a job with its dedupe_key exists.
  // `conflict` when the id is taken.
  virtual Result<Enqueued> enqueue(const JobRequest& job) = 0;
  // The job `job` names is done. `conflict` when this claimer no longer holds it (its lease ran
  // out and the job went back to the queue or to another runner): the unit of work then rolls
  // back, so what it wrote with the completion does not land twice.
  virtual Result<void> complete(const ClaimedJob& job, accounts::Instant at) = 0;
  // The run failed: the job waits until failure.retry_at, or goes to the dead-letter list when
  // the failure is permanent or this was its last attempt. Returns where it went (kQueued or
  // kDead). `conflict` as complete.
  virtual Result<JobStatus> fail(const ClaimedJob& job, const JobFailure& failure,
                                 accounts::Instant at) = 0;
};

// Outbox messages, as a unit of work writes them (with the job that sends each one).
class OutboxRows {
 public:
  virtual ~OutboxRows() = default;
  // `conflict` when the id is taken.
  virtual Result<void> insert(const OutboxMessageRecord& message) = 0;
  // `not_found` when there is no such message. sent_at is set when the status becomes "sent"
  // or "ready_to_print".
  virtual Result<void> change_status(const OutboxStatusChange& change) = 0;
};

// Onward referrals, as a unit of work reads and writes them (with the case they belong to).
class OnwardReferralRows {
 public:
  virtual ~OnwardReferralRows() = default;
  // `conflict` when the id is taken; the case must exist.
  virtual Result<void> insert(const casework::OnwardReferral& referral) = 0;
  virtual Result<std::optional<casework::OnwardReferral>> find(const std::string& id) = 0;
  // The case's onward referrals, oldest first.
  virtual Result<std::vector<casework::OnwardReferral>> for_case(const std::string& case_id) = 0;
  // Replaces the changeable columns (state, reason, outcome, answered_at, completed_at,
  // withdrawn_at) and sets the version to `expected_version` + 1, only if the stored version is
  // still `expected_version`: `conflict` otherwise.
  virtual Result<void> update(const casework::OnwardReferral& changed, std::int64_t expected_version) = 0;
  // Referrals still "sent" after their respond-by date (before `today`), not yet flagged as
  // breached: earliest first, at most `limit`.
  virtual Result<std::vector<casework::OnwardReferral>> breaches_to_flag(casework::Date today, int limit) = 0;
  // Flags its breach at `at`: true when this call did, false when it was flagged already or answered.
  virtual Result<bool> flag_breach(const std::string& id, accounts::Instant at) = 0;
};

// Risk assessments on cases, as a unit of work writes them: each one kept, none changed.
class RiskAssessmentRows {
 public:
  virtual ~RiskAssessmentRows() = default;
  // `conflict` when the id is taken; the case must exist.
  virtual Result<void> insert(const casework::CaseRiskAssessment& assessment) = 0;
};

// Tasks on cases, as a unit of work reads and writes them. Reads see the transaction's own writes.
class CaseTaskRows {
 public:
  virtual ~CaseTaskRows() = default;
  // `conflict` when an id is taken; each task's case must exist.
  virtual Result<void> insert(const std::vector<casework::CaseTask>& tasks) = 0;
  virtual Result<std::optional<casework::CaseTask>> find(const std::string& id) = 0;
  // The case's tasks, oldest first.
  virtual Result<std::vector<casework::CaseTask>> for_case(const std::string& case_id) = 0;
  // Replaces the task's changeable columns (due date, assignee, done, dismissed) and sets its
  // version to `expected_version` + 1, only if the stored version is still `expected_version`:
  // `conflict` otherwise.
  virtual Result<void> update(const casework::CaseTask& changed, std::int64_t expected_version) = 0;
};

// Possible duplicates decided (domain/casework/case_merge.h): merges and "not the same person",
// as a unit of work reads and writes them beside the two cases they change. Nothing here deletes
// a row: an undone merge is stamped. Reads see the transaction's own writes.
class CaseMergeRows {
 public:
  virtual ~CaseMergeRows() = default;
  // The cases the intake linked to `case_id` as possible duplicates (referrals.possible_duplicate_of,
  // from either side), every organisation's: the use case decides who may see which.
  virtual Result<std::vector<std::string>> linked_cases(const std::string& case_id) = 0;
  // Both cases must exist. The merged case may have only one merge in force.
  virtual Result<void> insert(const casework::CaseMergeRecord& merge) = 0;
  virtual Result<std::optional<casework::CaseMergeRecord>> find(const std::string& id) = 0;
  // The merge in force that absorbed `merged_case_id`, if any.
  virtual Result<std::optional<casework::CaseMergeRecord>> in_force_of(const std::string& merged_case_id) = 0;
  // The merges in force into `surviving_case_id`, oldest first.
  virtual Result<std::vector<casework::CaseMergeRecord>> merged_into(const std::string& surviving_case_id) = 0;
  // Stamps the merge undone at `at` by `by`; `conflict` when it was undone already.
  virtual Result<void> mark_undone(const std::string& merge_id, accounts::Instant at, const std::string& by) = 0;
  // `conflict` when the pair was decided already.
  virtual Result<void> insert_decision(const casework::DuplicateDecision& decision) = 0;
  // The decisions about pairs `case_id` is one of.
  virtual Result<std::vector<casework::DuplicateDecision>> decisions(const std::string& case_id) = 0;
  // Sets the case's possible-duplicate flag (the queue's filter); the version is the use case's
  // change of the case to bump (CaseRows::update).
  virtual Result<void> set_possible_duplicate(const std::string& case_id, bool flag) = 0;
};

// Break-glass grants: recorded with their audit entry, ended at sign-out (stamped, never deleted).
class BreakGlassRows {
 public:
  virtual ~BreakGlassRows() = default;
  virtual Result<void> insert(const casework::BreakGlassGrant& grant) = 0;
  // As BreakGlassRepository::open_grants, inside the unit.
  virtual Result<std::vector<casework::BreakGlassGrant>> open_grants(const std::string& user_id,
                                                                     const std::string& case_id) = 0;
  // Stamps every grant of `user_id` not yet ended; how many it ended.
  virtual Result<std::int64_t> end_all(const std::string& user_id, accounts::Instant at) = 0;
};

// Referral facts (domain/insight/referral_facts.h), as a unit of work writes them: with the
// referral that makes them, and again with every change of its case.
class InsightRows {
 public:
  virtual ~InsightRows() = default;
  // A row whose fact_id is stored already is left as it is (the data step may meet a referral
  // stored meanwhile).
  virtual Result<void> insert(const std::vector<insight::ReferralFacts>& facts) = 0;
  // Replaces the row's progress columns; a referral with no row (stored before its data step
  // ran) is left for that step.
  virtual Result<void> update_progress(const std::string& fact_id, const insight::CaseProgressFacts& progress) = 0;
  // Migration 0046's data step: the row's routing inputs, from its referral.
  virtual Result<void> set_routing_inputs(const std::string& fact_id, const routing::RoutingInputs& inputs) = 0;
};

class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual ReferralRows& referrals() = 0;
  virtual CaseRows& cases() = 0;
  virtual CaseSupportRows& support() = 0;
  virtual JobRows& jobs() = 0;
  virtual OutboxRows& outbox() = 0;
  virtual OnwardReferralRows& onward_referrals() = 0;
  virtual RiskAssessmentRows& risk_assessments() = 0;
  virtual CaseTaskRows& tasks() = 0;
  virtual CaseMergeRows& merges() = 0;
  virtual BreakGlassRows& break_glass() = 0;
  virtual InsightRows& insight() = 0;
  // Appends the entries in order, each chained to the one before.
  virtual Result<void> append_audit(const std::vector<accounts::AuditEntry>& entries) = 0;
};

// What Store::write runs: begin, this, commit (or roll back when it fails).
using UnitOfWorkBody = std::function<Result<void>(UnitOfWork&)>;

}  // namespace vg::store
