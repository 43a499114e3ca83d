// The storage interface the use cases need; SQLite (store/sqlite) and PostgreSQL
// (store/postgres) implement it and one conformance suite tests both. No SQL leaks past here.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/accounts/account_records.h"
#include "domain/casework/break_glass.h"
#include "domain/casework/case_merge.h"
#include "domain/casework/case_records.h"
#include "domain/casework/case_risk_assessment.h"
#include "domain/casework/case_task.h"
#include "domain/chat/chat_records.h"
#include "domain/directory/directory_records.h"
#include "domain/insight/demand.h"
#include "domain/insight/fact_groups.h"
#include "domain/insight/referral_facts.h"
#include "domain/insight/replay_facts.h"
#include "domain/intake/referral_records.h"
#include "domain/result.h"
#include "store/job_records.h"
#include "store/outbox_records.h"
#include "store/unit_of_work.h"

namespace vg::store {

using accounts::AuditEntry;
using accounts::Instant;
using accounts::Organisation;
using accounts::SecondFactor;
using accounts::Session;
using accounts::User;
using directory::DirectoryBatch;
using directory::OrganizationRecord;
using directory::PageOf;
using directory::PageRequest;
using directory::ServiceAtLocationRecord;
using directory::ServiceQuery;
using directory::ServiceRecord;
using directory::TaxonomyRecord;
using directory::TaxonomyTermRecord;
using intake::ApiKey;
using intake::IdempotencyRecord;
using intake::StoredReferral;

struct PoolStats {
  int connections_open = 0;
  int connections_in_use = 0;
  std::int64_t waits_total = 0;  // times a caller had to wait for a free connection
};

// Read and write the public directory. Writes come as one batch in one transaction with its
// audit entry: either all of it lands or none of it does.
class DirectoryRepository {
 public:
  virtual ~DirectoryRepository() = default;

  // Inserts or replaces every record in the batch (matched by id) and appends `audit`.
  virtual Result<void> apply(const DirectoryBatch& batch, const AuditEntry& audit) = 0;

  virtual Result<PageOf<ServiceRecord>> search_services(const ServiceQuery& query) = 0;
  virtual Result<std::optional<ServiceRecord>> find_service(const std::string& id) = 0;

  virtual Result<PageOf<OrganizationRecord>> list_organizations(const PageRequest& page) = 0;
  virtual Result<std::optional<OrganizationRecord>> find_organization(const std::string& id) = 0;

  virtual Result<PageOf<TaxonomyRecord>> list_taxonomies(const PageRequest& page) = 0;
  virtual Result<std::optional<TaxonomyRecord>> find_taxonomy(const std::string& id) = 0;

  // `taxonomy_id` empty = every term.
  virtual Result<PageOf<TaxonomyTermRecord>> list_taxonomy_terms(const std::string& taxonomy_id,
                                                                 const PageRequest& page) = 0;
  virtual Result<std::optional<TaxonomyTermRecord>> find_taxonomy_term(const std::string& id) = 0;

  // Services matching `query`'s filters, then their service-at-location rows.
  virtual Result<PageOf<ServiceAtLocationRecord>> search_service_at_locations(
      const ServiceQuery& query) = 0;
  virtual Result<std::optional<ServiceAtLocationRecord>> find_service_at_location(
      const std::string& id) = 0;

  // Everything, for export: organisations, taxonomies, terms, services, service-at-locations.
  virtual Result<DirectoryBatch> export_all() = 0;

  // A number the database moves on in the same transaction as every write to any directory table
  // (by triggers, so whoever writes), never back: a process holding a copy of the directory in
  // memory compares it to know whether another process has changed it. One-row read, cheap.
  virtual Result<std::int64_t> directory_version() = 0;

