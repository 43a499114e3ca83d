#include "store/sql/row_mappers.h"

#include "domain/accounts/role.h"
#include "domain/text/iso_date.h"
#include "store/word_list.h"

namespace vg::store {

ServiceRecord service_from_row(const SqlRow& row) {
  ServiceRecord s;
  s.id = row.text(0);
  s.organization_id = row.text(1);
  s.name = row.text(2);
  s.description = row.text(3);
  s.status = row.text(4);
  s.document = row.text(5);
  s.minimum_age = row.optional_int(6);
  s.maximum_age = row.optional_int(7);
  s.self_referral = row.boolean(8);
  s.search_text = row.text(9);
  return s;
}

ServiceAtLocationRecord sal_from_row(const SqlRow& row) {
  return {row.text(0), row.text(1), row.text(2), row.text(3)};
}

OrganizationRecord organization_from_row(const SqlRow& row) {
  return {row.text(0), row.text(1), row.text(2), row.text(3)};
}

TaxonomyRecord taxonomy_from_row(const SqlRow& row) {
  return {row.text(0), row.text(1), row.text(2), row.text(3)};
}

TaxonomyTermRecord term_from_row(const SqlRow& row) {
  return {row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)};
}

Result<StoredReferral> referral_from_row(const SqlRow& row, const SealedFields& fields) {
  StoredReferral r;
  r.id = row.text(0);
  r.reference = row.text(1);
  r.area = row.text(2);
  r.channel = row.text(3);
  r.received_at = VG_TRY(instant_column(row, 4));
  r.source_organisation_id = row.text(5);  // NULL (self-referral) reads as empty
  r.police_force_code = row.text(6);
  r.crime_reference = row.text(7);
  r.victim_key = row.text(8);
  r.consent_state = row.text(9);
  r.outcome = row.text(10);
  r.service_id = row.text(11);
  r.rule_set_version = row.text(12);
  r.document = VG_TRY(fields.open({row.text(16), row.text(13)}, "A referral's document"));
  r.assessment = row.text(14);
  r.possible_duplicate_of = row.text(15);
  return r;
}

Result<ApiKey> api_key_from_row(const SqlRow& row) {
  ApiKey key;
  key.id = row.text(0);
  key.organisation_id = row.text(1);
  key.label = row.text(2);
  key.secret_hash = row.text(3);
  key.created_at = VG_TRY(instant_column(row, 4));
  if (!row.is_null(5)) key.revoked_at = VG_TRY(instant_column(row, 5));
  return key;
}

Result<IdempotencyRecord> idempotency_from_row(const SqlRow& row) {
  IdempotencyRecord record;
  record.organisation_id = row.text(0);
  record.key = row.text(1);
  record.request_hash = row.text(2);
  record.referral_id = row.text(3);
  record.created_at = VG_TRY(instant_column(row, 4));
  return record;
}

Result<User> user_from_row(const SqlRow& row) {
  User user;
  user.id = row.text(0);
  user.email = row.text(1);
  user.display_name = row.text(2);
  user.password_hash = row.text(3);
  auto role = accounts::role_from_code(row.text(4));
  if (!role) return fail("internal", "A stored user has an unknown role code");
  user.role = *role;
  user.organisation_id = row.text(5);
  user.failed_logins = static_cast<int>(row.int64(6));
  if (!row.is_null(7)) user.locked_until = VG_TRY(instant_column(row, 7));
  user.active = row.boolean(8);
  user.created_at = VG_TRY(instant_column(row, 9));
  return user;
}

Organisation account_organisation_from_row(const SqlRow& row) {
  return Organisation{
      row.text(0), row.text(1), row.text(2), split_words(row.text(3)), split_words(row.text(4)),
      row.text(5)};
}

