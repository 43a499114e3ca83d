// Risk on a case over each store: a DASH recorded by the team's risk assessor through
// change_case, the case's rank, the MARAC referral task for the next MARAC, safeguarding tasks
// for a child victim that cannot be dismissed without a reason, refusals, and the closure task
// three failed contact attempts over two working days leave. A fixed clock; invented people.
#include "app/casework/risk_assessment.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/casework/case_tasks.h"
#include "app/casework/contact_log.h"
#include "referral_fixture.h"
#include "support/fixed_clock.h"

namespace vg::store::testing {
namespace {

using casework::CaseRecord;
using casework::TaskKind;
using intake::Answer;
using intake::RiskLevel;
using namespace std::chrono;

const std::string kTeam = uuid(50);
const std::string kAssessor = uuid(60);
const std::string kAdvisor = uuid(61);

// Friday 4 December 2026, 10:00 London.
const accounts::Instant kFriday = sys_days{year{2026} / 12 / 4} + 10h;

class RiskAssessmentTest : public ReferralFixture {
 protected:
  RiskAssessmentTest() : clock_(kFriday) {}

  // Case `n`, held by the team, its referral's victim aged `age`.
  CaseRecord open_case(int n, int age, const std::string& allocated_to = {}) {
    auto r = referral(n);
    r.area = "merseyside";
    r.document =
        R"({"channel": "police", "received_at": "2026-12-01T09:00:00Z", "area": "merseyside",
                     "victim": {"type": "person", "name": "Invented Person", "age": )" +
        std::to_string(age) + R"(, "phone": "07700 900123"}})";
    CaseRecord c;
    c.id = r.id;
    c.reference = "MY-2026-" + std::to_string(300000 + n);
    r.reference = c.reference;
    c.area = "merseyside";
    c.local_authority = "E08000012";
    c.channel = "police";
    c.offence_category = "violence_with_injury";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.team_id = kTeam;
    c.holder_organisation_id = kGateway;
    c.allocated_to = allocated_to;
    c.opened_at = at();
    c.updated_at = c.opened_at;
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      return unit.cases().insert({c}, {});
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return c;
  }

  static access::Actor actor(accounts::Role role, const std::string& user_id) {
    access::Actor a;
    a.role = role;
    a.user_id = user_id;
    a.organisation_id = kGateway;
    a.organisation_kind = "gateway";
    a.areas = {"merseyside"};
    a.team_id = kTeam;
    return a;
  }
  static access::Actor assessor() { return actor(accounts::Role::kRiskAssessor, kAssessor); }

  static casework::RiskAnswers dash(int yes) {
    casework::RiskAnswers a;
    a.dash.emplace();
    a.dash->fill(Answer::kNo);
    for (int i = 0; i < yes; ++i) (*a.dash)[static_cast<std::size_t>(i)] = Answer::kYes;
    return a;
  }

  std::vector<casework::CaseTask> tasks_of(const std::string& case_id) {
    return store_->case_risk().tasks(case_id).value();
  }

  // The use cases hold the store and clock by reference: made when used, after SetUp opened it.
  app::RiskAssessment risk() { return {*store_, clock_, app::default_risk_settings}; }
  app::CaseTasks task_use_cases() { return {*store_, clock_}; }

  FixedClock clock_;
};

TEST_F(RiskAssessmentTest, FourteenYesMakesTheCaseHighWithAMaracTaskForTheNextMeeting) {
  const auto c = open_case(1, 34);
  auto done = risk().record(assessor(), c.id, 1, dash(14));
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_EQ(done->risk_rank, 2);
  EXPECT_EQ(done->version, 2);
  EXPECT_EQ(store_->cases().find(c.id)->value().risk_rank, 2);

  auto history = store_->case_risk().assessments(c.id, 5).value();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].assessed_by, kAssessor);
  EXPECT_EQ(history[0].assessed_at, kFriday);
  EXPECT_EQ(history[0].result.dash_score, 14);

  // Thursday meetings, 3 working days ahead: 10 December's referral is due on Monday 7th.
  auto tasks = tasks_of(c.id);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, TaskKind::kMaracReferral);
  EXPECT_EQ(tasks[0].title, "Refer to the MARAC meeting on 10 December 2026");
  EXPECT_EQ(tasks[0].due_date, year{2026} / 12 / 7);
  EXPECT_EQ(tasks[0].assigned_to, kAssessor);
  EXPECT_EQ(tasks[0].reason_code, "dash_high");

  auto events = store_->cases().events(c.id).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, "risk_assessed");
  EXPECT_EQ(events[1].kind, "task_created");

  auto mine = task_use_cases().mine(assessor());
  ASSERT_TRUE(mine.has_value());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().case_reference, c.reference);

  // A second high assessment while the MARAC task is open drafts nothing new.
  ASSERT_TRUE(risk().record(assessor(), c.id, 2, dash(16)).has_value());
  EXPECT_EQ(tasks_of(c.id).size(), 1u);
  EXPECT_EQ(store_->case_risk().assessments(c.id, 5)->size(), 2u);
}