  // The ids of every service whose search text matches `query.text` (with `query.synonyms`), by
  // this backend's own word rules, whatever its other filters; every service when the text has no
  // words. For a search index kept in memory: which words match is only ever the store's answer.
  virtual Result<std::vector<std::string>> service_ids_matching_text(const ServiceQuery& query) = 0;
};

// The ONS postcode lookup (ONSPD / NSPL): postcode → local authority GSS code.
class PostcodeRepository {
 public:
  virtual ~PostcodeRepository() = default;
  // Postcodes are stored normalised: upper case, no spaces ("L18AA").
  struct Row {
    std::string postcode;
    std::string lad_code;
  };
  virtual Result<void> upsert(const std::vector<Row>& rows) = 0;
  virtual Result<std::optional<std::string>> find_lad(const std::string& normalised_postcode) = 0;
  virtual Result<std::int64_t> count() = 0;

  // A number that moves on with every write to the lookup (by triggers, so whoever writes), never
  // back: a process holding the lookup in memory compares it to know whether another process has
  // changed it. One-row read, cheap.
  virtual Result<std::int64_t> version() = 0;
  // Every row, in no particular order; for a lookup held in memory.
  virtual Result<std::vector<Row>> all() = 0;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  virtual Result<void> upsert_organisation(const Organisation& org, const AuditEntry& audit) = 0;
  virtual Result<std::optional<Organisation>> find_organisation(const std::string& id) = 0;

  // Fails with `conflict` when the email is taken.
  virtual Result<void> create_user(const User& user, const AuditEntry& audit) = 0;
  virtual Result<std::optional<User>> find_user_by_email(const std::string& email) = 0;
  virtual Result<std::optional<User>> find_user(const std::string& id) = 0;
  // Records a failed log-in: bumps the counter and sets `locked_until` (may be unset).
  virtual Result<void> record_login_failure(const std::string& user_id, int failed_logins,
                                            std::optional<Instant> locked_until,
                                            const AuditEntry& audit) = 0;

  // Log-in: resets the failure counter, drops the user's earlier sessions' ids being reused
  // (rotation), stores the new session and appends the audit entry, in one transaction.
  virtual Result<void> start_session(const Session& session, const AuditEntry& audit) = 0;
  virtual Result<std::optional<Session>> find_session(const std::string& id_hash) = 0;
  virtual Result<void> touch_session(const std::string& id_hash, Instant at) = 0;
  virtual Result<void> end_session(const std::string& id_hash, const AuditEntry& audit) = 0;
  // A privilege gained mid-session (break glass): the session under `old_id_hash` ends and
  // `replacement` (a new id and CSRF token for the same user and stage) takes its place, with
  // `audit`, in one transaction, so an id or token known from before the change opens nothing.
  // `not_found` when the old session has gone (signed out meanwhile).
  virtual Result<void> rotate_session(const std::string& old_id_hash, const Session& replacement,
                                      const AuditEntry& audit) = 0;
  // Deletes sessions idle since before `idle_before` or created before `created_before`.
  virtual Result<std::int64_t> purge_sessions(Instant idle_before, Instant created_before) = 0;

  // For operators: every organisation ordered by name, then id; every user ordered by email.
  virtual Result<std::vector<Organisation>> list_organisations() = 0;
  virtual Result<std::vector<User>> list_users() = 0;
  // Sets `active` and appends `audit`; making a user inactive also ends every session of theirs
  // in the same transaction, so an old cookie is signed out at its next request. `not_found`.
  virtual Result<void> set_user_active(const std::string& user_id, bool active,
                                       const AuditEntry& audit) = 0;
  // Replaces the password hash, ends every session of the user and clears their sign-in
  // counters, with `audit`, in one transaction. `not_found`.
  virtual Result<void> set_password_hash(const std::string& user_id,
                                         const std::string& password_hash,
                                         const AuditEntry& audit) = 0;
  // Clears every sign-in counter kept with the user's id (and the old lock columns), with
  // `audit`. `not_found`.
  virtual Result<void> unlock_user(const std::string& user_id, const AuditEntry& audit) = 0;

