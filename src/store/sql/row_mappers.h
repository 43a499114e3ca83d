// The stored rows of every repository turned into records, and the column lists they expect, in
// that order: one definition for SQLite and PostgreSQL. They read rows; they never run SQL.
#pragma once

#include <string_view>

#include "domain/result.h"
#include "store/sql/sealed_fields.h"
#include "store/sql/sql_query.h"
#include "store/sql/sql_row.h"
#include "store/store.h"

namespace vg::store {

// Directory: services (aliased `s`), services at locations (`sal`), organizations, taxonomies
// and their terms.
inline constexpr const char* kServiceColumns =
    "s.id, s.organization_id, s.name, s.description, s.status, s.document, s.minimum_age, "
    "s.maximum_age, s.self_referral, s.search_text";
inline constexpr const char* kSalColumns = "sal.id, sal.service_id, sal.location_id, sal.document";
inline constexpr const char* kOrganizationColumns = "id, name, description, document";
inline constexpr const char* kTaxonomyColumns = "id, name, description, document";
inline constexpr const char* kTermColumns = "id, taxonomy_id, code, name, parent_id, document";

ServiceRecord service_from_row(const SqlRow& row);
ServiceAtLocationRecord sal_from_row(const SqlRow& row);
OrganizationRecord organization_from_row(const SqlRow& row);
TaxonomyRecord taxonomy_from_row(const SqlRow& row);
TaxonomyTermRecord term_from_row(const SqlRow& row);

// Referrals, API keys and idempotency records.
inline constexpr const char* kReferralColumns =
    "id, reference, area, channel, received_at, source_organisation_id, police_force_code, "
    "crime_reference, victim_key, consent_state, outcome, service_id, rule_set_version, "
    "document, assessment, possible_duplicate_of, document_key_id";
inline constexpr const char* kApiKeyColumns =
    "id, organisation_id, label, secret_hash, created_at, revoked_at";
inline constexpr const char* kIdempotencyColumns =
    "organisation_id, key, request_hash, referral_id, created_at";

// The document is opened with `fields` (it is stored sealed: migration 0047).
Result<StoredReferral> referral_from_row(const SqlRow& row, const SealedFields& fields);
Result<ApiKey> api_key_from_row(const SqlRow& row);
Result<IdempotencyRecord> idempotency_from_row(const SqlRow& row);

// Accounts: users, organisations, sessions and sign-in counters.
inline constexpr const char* kUserColumns =
    "id, email, display_name, password_hash, role, organisation_id, failed_logins, locked_until, "
    "active, created_at";
inline constexpr const char* kAccountOrganisationColumns =
    "id, name, kind, areas, police_force_codes, directory_organization_id";
inline constexpr const char* kSessionColumns =
    "id_hash, user_id, csrf_token, created_at, last_seen_at, stage, enrolment_secret";
inline constexpr const char* kSecondFactorColumns = "totp_secret, totp_last_step, totp_enrolled_at";
inline constexpr const char* kSignInCounterColumns =
    "bucket, failures, last_failure_at, signed_in_at";

Result<User> user_from_row(const SqlRow& row);
Organisation account_organisation_from_row(const SqlRow& row);
Result<Session> session_from_row(const SqlRow& row);
// A session's stage as stored: "signed_in", "code", "enrol".
std::string_view session_stage_code(accounts::SessionStage stage);
// A row of kSecondFactorColumns; nullopt when the user has no key.
Result<std::optional<SecondFactor>> second_factor_from_row(const SqlRow& row);
Result<AccountRepository::SignInCounter> sign_in_counter_from_row(const SqlRow& row);

// The audit log, oldest first by seq.
inline constexpr const char* kAuditColumns =
    "seq, at, actor, action, entity_type, entity_id, detail, prev_hash, hash";

Result<AuditEntry> audit_entry_from_row(const SqlRow& row);

// Cases, their clocks and timelines, teams and team members.
inline constexpr const char* kCaseColumns =
    "id, reference, area, local_authority, channel, offence_category, service_id, risk_rank, "
    "enhanced, consent_state, possible_duplicate, needs_skills, source_organisation_id, team_id, "
    "holder_organisation_id, allocated_to, status, next_due, handovers, opened_at, updated_at, "
    "version";
inline constexpr const char* kCaseDeadlineColumns = "case_id, code, due_date, working_days, met_at";
inline constexpr const char* kCaseEventColumns = "seq, case_id, at, actor, kind, detail, case_version";
inline constexpr const char* kTeamColumns = "id, organisation_id, area, name";
inline constexpr const char* kTeamMemberColumns = "user_id, team_id, skills, capacity";
// What next_due holds when no clock runs: after every real date, so those cases sort last.
inline constexpr const char* kNoDueDate = "9999-12-31";

Result<casework::CaseRecord> case_from_row(const SqlRow& row);
Result<casework::CaseDeadline> case_deadline_from_row(const SqlRow& row);
Result<casework::CaseEvent> case_event_from_row(const SqlRow& row);
casework::Team team_from_row(const SqlRow& row);
casework::TeamMember team_member_from_row(const SqlRow& row);
// The values of kCaseColumns for `c`, in order.
SqlParams case_values(const casework::CaseRecord& c);
// Skills as stored: comma-separated codes.
std::string skills_text(const std::vector<std::string>& skills);

// Onward referrals.
inline constexpr const char* kOnwardReferralColumns =
    "id, case_id, service_id, directory_organization_id, area, state, reason, outcome, sent_by, "
    "sent_at, answered_at, completed_at, withdrawn_at, respond_by, shared_fields, version";
Result<casework::OnwardReferral> onward_referral_from_row(const SqlRow& row);
// The values of kOnwardReferralColumns for `r`, in order.
SqlParams onward_referral_values(const casework::OnwardReferral& r);

// Routing rule sets.
inline constexpr const char* kRuleSetColumns = "seq, area, version, document, loaded_at, loaded_by";

Result<RuleSetRecord> rule_set_from_row(const SqlRow& row);

}  // namespace vg::store
