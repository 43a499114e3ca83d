// The storage conformance suite for risk on cases, run against SQLite and PostgreSQL: each
// assessment kept with every answer (history, newest first), the case's risk rank moving with
// the case's update, tasks written in a unit of work, a stale task change refused, and a
// caseworker's open tasks soonest due first. Every person and case here is invented.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/casework/case_records.h"
#include "domain/casework/case_risk_assessment.h"
#include "domain/casework/case_task.h"
#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

using casework::CaseRecord;
using casework::CaseRiskAssessment;
using casework::CaseTask;
using casework::TaskKind;
using intake::Answer;
using intake::RiskLevel;
using namespace std::chrono;

class CaseRiskRepositoryTest : public ReferralFixture {
 protected:
  CaseRecord open_case(int n) {
    auto r = referral(n);
    r.reference = "MY-2026-" + std::to_string(200000 + n);
    r.area = "merseyside";
    CaseRecord c;
    c.id = r.id;
    c.reference = r.reference;
    c.area = r.area;
    c.local_authority = "E08000012";
    c.channel = "police";
    c.offence_category = "violence_with_injury";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.opened_at = at(minutes(n));
    c.updated_at = c.opened_at;
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      return unit.cases().insert({c}, {});
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return c;
  }

  static CaseRiskAssessment assessment(const std::string& case_id, int n, int yes) {
    CaseRiskAssessment a;
    a.id = uuid(300 + n);
    a.case_id = case_id;
    a.assessed_by = uuid(60);
    a.assessed_at = at(hours(n));
    a.answers.dash.emplace();
    a.answers.dash->fill(Answer::kNo);
    for (int i = 0; i < yes; ++i) (*a.answers.dash)[static_cast<std::size_t>(i)] = Answer::kYes;
    (*a.answers.dash)[23] = Answer::kNotKnown;
    a.answers.police_callouts_last_12_months = 1;
    a.answers.last_marac_referral = year{2026} / 1 / 15;
    a.answers.judgement = RiskLevel::kHigh;
    a.answers.judgement_reason = "Invented reason, with a comma";
    a.answers.child_at_risk = true;
    a.result.dash_score = yes;
    a.result.score_level = RiskLevel::kMedium;
    a.result.level = RiskLevel::kHigh;
    a.result.judgement_raised = true;
    a.result.marac_required = true;
    a.result.marac_reasons = {"professional_judgement", "repeat"};
    a.result.marac_reason_texts = {"Professional judgement: raised the risk from medium to high",
                                   "Repeat: a MARAC referral on 15 January 2026, within 12 months"};
    return a;
  }

  static CaseTask task(const CaseRecord& c, int n, TaskKind kind, std::optional<casework::Date> due,
                       const std::string& assignee) {
    CaseTask t;
    t.id = uuid(400 + n);
    t.case_id = c.id;
    t.kind = kind;
    t.reason_code = "dash_high";
    t.title = "Invented task " + std::to_string(n);
    t.detail = "Invented detail";
    t.due_date = due;
    t.assigned_to = assignee;
    t.created_by = "system:test";
    t.created_at = at(minutes(n));
    return t;
  }

  void insert_tasks(const std::vector<CaseTask>& tasks) {
    auto written = store_->write([&](UnitOfWork& unit) { return unit.tasks().insert(tasks); });
    ASSERT_TRUE(written.has_value()) << written.error().message;
  }
};

TEST_F(CaseRiskRepositoryTest, AssessmentsAreKeptWithEveryAnswerNewestFirst) {
  const auto c = open_case(1);
  auto first = assessment(c.id, 1, 12);
  auto second = assessment(c.id, 2, 15);
  second.answers.sdash.emplace();
  second.answers.sdash->fill(Answer::kYes);
  second.result.sdash_score = 11;
  second.answers.judgement.reset();
  second.answers.judgement_reason.clear();
  second.answers.last_marac_referral.reset();
  second.result.score_level = RiskLevel::kHigh;
  second.result.judgement_raised = false;
  second.result.marac_reasons = {"dash_high"};
  second.result.marac_reason_texts = {"DASH score 15 of 24: high risk (14 or more)"};
  for (const auto* a : {&first, &second}) {
    auto written =
        store_->write([&](UnitOfWork& unit) { return unit.risk_assessments().insert(*a); });
    ASSERT_TRUE(written.has_value()) << written.error().message;
  }
  auto history = store_->case_risk().assessments(c.id, 10);
  ASSERT_TRUE(history.has_value()) << history.error().message;
  ASSERT_EQ(history->size(), 2u);
  const auto& newest = (*history)[0];
  EXPECT_EQ(newest.id, second.id);
  EXPECT_EQ(newest.answers.dash, second.answers.dash);
  EXPECT_EQ(newest.answers.sdash, second.answers.sdash);
  EXPECT_FALSE(newest.answers.judgement);
  EXPECT_FALSE(newest.answers.last_marac_referral);
  EXPECT_EQ(newest.result.sdash_score, 11);
  const auto& oldest = (*history)[1];
  EXPECT_EQ(oldest.assessed_by, first.assessed_by);
  EXPECT_EQ(oldest.assessed_at, first.assessed_at);
  EXPECT_EQ(oldest.answers.dash, first.answers.dash);
  EXPECT_FALSE(oldest.answers.sdash);
  EXPECT_EQ(oldest.answers.police_callouts_last_12_months, 1);
  EXPECT_EQ(oldest.answers.last_marac_referral, first.answers.last_marac_referral);
  EXPECT_EQ(oldest.answers.judgement, RiskLevel::kHigh);
  EXPECT_EQ(oldest.answers.judgement_reason, first.answers.judgement_reason);
  EXPECT_TRUE(oldest.answers.child_at_risk);
  EXPECT_EQ(oldest.result.dash_score, 12);
  EXPECT_FALSE(oldest.result.sdash_score);
  EXPECT_EQ(oldest.result.score_level, RiskLevel::kMedium);
  EXPECT_EQ(oldest.result.level, RiskLevel::kHigh);
  EXPECT_TRUE(oldest.result.judgement_raised);
  EXPECT_EQ(oldest.result.marac_reasons, first.result.marac_reasons);
  EXPECT_EQ(oldest.result.marac_reason_texts, first.result.marac_reason_texts);

  EXPECT_EQ(store_->case_risk().assessments(c.id, 1)->size(), 1u);
}