  // Second factor. The user's TOTP key and last spent step; nullopt when not enrolled (or no
  // such user).
  virtual Result<std::optional<SecondFactor>> find_second_factor(const std::string& user_id) = 0;
  // Enrols the user with `factor` (replacing any key) and `recovery_code_hashes` (replacing any
  // codes), with `audit`, in one transaction. `not_found`.
  virtual Result<void> enrol_second_factor(const std::string& user_id, const SecondFactor& factor,
                                           const std::vector<std::string>& recovery_code_hashes,
                                           const AuditEntry& audit) = 0;
  // Forgets the key and every recovery code and ends every session of the user, with `audit`:
  // they enrol again at their next sign-in. `not_found`.
  virtual Result<void> reset_second_factor(const std::string& user_id, const AuditEntry& audit) = 0;
  // How many of the user's recovery codes are still unspent.
  virtual Result<int> count_recovery_codes(const std::string& user_id) = 0;

  // A half-way sign-in passing its second factor: what it spends, and the session it becomes.
  struct SecondFactorPass {
    std::string pending_id_hash;  // the half-way session: ended
    Session session;              // the signed-in session replacing it, under a new id
    // Exactly one proof. A code for `step`: kept as the last spent step, refused unless later
    // than the one kept (the same code never passes twice).
    std::optional<std::int64_t> step;
    // Or a recovery code: spent at `at`, refused unless the user holds it unspent.
    std::string recovery_code_hash;
    Instant at{};
    // Enrolment (with a code, `step`): the key to keep and the user's recovery codes; refused
    // when the user is enrolled already (a second device must not replace the first unseen).
    std::optional<std::string> enrol_secret;
    std::vector<std::string> recovery_code_hashes;
  };
  // All of it or none, with `audit`, in one transaction. Fails with `conflict` when the proof is
  // refused (a spent step or code, or an enrolment already made) and `not_found` when the
  // half-way session has gone (it may pass once only).
  virtual Result<void> pass_second_factor(const SecondFactorPass& pass,
                                          const AuditEntry& audit) = 0;

  // Sign-in throttling: failed sign-ins counted per bucket (an address, an account, or the pair
  // of both), atomically, so every server process sharing the database shares the limits.
  struct SignInBucket {
    std::string bucket;
    std::string user_id;  // kept with the counter so unlock_user finds it; empty = none
  };
  struct SignInCounter {
    std::string bucket;
    int failures = 0;
    Instant last_failure_at{};
    std::optional<Instant> signed_in_at;  // last successful sign-in counted in this bucket
  };
  // The counters held for `buckets` (buckets never counted are left out), in no set order.
  virtual Result<std::vector<SignInCounter>> find_sign_in_counters(
      const std::vector<std::string>& buckets) = 0;
  // One more failure in each bucket and `audit`, in one transaction; a bucket whose last failure
  // was before `forget_before` starts again from 1. Returns each bucket's failures, in order.
  virtual Result<std::vector<int>> record_sign_in_failure(const std::vector<SignInBucket>& buckets,
                                                          Instant at, Instant forget_before,
                                                          const AuditEntry& audit) = 0;
  // A successful sign-in counted in `bucket`: its failures go back to 0, signed_in_at = `at`.
  virtual Result<void> record_sign_in_success(const SignInBucket& bucket, Instant at) = 0;
  // Deletes counters with no failure since `failures_before` and no sign-in since
  // `signed_in_before`; returns how many went.
  virtual Result<std::int64_t> purge_sign_in_counters(Instant failures_before,
                                                      Instant signed_in_before) = 0;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  virtual Result<void> append(const AuditEntry& entry) = 0;
  // Entries from `after_seq` (exclusive), oldest first, at most `limit`.
  virtual Result<std::vector<AuditEntry>> read(std::int64_t after_seq, int limit) = 0;
};

// Referrals, the API keys partner systems send them with, and idempotency records. Referrals
// are written through a unit of work (Store::write, store/unit_of_work.h), whose use case decides
// what to write. A stored referral's decision is never rewritten.
class ReferralRepository {
 public:
  virtual ~ReferralRepository() = default;

  virtual Result<std::optional<StoredReferral>> find(const std::string& id) = 0;
  virtual Result<std::optional<StoredReferral>> find_by_reference(const std::string& reference) = 0;
  virtual Result<std::int64_t> count() = 0;
  // How many referrals each service currently holds (outcome "routed" or "queued"), for the
  // services of `area`: what routing compares with each service's capacity. Services holding
  // none are absent; referrals with no service (empty service_id) and signposted ones are not
  // counted. Ordered by service id. Kept as a count per service as referrals are stored, changed
  // and erased, so reading it costs the same however many referrals there are. Today every
  // routed or queued referral counts: once casework exists, closed cases will be excluded.
  virtual Result<std::vector<std::pair<std::string, int>>> open_cases_by_service(
      const std::string& area) = 0;