TEST_F(RiskAssessmentTest, JudgementWithoutAReasonLandsNothing) {
  const auto c = open_case(2, 34);
  auto answers = dash(13);
  answers.judgement = RiskLevel::kHigh;
  auto refused = risk().record(assessor(), c.id, 1, answers);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "validation_failed");
  EXPECT_EQ(refused.error().fields.at(0).field, "judgement_reason");
  EXPECT_TRUE(store_->case_risk().assessments(c.id, 5)->empty());
  EXPECT_EQ(store_->cases().find(c.id)->value().version, 1);

  answers.judgement_reason = "Invented: threats the checklist does not capture";
  auto done = risk().record(assessor(), c.id, 1, answers);
  ASSERT_TRUE(done.has_value()) << done.error().message;
  EXPECT_EQ(done->risk_rank, 2);
  EXPECT_EQ(tasks_of(c.id).at(0).reason_code, "professional_judgement");
}

TEST_F(RiskAssessmentTest, AChildVictimGetsOneSafeguardingTaskThatNeedsAReasonToDismiss) {
  const auto c = open_case(3, 15);
  ASSERT_TRUE(risk().record(assessor(), c.id, 1, dash(2)).has_value());
  ASSERT_TRUE(risk().record(assessor(), c.id, 2, dash(3)).has_value());
  auto tasks = tasks_of(c.id);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, TaskKind::kSafeguardingReferral);
  EXPECT_EQ(tasks[0].reason_code, "child_victim");
  EXPECT_EQ(tasks[0].due_date, year{2026} / 12 / 4);

  auto refused = task_use_cases().dismiss(assessor(), c.id, tasks[0].id, 1, " ");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "validation_failed");
  EXPECT_EQ(refused.error().fields.at(0).field, "reason");
  EXPECT_TRUE(casework::is_open(tasks_of(c.id)[0]));

  auto dismissed = task_use_cases().dismiss(assessor(), c.id, tasks[0].id, 1,
                                            "Invented: children's services already hold it");
  ASSERT_TRUE(dismissed.has_value()) << dismissed.error().message;
  EXPECT_EQ(dismissed->version, 2);
  EXPECT_FALSE(casework::is_open(tasks_of(c.id)[0]));
  // The reason stays with the task, never in the audit log.
  auto audit = store_->audit().read(0, 100);
  ASSERT_TRUE(audit.has_value());
  ASSERT_FALSE(audit->empty());
  for (const auto& e : *audit) EXPECT_EQ(e.detail.find("Invented"), std::string::npos) << e.detail;

  // Through another case, the task does not exist.
  const auto other = open_case(7, 34);
  EXPECT_EQ(task_use_cases().complete(assessor(), other.id, tasks[0].id, 2).error().code,
            "not_found");
  // A stale copy is refused.
  EXPECT_EQ(task_use_cases().complete(assessor(), c.id, tasks[0].id, 1).error().code, "conflict");
}

TEST_F(RiskAssessmentTest, AnAdvisorNotAllocatedTheCaseIsRefused) {
  const auto c = open_case(4, 34, kAssessor);
  auto refused = risk().record(actor(accounts::Role::kGatewayAdvisor, kAdvisor), c.id, 1, dash(14));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "not_found");
  EXPECT_TRUE(store_->case_risk().assessments(c.id, 5)->empty());
}

TEST_F(RiskAssessmentTest, AStaleCaseVersionIsAConflict) {
  const auto c = open_case(5, 34);
  ASSERT_TRUE(risk().record(assessor(), c.id, 1, dash(1)).has_value());
  EXPECT_EQ(risk().record(assessor(), c.id, 1, dash(14)).error().code, "conflict");
  EXPECT_EQ(store_->case_risk().assessments(c.id, 5)->size(), 1u);
}

TEST_F(RiskAssessmentTest, ThreeFailedAttemptsOverTwoWorkingDaysLeaveAClosureTask) {
  const auto c = open_case(6, 34, kAdvisor);
  app::ContactLog contacts(*store_, clock_);
  const auto advisor = actor(accounts::Role::kGatewayAdvisor, kAdvisor);
  casework::ContactAttempt call{
      casework::ContactChannel::kCall, "", casework::ContactOutcome::kNoAnswer, false, {}};
  std::int64_t version = 1;
  // Friday 10:00, Monday 10:00, Tuesday 10:00: three failures, two working days from first to last.
  for (auto wait : {0h, 72h, 24h}) {
    clock_.advance(duration_cast<seconds>(wait));
    EXPECT_TRUE(tasks_of(c.id).empty());
    auto done = contacts.record(advisor, c.id, version, call);
    ASSERT_TRUE(done.has_value()) << done.error().message;
    version = done->version;
  }
  auto stored = store_->cases().find(c.id)->value();
  EXPECT_EQ(stored.status, casework::CaseStatus::kUnableToContact);
  auto tasks = tasks_of(c.id);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, TaskKind::kCloseUnableToContact);
  EXPECT_EQ(tasks[0].assigned_to, kAdvisor);
  EXPECT_TRUE(tasks[0].due_date.has_value());
}

}  // namespace
}  // namespace vg::store::testing