TEST_F(CaseRiskRepositoryTest, AnAssessmentOfNoCaseIsRefusedAndNothingLands) {
  auto written = store_->write([&](UnitOfWork& unit) {
    return unit.risk_assessments().insert(assessment(uuid(999), 1, 3));
  });
  EXPECT_FALSE(written.has_value());
}

TEST_F(CaseRiskRepositoryTest, TheCasesRiskRankMovesWithItsUpdate) {
  auto c = open_case(2);
  c.risk_rank = 2;
  auto written = store_->write([&](UnitOfWork& unit) { return unit.cases().update(c, 1); });
  ASSERT_TRUE(written.has_value()) << written.error().message;
  EXPECT_EQ(store_->cases().find(c.id)->value().risk_rank, 2);
}

TEST_F(CaseRiskRepositoryTest, TasksAreReadBackWithTheirCasesReference) {
  const auto c = open_case(3);
  auto t = task(c, 1, TaskKind::kSafeguardingReferral, year{2026} / 3 / 2, uuid(60));
  insert_tasks({t});
  auto tasks = store_->case_risk().tasks(c.id);
  ASSERT_TRUE(tasks.has_value()) << tasks.error().message;
  ASSERT_EQ(tasks->size(), 1u);
  const auto& read = tasks->front();
  EXPECT_EQ(read.id, t.id);
  EXPECT_EQ(read.kind, TaskKind::kSafeguardingReferral);
  EXPECT_EQ(read.reason_code, t.reason_code);
  EXPECT_EQ(read.title, t.title);
  EXPECT_EQ(read.detail, t.detail);
  EXPECT_EQ(read.due_date, t.due_date);
  EXPECT_EQ(read.assigned_to, t.assigned_to);
  EXPECT_EQ(read.created_at, t.created_at);
  EXPECT_FALSE(read.done_at);
  EXPECT_FALSE(read.dismissed_at);
  EXPECT_EQ(read.version, 1);
  EXPECT_EQ(read.case_reference, c.reference);
}

TEST_F(CaseRiskRepositoryTest, ATaskChangeFromAStaleCopyIsRefused) {
  const auto c = open_case(4);
  auto t = task(c, 2, TaskKind::kSafeguardingReferral, year{2026} / 3 / 2, uuid(60));
  insert_tasks({t});
  auto dismissed = t;
  dismissed.dismissed_at = at(hours(1));
  dismissed.dismissed_by = uuid(60);
  dismissed.dismissal_reason = "Invented: already referred";
  auto first = store_->write([&](UnitOfWork& unit) { return unit.tasks().update(dismissed, 1); });
  ASSERT_TRUE(first.has_value()) << first.error().message;
  auto done = t;
  done.done_at = at(hours(2));
  auto second = store_->write([&](UnitOfWork& unit) { return unit.tasks().update(done, 1); });
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, "conflict");
  auto read = store_->write([&](UnitOfWork& unit) -> Result<void> {
    auto found = VG_TRY(unit.tasks().find(t.id));
    EXPECT_TRUE(found.has_value());
    if (!found) return {};
    EXPECT_EQ(found->version, 2);
    EXPECT_EQ(found->dismissed_at, dismissed.dismissed_at);
    EXPECT_EQ(found->dismissal_reason, dismissed.dismissal_reason);
    EXPECT_FALSE(found->done_at);
    EXPECT_EQ(VG_TRY(unit.tasks().for_case(c.id)).size(), 1u);
    return {};
  });
  EXPECT_TRUE(read.has_value());
}

TEST_F(CaseRiskRepositoryTest, OpenTasksOfACaseworkerSoonestDueFirst) {
  const auto a = open_case(5);
  const auto b = open_case(6);
  const std::string me = uuid(60);
  auto later = task(a, 3, TaskKind::kMaracReferral, year{2026} / 3 / 9, me);
  auto undated = task(b, 4, TaskKind::kOther, std::nullopt, me);
  auto overdue = task(b, 5, TaskKind::kSafeguardingReferral, year{2026} / 2 / 27, me);
  auto someone_elses = task(a, 6, TaskKind::kOther, year{2026} / 2 / 1, uuid(61));
  auto finished = task(a, 7, TaskKind::kOther, year{2026} / 2 / 1, me);
  finished.done_at = at();
  finished.done_by = me;
  insert_tasks({later, undated, overdue, someone_elses, finished});
  auto mine = store_->case_risk().open_tasks_of(me, 50);
  ASSERT_TRUE(mine.has_value()) << mine.error().message;
  std::vector<std::string> ids;
  for (const auto& t : *mine) ids.push_back(t.id);
  EXPECT_EQ(ids, (std::vector<std::string>{overdue.id, later.id, undated.id}));
  EXPECT_EQ(mine->front().case_reference, b.reference);
  EXPECT_EQ(store_->case_risk().open_tasks_of(me, 1)->size(), 1u);
}

}  // namespace
}  // namespace vg::store::testing
