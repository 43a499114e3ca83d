// The deadline-breach job over each store: Victims' Code clocks and onward referrals' respond-by
// dates that ran out are flagged once each (a timeline event and a task for the case holder),
// however many runs and runners see them; the job queues its next run exactly once. On
// PostgreSQL the runners race for real. A fixed clock; every case here is invented.
#include "app/casework/deadline_breaches.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "referral_fixture.h"
#include "support/fixed_clock.h"

namespace vg::store::testing {
namespace {

using casework::CaseRecord;
using namespace std::chrono;

const std::string kTeam = uuid(50);
const std::string kAdvisor = uuid(61);
const std::string kService = uuid(70);
const std::string kServiceOrg = uuid(71);

// Friday 4 December 2026, 10:00 London.
const accounts::Instant kFriday = sys_days{year{2026} / 12 / 4} + 10h;

class DeadlineBreachesTest : public ReferralFixture {
 protected:
  DeadlineBreachesTest() : clock_(kFriday) {}

  // Case `n` with a first-contact clock due `due` and, when `respond_by` is set, an onward
  // referral still waiting for its answer.
  CaseRecord open_case(int n, casework::Date due, std::optional<casework::Date> respond_by = {},
                       const std::string& status = "open") {
    auto r = referral(n);
    r.area = "merseyside";
    CaseRecord c;
    c.id = r.id;
    c.reference = "MY-2026-" + std::to_string(400000 + n);
    r.reference = c.reference;
    c.area = "merseyside";
    c.channel = "police";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.team_id = kTeam;
    c.holder_organisation_id = kGateway;
    c.allocated_to = kAdvisor;
    c.status = *casework::case_status_from_code(status);
    c.opened_at = kFriday - days(7);
    c.updated_at = c.opened_at;
    casework::CaseDeadline clock{c.id, "first_contact", due, 2, {}};
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      VG_CHECK(unit.cases().insert({c}, {clock}));
      if (respond_by) {
        casework::OnwardReferral o;
        o.id = uuid(500 + n);
        o.case_id = c.id;
        o.service_id = kService;
        o.directory_organization_id = kServiceOrg;
        o.area = c.area;
        o.sent_by = kAdvisor;
        o.sent_at = kFriday - days(7);
        o.respond_by = *respond_by;
        VG_CHECK(unit.onward_referrals().insert(o));
      }
      return {};
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return c;
  }

  std::vector<casework::CaseTask> tasks_of(const std::string& case_id) {
    return store_->case_risk().tasks(case_id).value();
  }
  int events_of(const std::string& case_id, const std::string& kind) {
    auto events = store_->cases().events(case_id).value();
    return static_cast<int>(std::count_if(events.begin(), events.end(), [&](const auto& e) { return e.kind == kind; }));
  }

  FixedClock clock_;
};

constexpr casework::Date kTuesday = year{2026} / 12 / 1;
constexpr casework::Date kWednesday = year{2026} / 12 / 2;

TEST_F(DeadlineBreachesTest, APassedClockAndAnUnansweredReferralAreFlaggedOnceWithATask) {
  const auto c = open_case(1, kTuesday, kWednesday);
  app::DeadlineBreaches job(*store_, clock_);
  auto first = job.flag_due();
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->case_deadlines, 1);
  EXPECT_EQ(first->onward_referrals, 1);
  auto tasks = tasks_of(c.id);
  ASSERT_EQ(tasks.size(), 2u);
  for (const auto& t : tasks) {
    EXPECT_EQ(t.assigned_to, kAdvisor);
    EXPECT_EQ(t.due_date, year{2026} / 12 / 4);
    EXPECT_EQ(t.created_by, "system:deadline_breaches");
  }
  EXPECT_EQ(events_of(c.id, "deadline_breached"), 1);
  EXPECT_EQ(events_of(c.id, "onward_referral_breached"), 1);

  // Run twice: one flag, one task per breach.
  auto second = job.flag_due();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->case_deadlines, 0);
  EXPECT_EQ(second->onward_referrals, 0);
  EXPECT_EQ(tasks_of(c.id).size(), 2u);
  EXPECT_EQ(events_of(c.id, "deadline_breached"), 1);
}