  // Migration 0034's data step (app/intake/explanation_migration): referrals whose assessment
  // still holds its explanation as text, after `after_id` in id order, at most `limit`, as
  // (id, assessment). Reads every row's assessment: for the one-off step, not for requests.
  virtual Result<std::vector<std::pair<std::string, std::string>>> text_explanations_after(
      const std::string& after_id, int limit) = 0;
  struct AssessmentChange {
    std::string id;
    std::string expected;  // the assessment as read: a row changed since is left alone
    std::string assessment;
  };
  // In one transaction; how many rows changed.
  virtual Result<int> replace_assessments(const std::vector<AssessmentChange>& changes) = 0;
  // Whether the named data migration has been done (table data_migrations), and recording it.
  virtual Result<bool> data_migration_done(const std::string& name) = 0;
  virtual Result<void> record_data_migration(const std::string& name, Instant at) = 0;

  // `conflict` when the id or the secret hash is taken.
  virtual Result<void> create_api_key(const ApiKey& key, const AuditEntry& audit) = 0;
  virtual Result<std::optional<ApiKey>> find_api_key_by_secret_hash(
      const std::string& secret_hash) = 0;
  virtual Result<std::optional<ApiKey>> find_api_key(const std::string& id) = 0;
  // Sets revoked_at and keeps the row; a key already revoked keeps its first revoked_at (the
  // audit entry is still appended). `not_found` when there is no such key.
  virtual Result<void> revoke_api_key(const std::string& id, Instant at,
                                      const AuditEntry& audit) = 0;
};

// Public forms: drafts of a self-referral in progress, sealed by the caller (the store never
// sees the answers), and the per-address counters behind the public forms' rate limits.
class PublicFormRepository {
 public:
  virtual ~PublicFormRepository() = default;

  // Creates or replaces a draft.
  virtual Result<void> save_draft(const std::string& id_hash, const std::string& sealed,
                                  Instant expires_at) = 0;
  // The draft, unless there is none or it expired before `now`.
  virtual Result<std::optional<std::string>> find_draft(const std::string& id_hash,
                                                        Instant now) = 0;
  // Replaces the draft only if it still holds `expected` and has not expired before `now`:
  // of two requests changing one draft from the same state, only one succeeds (true).
  virtual Result<bool> replace_draft(const std::string& id_hash, const std::string& expected,
                                     const std::string& replacement, Instant expires_at,
                                     Instant now) = 0;
  virtual Result<void> delete_draft(const std::string& id_hash) = 0;
  // Counts one more hit for `bucket` in the window that started at `window_start` and returns
  // the window's hits, this one included. Atomic across processes.
  virtual Result<std::int64_t> add_hit(const std::string& bucket, Instant window_start) = 0;
  // Removes drafts expired before `now` and counters of windows that started before
  // `windows_before`; returns how many rows went.
  virtual Result<std::int64_t> purge(Instant now, Instant windows_before) = 0;
};

// Routing rule sets as loaded into the gateway: each area's rules by version, kept for good so
// every decision can be traced to the rules that made it.
struct RuleSetRecord {
  std::int64_t seq = 0;  // assigned by the store: load order
  std::string area;
  std::string version;
  std::string document;  // the routing rules JSON as loaded
  Instant loaded_at{};
  std::string loaded_by;
};

class RuleSetRepository {
 public:
  virtual ~RuleSetRepository() = default;