Result<Session> session_from_row(const SqlRow& row) {
  Session s;
  s.id_hash = row.text(0);
  s.user_id = row.text(1);
  s.csrf_token = row.text(2);
  s.created_at = VG_TRY(instant_column(row, 3));
  s.last_seen_at = VG_TRY(instant_column(row, 4));
  const std::string stage = row.text(5);
  if (stage == "signed_in") {
    s.stage = accounts::SessionStage::kSignedIn;
  } else if (stage == "code") {
    s.stage = accounts::SessionStage::kAwaitingCode;
  } else if (stage == "enrol") {
    s.stage = accounts::SessionStage::kAwaitingEnrolment;
  } else {
    return fail("internal", "A stored session has an unknown stage");
  }
  s.enrolment_secret = row.text(6);
  return s;
}

std::string_view session_stage_code(accounts::SessionStage stage) {
  switch (stage) {
    case accounts::SessionStage::kSignedIn:
      return "signed_in";
    case accounts::SessionStage::kAwaitingCode:
      return "code";
    case accounts::SessionStage::kAwaitingEnrolment:
      return "enrol";
  }
  return "signed_in";
}

Result<std::optional<SecondFactor>> second_factor_from_row(const SqlRow& row) {
  if (row.is_null(0)) return std::optional<SecondFactor>{};
  SecondFactor factor;
  factor.secret = row.text(0);
  if (!row.is_null(1)) factor.last_step = row.int64(1);
  factor.enrolled_at = VG_TRY(instant_column(row, 2));
  return std::optional<SecondFactor>{std::move(factor)};
}

Result<AccountRepository::SignInCounter> sign_in_counter_from_row(const SqlRow& row) {
  AccountRepository::SignInCounter c;
  c.bucket = row.text(0);
  c.failures = static_cast<int>(row.int64(1));
  c.last_failure_at = VG_TRY(instant_column(row, 2));
  if (!row.is_null(3)) c.signed_in_at = VG_TRY(instant_column(row, 3));
  return c;
}

Result<AuditEntry> audit_entry_from_row(const SqlRow& row) {
  AuditEntry e;
  e.seq = row.int64(0);
  e.at = VG_TRY(instant_column(row, 1));
  e.actor = row.text(2);
  e.action = row.text(3);
  e.entity_type = row.text(4);
  e.entity_id = row.text(5);
  e.detail = row.text(6);
  e.prev_hash = row.text(7);
  e.hash = row.text(8);
  return e;
}

Result<RuleSetRecord> rule_set_from_row(const SqlRow& row) {
  RuleSetRecord r;
  r.seq = row.int64(0);
  r.area = row.text(1);
  r.version = row.text(2);
  r.document = row.text(3);
  r.loaded_at = VG_TRY(instant_column(row, 4));
  r.loaded_by = row.text(5);
  return r;
}

namespace {

std::vector<std::string> skills_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Result<casework::Date> date_column(const SqlRow& row, int column) {
  auto date = text::parse_iso_date(row.text(column));
  if (!date) return fail("internal", "A stored date is not YYYY-MM-DD");
  return *date;
}

}  // namespace

std::string skills_text(const std::vector<std::string>& skills) {
  std::string out;
  for (const auto& s : skills) {
    if (!out.empty()) out += ',';
    out += s;
  }
  return out;
}

Result<casework::CaseRecord> case_from_row(const SqlRow& row) {
  casework::CaseRecord c;
  c.id = row.text(0);
  c.reference = row.text(1);
  c.area = row.text(2);
  c.local_authority = row.text(3);
  c.channel = row.text(4);
  c.offence_category = row.text(5);
  c.service_id = row.text(6);
  c.risk_rank = static_cast<int>(row.int64(7));
  c.enhanced = row.int64(8) != 0;
  c.consent_state = row.text(9);
  c.possible_duplicate = row.int64(10) != 0;
  c.needs_skills = skills_of(row.text(11));
  c.source_organisation_id = row.text(12);
  c.team_id = row.text(13);
  c.holder_organisation_id = row.text(14);
  c.allocated_to = row.text(15);
  auto status = casework::case_status_from_code(row.text(16));
  if (!status) return fail("internal", "A stored case has an unknown status");
  c.status = *status;
  if (row.text(17) != kNoDueDate) c.next_due = VG_TRY(date_column(row, 17));
  c.handovers = static_cast<int>(row.int64(18));
  c.opened_at = VG_TRY(instant_column(row, 19));
  c.updated_at = VG_TRY(instant_column(row, 20));
  c.version = row.int64(21);
  return c;
}