TEST_F(DeadlineBreachesTest, ClocksDueTodayMetOrOnClosedCasesAreNotFlagged) {
  const auto today = open_case(1, year{2026} / 12 / 4, year{2026} / 12 / 4);
  const auto met = open_case(2, kTuesday);
  const auto closed = open_case(3, kTuesday, {}, "closed");
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.cases().meet_deadline(met.id, "first_contact", kFriday - days(4)); }));
  app::DeadlineBreaches job(*store_, clock_);
  auto flagged = job.flag_due();
  ASSERT_TRUE(flagged.has_value()) << flagged.error().message;
  EXPECT_EQ(flagged->case_deadlines, 0);
  EXPECT_EQ(flagged->onward_referrals, 0);
  for (const auto& c : {today, met, closed}) EXPECT_TRUE(tasks_of(c.id).empty());
}

TEST_F(DeadlineBreachesTest, FlaggingIsOncePerStatement) {
  const auto c = open_case(1, kTuesday, kWednesday);
  auto flag = [&] {
    bool clock = false, onward = false;
    EXPECT_TRUE(store_->write([&](UnitOfWork& unit) -> Result<void> {
      clock = VG_TRY(unit.cases().flag_breach(c.id, "first_contact", kFriday));
      onward = VG_TRY(unit.onward_referrals().flag_breach(uuid(501), kFriday));
      return {};
    }));
    return std::pair{clock, onward};
  };
  EXPECT_EQ(flag(), std::pair(true, true));
  EXPECT_EQ(flag(), std::pair(false, false));
  auto left = store_->write([&](UnitOfWork& unit) -> Result<void> {
    EXPECT_TRUE(VG_TRY(unit.cases().breaches_to_flag(year{2026} / 12 / 4, 10)).empty());
    EXPECT_TRUE(VG_TRY(unit.onward_referrals().breaches_to_flag(year{2026} / 12 / 4, 10)).empty());
    return {};
  });
  EXPECT_TRUE(left.has_value());
}

// Two runners (two processes' worth) run the due jobs at the same moment: the job runs once,
// every breach is flagged once, and the next run is queued once.
TEST_F(DeadlineBreachesTest, TwoRunnersFlagEachBreachExactlyOnce) {
  std::vector<CaseRecord> cases;
  for (int n = 1; n <= 5; ++n) cases.push_back(open_case(n, kTuesday, kWednesday));
  app::DeadlineBreaches job_a(*store_, clock_);
  app::DeadlineBreaches job_b(*store_, clock_);
  ASSERT_TRUE(job_a.schedule().has_value());
  ASSERT_TRUE(job_b.schedule().has_value());  // the same interval's job: not queued twice
  app::JobRunner runner_a(*store_, clock_);
  app::JobRunner runner_b(*store_, clock_);
  job_a.register_jobs(runner_a);
  job_b.register_jobs(runner_b);
  Result<app::JobRunSummary> ran_a, ran_b;
  std::thread a([&] { ran_a = runner_a.run_due(10); });
  std::thread b([&] { ran_b = runner_b.run_due(10); });
  a.join();
  b.join();
  ASSERT_TRUE(ran_a.has_value()) << ran_a.error().message;
  ASSERT_TRUE(ran_b.has_value()) << ran_b.error().message;
  EXPECT_EQ(ran_a->claimed + ran_b->claimed, 1);
  EXPECT_EQ(ran_a->done + ran_b->done, 1);
  for (const auto& c : cases) {
    EXPECT_EQ(tasks_of(c.id).size(), 2u) << c.id;
    EXPECT_EQ(events_of(c.id, "deadline_breached"), 1) << c.id;
  }
  // The next interval's run is queued (not due yet): nothing more runs now, an hour later it does.
  EXPECT_EQ(runner_a.run_due(10)->claimed, 0);
  clock_.advance(hours(1));
  EXPECT_EQ(runner_b.run_due(10)->claimed, 1);
  for (const auto& c : cases) EXPECT_EQ(tasks_of(c.id).size(), 2u);
}

}  // namespace
}  // namespace vg::store::testing