  // Stores a new version and makes it the one in force. Loading a version already held with
  // the same document changes nothing and answers false; with another document it is refused
  // ("conflict"): changed rules need a new version.
  virtual Result<bool> add_rule_set(const RuleSetRecord& rule_set, const AuditEntry& audit) = 0;
  // The area's rules in force: the version loaded last.
  virtual Result<std::optional<RuleSetRecord>> current_rule_set(const std::string& area) = 0;
  virtual Result<std::optional<RuleSetRecord>> find_rule_set(const std::string& area,
                                                             const std::string& version) = 0;
  // Newest first.
  virtual Result<std::vector<RuleSetRecord>> list_rule_sets(const std::string& area) = 0;
};

// Cases read outside a write: the queue, one case with its clocks and timeline, teams and
// their caseworkers. Changes to a case go through a unit of work (CaseRows), whose use case
// decides them; teams and memberships are written here with their audit entry.
class CaseRepository {
 public:
  virtual ~CaseRepository() = default;

  virtual Result<std::optional<casework::CaseRecord>> find(const std::string& id) = 0;
  virtual Result<std::vector<casework::CaseDeadline>> deadlines(const std::string& case_id) = 0;
  // Oldest first.
  virtual Result<std::vector<casework::CaseEvent>> events(const std::string& case_id) = 0;
  // Cases held by query.holder_organisation_id in query.areas, matching every filter set,
  // highest risk first, then the nearest clock, then the oldest; one page of them and the total.
  virtual Result<casework::CasePage> queue(const casework::CaseQuery& query) = 0;

  // Creates or renames a team, and gives it every case of its area that no team holds yet
  // (cases stored before the area had a team), with `audit`, in one transaction.
  virtual Result<void> upsert_team(const casework::Team& team, const AuditEntry& audit) = 0;
  virtual Result<std::optional<casework::Team>> find_team(const std::string& id) = 0;
  // Every team, ordered by area then name.
  virtual Result<std::vector<casework::Team>> list_teams() = 0;
  // Puts the user in the team with those skills and capacity (replacing any earlier place).
  virtual Result<void> set_team_member(const casework::TeamMember& member, const AuditEntry& audit) = 0;
  virtual Result<std::optional<casework::TeamMember>> find_team_member(const std::string& user_id) = 0;
  virtual Result<std::vector<casework::TeamMember>> team_members(const std::string& team_id) = 0;
  virtual Result<std::vector<casework::Caseload>> caseloads(const std::string& team_id) = 0;
};

// Onward referrals read outside a write: a case's, and a partner's inbox. Written through a unit
// of work (OnwardReferralRows), whose use case decides the change.
class OnwardReferralRepository {
 public:
  virtual ~OnwardReferralRepository() = default;
  virtual Result<std::optional<casework::OnwardReferral>> find(const std::string& id) = 0;
  // Oldest first.
  virtual Result<std::vector<casework::OnwardReferral>> for_case(const std::string& case_id) = 0;
  // query.directory_organization_id's referrals in one of query.states whose case's consent state
  // is one of query.consent_states, newest first (then id); one page and the total.
  virtual Result<PageOf<casework::OnwardInboxItem>> inbox(const casework::OnwardInboxQuery& query) = 0;
  // Its referrals still "sent" after their respond-by date (before `today`), whatever the consent.
  virtual Result<std::int64_t> count_breached(const std::string& directory_organization_id,
                                              casework::Date today) = 0;
};

// Risk assessments and tasks on cases, read outside a write (they are written through a unit of
// work: RiskAssessmentRows, CaseTaskRows).
class CaseRiskRepository {
 public:
  virtual ~CaseRiskRepository() = default;
  // The case's assessments, newest first, at most `limit`.
  virtual Result<std::vector<casework::CaseRiskAssessment>> assessments(const std::string& case_id,
                                                                        int limit) = 0;
  // The case's tasks, oldest first, each with the case's reference.
  virtual Result<std::vector<casework::CaseTask>> tasks(const std::string& case_id) = 0;
  // Open tasks assigned to `user_id`, soonest due first (so overdue first; undated last), then
  // oldest; at most `limit`, each with its case's reference.
  virtual Result<std::vector<casework::CaseTask>> open_tasks_of(const std::string& user_id, int limit) = 0;
};

// Background jobs (store/job_records.h): queued, claimed by one runner at a time with a lease,
// completed, retried, or left on the dead-letter list for an administrator. Each job runs once
// across every process sharing the database: a claimed job is invisible to other claimers until
// its lease runs out (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: the one writer).
class JobQueue {
 public:
  virtual ~JobQueue() = default;

