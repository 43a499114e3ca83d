#include "store/sql/sql_case_risk.h"

#include <sstream>

#include "domain/text/iso_date.h"
#include "store/sql/row_mappers.h"

namespace vg::store {
namespace {

// One letter per answer, in the checklist's order: y yes, n no, k not known.
template <std::size_t N>
std::string answers_text(const std::optional<std::array<intake::Answer, N>>& answers) {
  std::string out;
  if (!answers) return out;
  for (auto a : *answers)
    out += a == intake::Answer::kYes ? 'y' : a == intake::Answer::kNo ? 'n' : 'k';
  return out;
}

template <std::size_t N>
Result<std::optional<std::array<intake::Answer, N>>> answers_of(const std::string& text) {
  if (text.empty()) return std::optional<std::array<intake::Answer, N>>{};
  if (text.size() != N)
    return fail("internal", "A stored checklist has the wrong number of answers");
  std::array<intake::Answer, N> out{};
  for (std::size_t i = 0; i < N; ++i) {
    switch (text[i]) {
      case 'y':
        out[i] = intake::Answer::kYes;
        break;
      case 'n':
        out[i] = intake::Answer::kNo;
        break;
      case 'k':
        out[i] = intake::Answer::kNotKnown;
        break;
      default:
        return fail("internal", "A stored checklist has an unknown answer");
    }
  }
  return std::optional<std::array<intake::Answer, N>>{out};
}

// Lists are kept as one text: codes joined by commas, sentences by line ends (neither holds one).
std::string joined(const std::vector<std::string>& items, char by) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += by;
    out += i;
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, by)) out.push_back(item);
  return out;
}

Result<intake::RiskLevel> level_column(const SqlRow& row, int column) {
  auto level = casework::risk_level_from_code(row.text(column));
  if (!level) return fail("internal", "A stored risk level is unknown");
  return *level;
}

Result<std::optional<casework::Date>> optional_date(const SqlRow& row, int column) {
  const std::string text = row.text(column);
  if (text.empty() || text == kNoDueDate) return std::optional<casework::Date>{};
  auto date = text::parse_iso_date(text);
  if (!date) return fail("internal", "A stored date is not YYYY-MM-DD");
  return std::optional<casework::Date>{*date};
}

}  // namespace

Result<casework::CaseRiskAssessment> risk_assessment_from_row(const SqlRow& row, const SealedFields& fields) {
  casework::CaseRiskAssessment a;
  a.id = row.text(0);
  a.case_id = row.text(1);
  a.assessed_by = row.text(2);
  a.assessed_at = VG_TRY(instant_column(row, 3));
  a.answers.dash = VG_TRY(answers_of<assessment::kDashQuestionCount>(
      VG_TRY(fields.open({row.text(17), row.text(4)}, "A risk assessment's DASH answers"))));
  a.answers.sdash = VG_TRY(answers_of<assessment::kSdashQuestionCount>(
      VG_TRY(fields.open({row.text(18), row.text(5)}, "A risk assessment's S-DASH answers"))));
  a.answers.police_callouts_last_12_months = static_cast<int>(row.int64(6));
  a.answers.last_marac_referral = VG_TRY(optional_date(row, 7));
  if (!row.text(8).empty()) a.answers.judgement = VG_TRY(level_column(row, 8));
  a.answers.judgement_reason = VG_TRY(fields.open({row.text(19), row.text(9)}, "A risk assessment's judgement reason"));
  a.answers.child_at_risk = row.int64(10) != 0;
  a.result.dash_score = row.optional_int(11);
  a.result.sdash_score = row.optional_int(12);
  a.result.score_level = VG_TRY(level_column(row, 13));
  a.result.level = VG_TRY(level_column(row, 14));
  a.result.judgement_raised = a.result.level > a.result.score_level;
  a.result.marac_reasons = split(row.text(15), ',');
  a.result.marac_reason_texts = split(row.text(16), '\n');
  a.result.marac_required = !a.result.marac_reasons.empty();
  return a;
}

SqlParams risk_assessment_values(const casework::CaseRiskAssessment& a, const SealedFields& fields) {
  const auto& in = a.answers;
  const auto& r = a.result;
  auto dash = fields.seal(answers_text(in.dash));
  auto sdash = fields.seal(answers_text(in.sdash));
  auto reason = fields.seal(in.judgement_reason);
  return {a.id,
          a.case_id,
          a.assessed_by,
          a.assessed_at,
          std::move(dash.sealed),
          std::move(sdash.sealed),
          in.police_callouts_last_12_months,
          in.last_marac_referral ? text::iso_date(*in.last_marac_referral) : std::string(),
          in.judgement ? std::string(casework::to_code(*in.judgement)) : std::string(),
          std::move(reason.sealed),
          in.child_at_risk ? 1 : 0,
          r.dash_score,
          r.sdash_score,
          casework::to_code(r.score_level),
          casework::to_code(r.level),
          joined(r.marac_reasons, ','),
          joined(r.marac_reason_texts, '\n'),
          std::move(dash.key_id),
          std::move(sdash.key_id),
          std::move(reason.key_id)};
}

Result<casework::CaseTask> case_task_from_row(const SqlRow& row) {
  casework::CaseTask t;
  t.id = row.text(0);
  t.case_id = row.text(1);
  auto kind = casework::task_kind_from_code(row.text(2));
  if (!kind) return fail("internal", "A stored task has an unknown kind");
  t.kind = *kind;
  t.reason_code = row.text(3);
  t.title = row.text(4);
  t.detail = row.text(5);
  t.due_date = VG_TRY(optional_date(row, 6));
  t.assigned_to = row.text(7);
  t.created_by = row.text(8);
  t.created_at = VG_TRY(instant_column(row, 9));
  if (!row.is_null(10)) t.done_at = VG_TRY(instant_column(row, 10));
  t.done_by = row.text(11);
  if (!row.is_null(12)) t.dismissed_at = VG_TRY(instant_column(row, 12));
  t.dismissed_by = row.text(13);
  t.dismissal_reason = row.text(14);
  t.version = row.int64(15);
  t.case_reference = row.text(16);
  return t;
}

SqlParams case_task_values(const casework::CaseTask& t) {
  return {t.id,
          t.case_id,
          casework::to_code(t.kind),
          t.reason_code,
          t.title,
          t.detail,
          t.due_date ? text::iso_date(*t.due_date) : std::string(kNoDueDate),
          t.assigned_to,
          t.created_by,
          t.created_at,
          t.done_at,
          t.done_by,
          t.dismissed_at,
          t.dismissed_by,
          t.dismissal_reason,
          t.version};
}

}  // namespace vg::store