SqlParams case_values(const casework::CaseRecord& c) {
  return {c.id,
          c.reference,
          c.area,
          c.local_authority,
          c.channel,
          c.offence_category,
          c.service_id,
          c.risk_rank,
          c.enhanced ? 1 : 0,
          c.consent_state,
          c.possible_duplicate ? 1 : 0,
          skills_text(c.needs_skills),
          c.source_organisation_id,
          c.team_id,
          c.holder_organisation_id,
          c.allocated_to,
          casework::to_code(c.status),
          c.next_due ? text::iso_date(*c.next_due) : std::string(kNoDueDate),
          c.handovers,
          c.opened_at,
          c.updated_at,
          c.version};
}

Result<casework::CaseDeadline> case_deadline_from_row(const SqlRow& row) {
  casework::CaseDeadline d;
  d.case_id = row.text(0);
  d.code = row.text(1);
  d.due_date = VG_TRY(date_column(row, 2));
  d.working_days = static_cast<int>(row.int64(3));
  if (!row.is_null(4)) d.met_at = VG_TRY(instant_column(row, 4));
  return d;
}

Result<casework::CaseEvent> case_event_from_row(const SqlRow& row) {
  casework::CaseEvent e;
  e.seq = row.int64(0);
  e.case_id = row.text(1);
  e.at = VG_TRY(instant_column(row, 2));
  e.actor = row.text(3);
  e.kind = row.text(4);
  e.detail = row.text(5);
  e.case_version = row.int64(6);
  return e;
}

casework::Team team_from_row(const SqlRow& row) {
  return {row.text(0), row.text(1), row.text(2), row.text(3)};
}

casework::TeamMember team_member_from_row(const SqlRow& row) {
  return {row.text(0), row.text(1), skills_of(row.text(2)), static_cast<int>(row.int64(3))};
}

Result<casework::OnwardReferral> onward_referral_from_row(const SqlRow& row) {
  casework::OnwardReferral r;
  r.id = row.text(0);
  r.case_id = row.text(1);
  r.service_id = row.text(2);
  r.directory_organization_id = row.text(3);
  r.area = row.text(4);
  auto state = casework::onward_state_from_code(row.text(5));
  if (!state) return fail("internal", "A stored onward referral has an unknown state");
  r.state = *state;
  r.reason = row.text(6);
  r.outcome = row.text(7);
  r.sent_by = row.text(8);
  r.sent_at = VG_TRY(instant_column(row, 9));
  if (!row.is_null(10)) r.answered_at = VG_TRY(instant_column(row, 10));
  if (!row.is_null(11)) r.completed_at = VG_TRY(instant_column(row, 11));
  if (!row.is_null(12)) r.withdrawn_at = VG_TRY(instant_column(row, 12));
  r.respond_by = VG_TRY(date_column(row, 13));
  r.shared_fields = skills_of(row.text(14));  // the same comma-separated list of codes
  r.version = row.int64(15);
  return r;
}

SqlParams onward_referral_values(const casework::OnwardReferral& r) {
  return {r.id,
          r.case_id,
          r.service_id,
          r.directory_organization_id,
          r.area,
          casework::to_code(r.state),
          r.reason,
          r.outcome,
          r.sent_by,
          r.sent_at,
          r.answered_at,
          r.completed_at,
          r.withdrawn_at,
          text::iso_date(r.respond_by),
          skills_text(r.shared_fields),
          r.version};
}

}  // namespace vg::store