  // As JobRows::enqueue, in a transaction of its own.
  virtual Result<Enqueued> enqueue(const JobRequest& job) = 0;
  // Claims up to `max` jobs queued to run at or before `now`, oldest run_after first: each
  // counts one more attempt and is held until `lease_until` under `lease_token` (the caller's
  // random token). Two claimers at once never get the same job.
  virtual Result<std::vector<ClaimedJob>> claim(int max, Instant now, Instant lease_until,
                                                const std::string& lease_token) = 0;
  // As JobRows::complete and JobRows::fail, in a transaction of their own.
  virtual Result<void> complete(const ClaimedJob& job, Instant at) = 0;
  virtual Result<JobStatus> fail(const ClaimedJob& job, const JobFailure& failure,
                                 Instant at) = 0;
  // Jobs whose lease ran out before `now` (their runner died or hung) go back to the queue, due
  // at once, or to the dead-letter list ("lease_expired") when that was their last attempt.
  // Returns how many.
  virtual Result<std::int64_t> reclaim_expired(Instant now) = 0;
  // The dead-letter list, most recently dead first.
  virtual Result<PageOf<JobRecord>> list_dead(const PageRequest& page) = 0;
  // Queues a dead job again with fresh attempts, due at `at`, and appends `audit`. `not_found`
  // when no dead job has that id.
  virtual Result<void> retry_dead(const std::string& id, Instant at, const AuditEntry& audit) = 0;
  virtual Result<std::optional<JobRecord>> find(const std::string& id) = 0;
};

// The outbox's messages, read back: what a send job sends, and what staff print.
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  virtual Result<std::optional<OutboxMessageRecord>> find(const std::string& id) = 0;
  // Messages with `status`, oldest first.
  virtual Result<PageOf<OutboxMessageRecord>> list_by_status(const std::string& status,
                                                             const PageRequest& page) = 0;
};

// Merges read outside a write, for a case's page (written through a unit of work: CaseMergeRows).
class CaseMergeRepository {
 public:
  virtual ~CaseMergeRepository() = default;
  // The merge in force that absorbed `merged_case_id`, if any.
  virtual Result<std::optional<casework::CaseMergeRecord>> in_force_of(const std::string& merged_case_id) = 0;
  // The merges in force into `surviving_case_id`, oldest first.
  virtual Result<std::vector<casework::CaseMergeRecord>> merged_into(const std::string& surviving_case_id) = 0;
};

// Break-glass grants (domain/casework/break_glass.h), read outside a unit of work: opening a
// case of another team asks for them.
class BreakGlassRepository {
 public:
  virtual ~BreakGlassRepository() = default;
  // `user_id`'s grants for `case_id` not ended by sign-out, newest first; whether one is still in
  // force the caller decides with casework::in_force (the store compares no instants).
  virtual Result<std::vector<casework::BreakGlassGrant>> open_grants(const std::string& user_id,
                                                                     const std::string& case_id) = 0;
};

// The de-identified referral facts insight counts (domain/insight/referral_facts.h), read outside
// a write; written through a unit of work (InsightRows) beside the change that makes them.
// One area's month, as insight keeps its figures (InsightRepository::stale_months).
struct InsightMonth {
  std::string area;
  std::chrono::year_month month;
  bool operator==(const InsightMonth&) const = default;
};

