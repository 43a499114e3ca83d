#include "app/casework/risk_assessment.h"

#include <algorithm>
#include <boost/json.hpp>

#include "app/audit/audit_entry.h"
#include "app/casework/case_access.h"
#include "app/casework/case_read_right.h"
#include "app/casework/case_tasks.h"
#include "app/deadlines/bank_holiday_calendar.h"
#include "app/intake/referral_json.h"
#include "app/security/random_token.h"
#include "domain/assessment/age.h"
#include "domain/assessment/safeguarding.h"
#include "domain/deadlines/working_days.h"

namespace vg::app {
namespace {

namespace json = boost::json;

json::array codes_of(const std::vector<std::string>& codes) {
  json::array out;
  for (const auto& c : codes) out.emplace_back(c);
  return out;
}

// The timeline's and audit's account of an assessment: numbers, levels and codes, no answers.
json::object assessment_detail(const casework::CaseRiskAssessment& a) {
  const auto& r = a.result;
  json::object d{{"assessment", a.id},
                 {"level", casework::to_code(r.level)},
                 {"score_level", casework::to_code(r.score_level)},
                 {"judgement_raised", r.judgement_raised},
                 {"marac_reasons", codes_of(r.marac_reasons)}};
  if (r.dash_score) d["dash_score"] = *r.dash_score;
  if (r.sdash_score) d["sdash_score"] = *r.sdash_score;
  return d;
}

bool has_task(const std::vector<casework::CaseTask>& tasks, casework::TaskKind kind,
              const std::string& reason_code, bool dismissed_count) {
  return std::any_of(tasks.begin(), tasks.end(), [&](const casework::CaseTask& t) {
    if (t.kind != kind) return false;
    if (!reason_code.empty() && t.reason_code != reason_code) return false;
    return dismissed_count || !t.dismissed_at;
  });
}

}  // namespace

Result<AreaRiskSettings> default_risk_settings(const std::string&) { return AreaRiskSettings{}; }

Result<casework::CaseRecord> RiskAssessment::record(const access::Actor& actor,
                                                    const std::string& case_id,
                                                    std::int64_t expected_version,
                                                    const casework::RiskAnswers& answers) {
  const auto now = clock_.now();
  const auto today = deadlines::london_date(now);
  return change_case(
      store_, clock_, actor, access::Action::kWorkCase, case_id, expected_version,
      "case.risk_assessment",
      [&](casework::CaseRecord& c, store::UnitOfWork& unit) -> Result<CaseChangeMade> {
        if (c.status == casework::CaseStatus::kClosed) {
          return fail("conflict", "The case is closed", {{"dash", "closed", "The case is closed"}});
        }
        auto referrals = VG_TRY(unit.referrals().with_ids({c.id}));
        if (referrals.empty()) return not_found("The case");
        auto referral = parse_referral_json(referrals.front().document);
        if (!referral) return fail("internal", "The case's referral could not be read");
        // A repeat counts from the last MARAC referral the police or partner told us about.
        casework::RiskAnswers given = answers;
        if (!given.last_marac_referral)
          given.last_marac_referral = referral->risk_history.last_marac_referral;
        const auto settings = VG_TRY(settings_of_(c.area));
        const auto result = VG_TRY(casework::score_case_risk(given, settings.policy, today));

        casework::CaseRiskAssessment assessment;
        assessment.id = time_ordered_uuid(now);
        assessment.case_id = c.id;
        assessment.assessed_by = actor.user_id;
        assessment.assessed_at = now;
        assessment.answers = given;
        assessment.result = result;
        VG_CHECK(unit.risk_assessments().insert(assessment));
        // The queue orders by the newest assessment's level: a re-assessment may lower it too
        // (judgement only ever raises the checklist's own level, never the case's history).
        c.risk_rank = casework::risk_rank(result.level);

        CaseChangeMade made;
        const json::object detail = assessment_detail(assessment);
        made.events.push_back({0, {}, {}, {}, "risk_assessed", json::serialize(detail)});

        const auto existing = VG_TRY(unit.tasks().for_case(c.id));
        std::vector<casework::CaseTask> tasks;
        const auto& calendar = england_and_wales_bank_holidays();
        // One MARAC referral at a time: while one is open, a new assessment adds nothing to draft.
        if (result.marac_required &&
            !std::any_of(existing.begin(), existing.end(), [](const casework::CaseTask& t) {
              return t.kind == casework::TaskKind::kMaracReferral && casework::is_open(t);
            })) {
          tasks.push_back(
              marac_referral_task(c, actor.user_id, now, result,
                                  casework::next_marac(settings.marac, today, calendar)));
        }
        // Safeguarding a child is a duty: a task for each reason, unless one is open or done
        // (a dismissed one comes back while the child is still at risk, for someone to decide
        // again with what the new assessment shows).
        referral->person.child_in_household_at_risk =
            referral->person.child_in_household_at_risk || answers.child_at_risk;
        const auto age = assessment::victim_age(*referral, today);
        for (const auto& action : assessment::safeguarding_actions(*referral, age)) {
          if (has_task(existing, casework::TaskKind::kSafeguardingReferral, action.code, false))
            continue;
          tasks.push_back(safeguarding_referral_task(c, actor.user_id, now, action));
        }
        VG_CHECK(unit.tasks().insert(tasks));
        json::array task_ids;
        for (const auto& t : tasks) {
          made.events.push_back({0, {}, {}, {}, "task_created", task_event_detail(t)});
          task_ids.emplace_back(t.id);
        }
        json::object audit = detail;
        audit["tasks"] = std::move(task_ids);
        made.audit_detail = json::serialize(audit);
        return made;
      });
}

Result<RiskView> RiskAssessment::view(const access::Actor& actor, const std::string& case_id,
                                      int limit) {
  if (!access::role_may(actor.role, access::Action::kReadReferral)) {
    return fail("forbidden", "Your role does not allow reading cases");
  }
  auto record = VG_TRY(store_.cases().find(case_id));
  if (!record) return not_found("The case");
  const auto subject = case_subject(*record);
  const auto via = VG_TRY(case_read_right(store_, clock_.now(), actor, *record));
  RiskView view;
  view.record = std::move(*record);
  view.assessments = VG_TRY(store_.case_risk().assessments(case_id, limit));
  view.may_work = access::decide(actor, access::Action::kWorkCase, subject).allowed;
  if (auto referral = VG_TRY(store_.referrals().find(case_id))) {
    if (auto r = parse_referral_json(referral->document)) {
      view.police_callouts_last_12_months = r->risk_history.police_callouts_last_12_months;
      view.last_marac_referral = r->risk_history.last_marac_referral;
      view.child_in_household_at_risk = r->person.child_in_household_at_risk;
    }
  }
  const auto settings = VG_TRY(settings_of_(view.record.area));
  view.next_marac = casework::next_marac(settings.marac, deadlines::london_date(clock_.now()),
                                         england_and_wales_bank_holidays());
  VG_CHECK(store_.audit().append(
      audit_entry(clock_, actor.user_id, "case.read", "case", case_id, case_read_detail(via, "risk"))));
  return view;
}

}  // namespace vg::app
