// The retention job over each store: closed cases whose period has run out lose their personal
// data, each in its own transaction with an audit entry naming the job and the record ids (never
// the data); cases not yet due and held cases are kept; insight's demand figures are the same
// before and after; the MARAC history kept for the repeat rule goes a year on; the job queues its
// next run. A fixed clock; every case here is invented.
#include "app/protection/retention_job.h"

#include <gtest/gtest.h>

#include "app/jobs/job_runner.h"
#include "domain/casework/case_task.h"
#include "referral_fixture.h"
#include "store/open/open_store.h"
#include "support/fixed_clock.h"

namespace vg::store::testing {
namespace {

using namespace std::chrono;

// Saturday 5 December 2026, 03:00 London (GMT).
const accounts::Instant kNow = sys_days{year{2026} / 12 / 5} + 3h;

class RetentionJobTest : public ReferralFixture {
 protected:
  RetentionJobTest() : clock_(kNow) {}

  // Case `n`, received in March 2026, closed `closed_ago` before now for `reason` (empty: open),
  // with a sealed note and insight's facts; `marac_ago` adds a MARAC referral done that long ago.
  std::string make_case(int n, const std::string& reason, hours closed_ago,
                        std::optional<hours> marac_ago = {}) {
    auto r = referral(n);
    r.area = "merseyside";
    casework::CaseRecord c;
    c.id = r.id;
    c.reference = "MY-2026-" + std::to_string(600000 + n);
    r.reference = c.reference;
    c.area = "merseyside";
    c.channel = "police";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.opened_at = kNow - closed_ago - 24h;
    c.updated_at = kNow - closed_ago;
    insight::ReferralFacts f;
    f.fact_id = r.id;
    f.area = "merseyside";
    f.local_authority = "E08000012";
    f.received_on = year{2026} / March / 2;
    f.channel = "police";
    f.offence_category = "burglary_residential";
    f.offence_group = "Burglary";
    f.victim_type = "person";
    f.age_band = "18_to_64";
    f.routing_outcome = "routed";
    f.progress.accepted = true;
    f.progress.close_reason = reason;
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      VG_CHECK(unit.cases().insert({c}, {}));
      VG_CHECK(unit.insight().insert({f}));
      VG_CHECK(unit.support().insert_note({uuid(3000 + n), c.id, {"nk1:a", "c2VhbGVk"}, "u1", c.opened_at}));
      if (marac_ago) {
        casework::CaseTask t;
        t.id = uuid(4000 + n);
        t.case_id = c.id;
        t.kind = casework::TaskKind::kMaracReferral;
        t.title = "Refer to the MARAC";
        t.created_by = "system:test";
        t.created_at = kNow - *marac_ago;
        t.done_at = kNow - *marac_ago;
        VG_CHECK(unit.tasks().insert({t}));
      }
      if (!reason.empty()) VG_CHECK(unit.support().insert_closure({c.id, reason, {}, "u1", kNow - closed_ago}));
      return {};
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return c.id;
  }

  bool erased(const std::string& id) { return retention().erasure(id).value().has_value(); }
  std::string document(const std::string& id) { return store_->referrals().find(id).value()->document; }

  insight::DemandCounts demand() {
    return store_->insight().demand("merseyside", {year{2026} / March, year{2026} / March}).value();
  }

  std::vector<AuditEntry> audit_of(const std::string& action) {
    std::vector<AuditEntry> out;
    const auto entries = store_->audit().read(0, 1000).value();
    for (const auto& e : entries) {
      if (e.action == action) out.push_back(e);
    }
    return out;
  }

  RetentionRepository& retention() {
    if (!retention_) retention_ = std::move(open_retention(*store_).value());
    return *retention_;
  }