class InsightRepository {
 public:
  virtual ~InsightRepository() = default;
  // One referral's facts, for the store's own checks and the data step; insight itself answers
  // only counts and never calls this.
  virtual Result<std::optional<insight::ReferralFacts>> find(const std::string& fact_id) = 0;
  // The referrals of `area` received (London date) in `period`'s months, added up.
  virtual Result<insight::DemandCounts> demand(const std::string& area, const insight::MonthPeriod& period) = 0;
  // Migration 0038's data step: ids of referrals that have no facts yet, after `after_id` in id
  // order, at most `limit`.
  virtual Result<std::vector<std::string>> referrals_without_facts(const std::string& after_id, int limit) = 0;
  // The referrals of `area` received in `period`'s months, added up in groups
  // (domain/insight/fact_groups.h), in no particular order.
  virtual Result<std::vector<insight::FactGroup>> fact_groups(const std::string& area,
                                                              const insight::MonthPeriod& period) = 0;
  // The routing what-if (domain/routing/replay.h): the referrals of `area` received in `period`'s
  // months, in received order (London day, then id), with their routing inputs and case days.
  virtual Result<std::vector<insight::ReplayFacts>> replay_facts(const std::string& area,
                                                                 const insight::MonthPeriod& period) = 0;
  // Cases of `area` routed or queued at a service before `day` and not closed before it, grouped
  // by service and the day they closed.
  virtual Result<std::vector<insight::OpenCaseGroup>> open_cases_on(const std::string& area, insight::Date day) = 0;
  // Migration 0046's data step: ids of fact rows with no routing inputs whose referral is still
  // held, after `after_id` in id order, at most `limit`.
  virtual Result<std::vector<std::string>> facts_without_routing_inputs(const std::string& after_id, int limit) = 0;
  // demand and fact_groups add up figures kept per area and month (migration 0048), and count
  // from the facts only the months written since their figures were last worked out: these
  // stale months, in area and month order, at most `limit`.
  virtual Result<std::vector<InsightMonth>> stale_months(int limit) = 0;
  // Works out `area`'s `month` figures again from its facts, in a read snapshot so that intake
  // never waits for it, then keeps them and clears the month's stale mark in a short write, only
  // if no fact of the month was written meanwhile (else the month stays stale for the next run).
  // Figures read do not change.
  virtual Result<void> refresh_month(const std::string& area, std::chrono::year_month month) = 0;
};

// Live chats (domain/chat) and their numbered events. Every change to a chat appends its event
// under the chat's next sequence number in the same transaction, and is made only from the state
// the caller read (so two advisors never both take a chat, and nothing is written to an ended
// one). Message bodies arrive sealed; the store never sees the words.
class ChatRepository {
 public:
  virtual ~ChatRepository() = default;
  // Stores `chat` (waiting, last_seq 1) with its "started" event, unless its address_hash already
  // has `max_open_per_address` chats not ended: then false, and nothing is stored. Atomic across
  // processes.
  virtual Result<bool> start(const chat::Chat& chat, int max_open_per_address) = 0;
  virtual Result<std::optional<chat::Chat>> find(const std::string& id) = 0;
  virtual Result<std::optional<chat::Chat>> find_by_token(const std::string& token_hash) = 0;
  // Waiting chats in any of `areas`, longest waiting first, at most `limit`.
  virtual Result<std::vector<chat::Chat>> waiting(const std::vector<std::string>& areas, int limit) = 0;
  // Chats `user_id` took that have not ended, oldest first.
  virtual Result<std::vector<chat::Chat>> taken_by(const std::string& user_id) = 0;
  // Each of these appends `event` (kind, party, user, body, at: its chat_id and seq are the
  // store's) as the chat's next event and returns its seq; nullopt when the chat is not (or no
  // longer) in the state it must be in, and then nothing is written.
  // The chat moves from waiting to active, taken by event.user_id for `organisation_id`.
  virtual Result<std::optional<std::int64_t>> take(const std::string& chat_id, const chat::ChatEvent& event,
                                                   const std::string& organisation_id,
                                                   const AuditEntry& audit) = 0;
  // A message (or any event that changes nothing) while the chat is still in `from`.
  virtual Result<std::optional<std::int64_t>> post(const std::string& chat_id, const chat::ChatEvent& event,
                                                   chat::ChatState from) = 0;
  // The chat ends, from any state but ended. `audit` when a member of staff ends it.
  virtual Result<std::optional<std::int64_t>> end(const std::string& chat_id, const chat::ChatEvent& event,
                                                  chat::EndReason reason,
                                                  const std::optional<AuditEntry>& audit) = 0;
  // The chat's events numbered above `after_seq`, in order, at most `limit`.
  virtual Result<std::vector<chat::ChatEvent>> events_after(const std::string& chat_id, std::int64_t after_seq,
                                                            int limit) = 0;
  // Advisors on duty: `user_id` was at work on chats in `areas` at `at`.
  virtual Result<void> mark_present(const std::string& user_id, const std::vector<std::string>& areas,
                                    Instant at) = 0;
  // Whether anyone was at work on `area`'s chats at or after `since`.
  virtual Result<bool> anyone_present(const std::string& area, Instant since) = 0;

  // --- into a referral, and retention (migration 0041) ---
  // The chat names the referral it became (and `reference`, which the victim is told), with
  // `event` (kReferred) as its next event and `audit`, once: nullopt, writing nothing, when it
  // already names one or its transcript was deleted.
  virtual Result<std::optional<std::int64_t>> refer(const std::string& chat_id, const std::string& referral_id,
                                                    const std::string& reference, const chat::ChatEvent& event,
                                                    const AuditEntry& audit) = 0;
  // The chat that became referral `referral_id` (its case), if one did.
  virtual Result<std::optional<chat::Chat>> find_by_referral(const std::string& referral_id) = 0;
  // The referral an intake idempotency record (`organisation_id`, `key`) points to, if stored: a
  // conversion that stored its referral but not the chat's link finds it again with this.
  virtual Result<std::optional<std::string>> referral_for_key(const std::string& organisation_id,
                                                              const std::string& key) = 0;
  // Ids of ended chats that became no referral, whose transcript is still kept and which ended
  // before `ended_before`, oldest first, at most `limit`.
  virtual Result<std::vector<std::string>> transcripts_due(Instant ended_before, int limit) = 0;
  // Deletes the chat's events and forgets its token and address hash, keeping the row's facts,
  // with `audit`, in one transaction: false, writing nothing, unless the chat is still one that
  // transcripts_due(ended_before) would list (a referral made meanwhile keeps it).
  virtual Result<bool> delete_transcript(const std::string& chat_id, Instant ended_before, Instant at,
                                         const AuditEntry& audit) = 0;

  // --- read state, for live chat (migration 0042) ---
  // `reader`'s side has displayed the chat's events up to `seq`: true when that moves its read
  // number on; false, writing nothing, for a number not above it, past the chat's last event, or
  // a chat that does not exist.
  virtual Result<bool> mark_read(const std::string& chat_id, chat::ChatParty reader, std::int64_t seq) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies the numbered migrations not yet recorded in schema_migrations. Idempotent.
  virtual Result<int> migrate() = 0;
  // A cheap round trip to the database, for /readyz.
  virtual Result<void> ping() = 0;
  virtual PoolStats pool_stats() const = 0;
  virtual std::string backend() const = 0;  // "sqlite" | "postgresql"

  virtual DirectoryRepository& directory() = 0;
  virtual PostcodeRepository& postcodes() = 0;
  virtual AccountRepository& accounts() = 0;
  virtual ReferralRepository& referrals() = 0;
  virtual PublicFormRepository& public_forms() = 0;
  virtual RuleSetRepository& rule_sets() = 0;
  virtual CaseRepository& cases() = 0;
  virtual CaseRiskRepository& case_risk() = 0;
  virtual JobQueue& jobs() = 0;
  virtual OutboxRepository& outbox() = 0;
  virtual OnwardReferralRepository& onward_referrals() = 0;
  virtual CaseMergeRepository& case_merges() = 0;
  virtual BreakGlassRepository& break_glass() = 0;
  virtual InsightRepository& insight() = 0;
  virtual ChatRepository& chats() = 0;
  virtual AuditLog& audit() = 0;

  // One unit of work: begin a write transaction, run `work`, commit when it succeeds, roll back
  // when it fails (nothing of it lands). Answers only once the commit is durable (SQLite: WAL
  // with synchronous=FULL; PostgreSQL: synchronous commit), so a write acknowledged survives
  // kill -9. `work` may run more than once: when a unique index shows it raced with another
  // process's commit, the store runs it again from the start, where its reads see that commit.
  virtual Result<void> write(const UnitOfWorkBody& work) = 0;
};

// The audit chain: hash of an entry given the previous entry's hash (SHA-256 hex, libsodium).
std::string audit_hash(const AuditEntry& entry, const std::string& prev_hash);

}  // namespace vg::store