  FixedClock clock_;
  std::unique_ptr<RetentionRepository> retention_;
};

constexpr hours kWeek = hours(24 * 7);
constexpr hours kDay = hours(24);

TEST_F(RetentionJobTest, DueCasesLoseTheirPersonalDataOthersAreKeptAndInsightDoesNotChange) {
  const auto no_service = make_case(1, "declined_support", 6 * kWeek);
  const auto not_yet = make_case(2, "declined_support", 6 * kWeek - kDay);
  const auto unreachable = make_case(3, "unable_to_contact", 200 * kDay);
  const auto supported = make_case(4, "support_completed", 400 * kDay);
  const auto open = make_case(5, "", 300 * kDay);
  const auto before = demand();

  app::RetentionJob job(*store_, retention(), clock_, {});
  auto run = job.erase_due();
  ASSERT_TRUE(run.has_value()) << run.error().message;
  EXPECT_EQ(run->erased, 2);
  EXPECT_TRUE(erased(no_service));
  EXPECT_TRUE(erased(unreachable));
  EXPECT_FALSE(erased(not_yet));
  EXPECT_FALSE(erased(supported));
  EXPECT_FALSE(erased(open));
  EXPECT_EQ(document(no_service), "{\"erased\":true}");
  EXPECT_NE(document(not_yet), "{\"erased\":true}");

  const auto after = demand();
  EXPECT_EQ(after.referrals, before.referrals);
  EXPECT_EQ(after.accepted, before.accepted);
  EXPECT_EQ(after.by, before.by);
  EXPECT_EQ(after.flags, before.flags);

  const auto entries = audit_of("case.personal_data_erased");
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& e : entries) {
    EXPECT_EQ(e.actor, "system:retention");
    EXPECT_EQ(e.entity_type, "case");
    EXPECT_NE(e.detail.find("\"referral_id\":\"" + e.entity_id + "\""), std::string::npos) << e.detail;
    EXPECT_NE(e.detail.find("\"notes\":1"), std::string::npos) << e.detail;
    EXPECT_EQ(e.detail.find("Invented Person"), std::string::npos) << "never the erased data";
  }

  // Nothing more to do on a second run.
  auto again = job.erase_due();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->erased, 0);
  EXPECT_EQ(audit_of("case.personal_data_erased").size(), 2u);
}

TEST_F(RetentionJobTest, AHeldCaseIsNeverErasedAndIsOnceTheHoldIsLifted) {
  const auto id = make_case(1, "declined_support", 10 * kWeek);
  protection::LegalHold hold{uuid(9001), id, protection::HoldReason::kSubjectAccessRequest, "u-leader", kNow - kDay, "", {}};
  ASSERT_TRUE(retention().place_hold(hold, audit_entry("case.hold_placed", id)).has_value());
  app::RetentionJob job(*store_, retention(), clock_, {});
  auto run = job.erase_due();
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->erased, 0);
  EXPECT_EQ(run->held, 1);
  EXPECT_FALSE(erased(id));
  ASSERT_TRUE(retention().lift_hold(id, hold.id, "u-leader", kNow, audit_entry("case.hold_lifted", id)).has_value());
  run = job.erase_due();
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->erased, 1);
  EXPECT_TRUE(erased(id));
}

TEST_F(RetentionJobTest, TheMaracHistoryIsKeptTwelveMonthsAfterTheReferralThenGoes) {
  const auto id = make_case(1, "declined_support", 10 * kWeek, 20 * kWeek);
  app::RetentionJob job(*store_, retention(), clock_, {});
  ASSERT_TRUE(job.erase_due().has_value());
  auto ledger = retention().erasure(id).value();
  ASSERT_TRUE(ledger.has_value());
  EXPECT_FALSE(ledger->marac_kept_until.empty());
  EXPECT_EQ(store_->case_risk().tasks(id).value().size(), 1u);

  clock_.advance(duration_cast<seconds>(hours(24 * 366)));
  auto later = job.erase_due();
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->marac_histories, 1);
  EXPECT_TRUE(store_->case_risk().tasks(id).value().empty());
  ASSERT_EQ(audit_of("case.marac_history_erased").size(), 1u);
  EXPECT_EQ(audit_of("case.marac_history_erased")[0].actor, "system:retention");
}

TEST_F(RetentionJobTest, ConfiguredPeriodsApply) {
  const auto id = make_case(1, "declined_support", 2 * kWeek);
  protection::RetentionPeriods periods;
  periods.no_service_weeks = 2;
  app::RetentionJob job(*store_, retention(), clock_, periods);
  ASSERT_EQ(job.erase_due().value().erased, 1);
  EXPECT_TRUE(erased(id));
}

TEST_F(RetentionJobTest, EachRunQueuesTheNextOnce) {
  app::RetentionJob job(*store_, retention(), clock_, {});
  ASSERT_TRUE(job.schedule().has_value());
  ASSERT_TRUE(job.schedule().has_value());
  app::JobRunner runner(*store_, clock_);
  job.register_jobs(runner);
  auto ran = runner.run_due(10);
  ASSERT_TRUE(ran.has_value()) << ran.error().message;
  EXPECT_EQ(ran->claimed, 1);
  EXPECT_EQ(ran->done, 1);
  clock_.advance(hours(1));
  ran = runner.run_due(10);
  ASSERT_TRUE(ran.has_value());
  EXPECT_EQ(ran->claimed, 1) << "the next run was queued by the first";
}

}  // namespace
}  // namespace vg::store::testing
