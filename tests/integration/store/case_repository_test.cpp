// The storage conformance suite for cases, run against SQLite and PostgreSQL: case rows written
// through a unit of work with their clocks and timeline, a change refused when the version moved
// on (also when two threads race from one version: one wins, nothing of the other lands), the
// queue's filters and order, teams adopting the cases no team held, caseloads, and a held
// possible duplicate showing on its case. Every person and case here is invented.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <latch>
#include <thread>

#include "domain/casework/case_records.h"
#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

using casework::CaseDeadline;
using casework::CaseEvent;
using casework::CaseQuery;
using casework::CaseRecord;
using casework::CaseStatus;
using casework::Team;
using casework::TeamMember;
using namespace std::chrono;

const std::string kTeam = uuid(50);

class CaseRepositoryTest : public ReferralFixture {
 protected:
  struct NewCase {
    StoredReferral referral;
    CaseRecord record;
    std::vector<CaseDeadline> clocks;
  };

  // Referral `n` and its case (held by the team when `held`), with a first-contact clock due on
  // `due_date` (a day of December 2026).
  NewCase new_case(int n, int risk_rank, const std::string& due_date, bool held = true) {
    auto r = referral(n);
    r.reference = "MY-2026-" + std::to_string(100000 + n);
    r.area = "merseyside";
    CaseRecord c;
    c.id = r.id;
    c.reference = r.reference;
    c.area = r.area;
    c.local_authority = n % 2 ? "E08000012" : "E08000011";
    c.channel = n % 3 ? "police" : "self";
    c.offence_category = "burglary_residential";
    c.risk_rank = risk_rank;
    c.enhanced = n % 2 == 0;
    c.consent_state = n == 4 ? "awaiting_consent" : "consented";
    c.needs_skills = {"isva", "lang:pl"};
    c.source_organisation_id = kPolice;
    if (held) {
      c.team_id = kTeam;
      c.holder_organisation_id = kGateway;
    }
    c.next_due = year{2026} / December / day{static_cast<unsigned>(std::stoi(due_date))};
    c.opened_at = at(minutes(n));
    c.updated_at = c.opened_at;
    std::vector<CaseDeadline> clocks{{c.id, "first_contact", *c.next_due, 2, {}}};
    return {std::move(r), std::move(c), std::move(clocks)};
  }

  CaseRecord open_case(int n, int risk_rank, const std::string& due_date, bool held = true) {
    auto made = new_case(n, risk_rank, due_date, held);
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({made.referral}));
      return unit.cases().insert({made.record}, made.clocks);
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return made.record;
  }

  void add_team() {
    ASSERT_TRUE(store_->cases().upsert_team({kTeam, kGateway, "merseyside", "Invented team"}, audit_entry("team.upsert"))
                    .has_value());
  }

  std::string add_member(int n, std::vector<std::string> skills, int capacity) {
    accounts::User u;
    u.id = uuid(60 + n);
    u.email = "worker" + std::to_string(n) + "@example.org";
    u.display_name = "Invented Worker";
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$invented$invented";
    u.organisation_id = kGateway;
    u.created_at = at();
    EXPECT_TRUE(store_->accounts().create_user(u, audit_entry("user.create")).has_value());
    EXPECT_TRUE(store_->cases().set_team_member({u.id, kTeam, skills, capacity}, audit_entry("team.member")).has_value());
    return u.id;
  }

  CaseQuery held_query() {
    CaseQuery q;
    q.areas = {"merseyside"};
    q.holder_organisation_id = kGateway;
    return q;
  }

  std::vector<std::string> references(const casework::CasePage& page) {
    std::vector<std::string> out;
    for (const auto& c : page.items) out.push_back(c.reference);
    return out;
  }
};

TEST_F(CaseRepositoryTest, ACaseRoundTripsWithItsClocks) {
  add_team();
  const auto c = open_case(1, 2, "07");
  auto found = store_->cases().find(c.id).value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->reference, c.reference);
  EXPECT_EQ(found->local_authority, "E08000012");
  EXPECT_EQ(found->risk_rank, 2);
  EXPECT_EQ(found->needs_skills, (std::vector<std::string>{"isva", "lang:pl"}));
  EXPECT_EQ(found->status, CaseStatus::kOpen);
  EXPECT_EQ(found->next_due, c.next_due);
  EXPECT_EQ(found->opened_at, c.opened_at);
  EXPECT_EQ(found->version, 1);
  auto clocks = store_->cases().deadlines(c.id).value();
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].code, "first_contact");
  EXPECT_FALSE(clocks[0].met_at);
}

// A group commit stores its cases several rows to a statement (runs of 64, 32 ... 1): 103 cases
// take four statements, and each case must come back whole, with its own clocks.
TEST_F(CaseRepositoryTest, ManyCasesInOneUnitComeBackWholeWithTheirOwnClocks) {
  add_team();
  std::vector<StoredReferral> referrals;
  std::vector<CaseRecord> cases;
  std::vector<CaseDeadline> clocks;
  for (int n = 100; n < 203; ++n) {
    auto made = new_case(n, n % 4, std::to_string(1 + n % 28), n % 5 != 0);
    made.clocks.push_back({made.record.id, "needs_assessed", year_month_day{sys_days{*made.record.next_due} + days(n % 3)}, 5,
                           n % 2 ? std::optional<accounts::Instant>(at(hours(n))) : std::nullopt});
    referrals.push_back(made.referral);
    cases.push_back(made.record);
    clocks.insert(clocks.end(), made.clocks.begin(), made.clocks.end());
  }
  auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.referrals().insert(referrals));
    return unit.cases().insert(cases, clocks);
  });
  ASSERT_TRUE(written.has_value()) << written.error().message;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& c = cases[i];
    auto found = store_->cases().find(c.id).value();
    ASSERT_TRUE(found) << c.reference;
    EXPECT_EQ(found->reference, c.reference);
    EXPECT_EQ(found->local_authority, c.local_authority);
    EXPECT_EQ(found->channel, c.channel);
    EXPECT_EQ(found->risk_rank, c.risk_rank);
    EXPECT_EQ(found->enhanced, c.enhanced);
    EXPECT_EQ(found->team_id, c.team_id);
    EXPECT_EQ(found->holder_organisation_id, c.holder_organisation_id);
    EXPECT_EQ(found->next_due, c.next_due);
    EXPECT_EQ(found->opened_at, c.opened_at);
    auto stored = store_->cases().deadlines(c.id).value();
    ASSERT_EQ(stored.size(), 2u) << c.reference;
    for (std::size_t k = 0; k < 2; ++k) {
      const auto& want = clocks[2 * i + k];
      auto got = std::find_if(stored.begin(), stored.end(), [&](const auto& d) { return d.code == want.code; });
      ASSERT_NE(got, stored.end()) << c.reference << " " << want.code;
      EXPECT_EQ(got->due_date, want.due_date);
      EXPECT_EQ(got->working_days, want.working_days);
      EXPECT_EQ(got->met_at, want.met_at);
    }
  }
}

TEST_F(CaseRepositoryTest, AChangeFromAStaleVersionIsRefusedAndLeavesNothing) {
  add_team();
  auto c = open_case(1, 0, "07");
  c.allocated_to = "someone";
  auto first = store_->write([&](UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.cases().update(c, 1));
    VG_CHECK(unit.cases().meet_deadline(c.id, "first_contact", at(hours(1))));
    return unit.cases().append_events({{0, c.id, at(hours(1)), "someone", "allocated", "{}"}});
  });
  ASSERT_TRUE(first.has_value()) << first.error().message;
  c.allocated_to = "someone else";
  auto stale = store_->write([&](UnitOfWork& unit) -> Result<void> {
    VG_CHECK(unit.cases().append_events({{0, c.id, at(hours(2)), "someone else", "allocated", "{}"}}));
    return unit.cases().update(c, 1);
  });
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, "conflict");
  auto found = store_->cases().find(c.id).value();
  EXPECT_EQ(found->allocated_to, "someone");
  EXPECT_EQ(found->version, 2);
  auto events = store_->cases().events(c.id).value();
  ASSERT_EQ(events.size(), 1u) << "the stale change's event was rolled back";
  EXPECT_EQ(events[0].actor, "someone");
  EXPECT_EQ(store_->cases().deadlines(c.id).value()[0].met_at, at(hours(1)));
}

// Two people save the same case at the same moment from the same version (two threads, two
// units of work that overlap on PostgreSQL and queue behind the one writer on SQLite): exactly
// one wins, the other is told `conflict`, and the timeline holds the winner's rows and none of
// the loser's, so nothing is overwritten and nothing half-lands. Repeated, as a race may hide.
TEST_F(CaseRepositoryTest, TwoConcurrentChangesFromOneVersionNeverBothLand) {
  add_team();
  for (int round = 0; round < 12; ++round) {
    const auto c = open_case(20 + round, 0, "07");
    std::array<Result<void>, 2> results{Result<void>{}, Result<void>{}};
    std::latch start(2);
    auto change = [&](int who) {
      start.arrive_and_wait();
      results[who] = store_->write([&](UnitOfWork& unit) -> Result<void> {
        auto found = VG_TRY(unit.cases().find(c.id));
        if (!found) return not_found("The case");
        CaseRecord mine = *found;
        mine.allocated_to = "worker-" + std::to_string(who);
        // Two rows each, written before the version check as a rule's extra rows are, so a
        // loser that left any behind would show.
        VG_CHECK(unit.cases().append_events({{0, c.id, at(hours(1)), mine.allocated_to, "allocated", "{}"},
                                             {0, c.id, at(hours(1)), mine.allocated_to, "note_added", "{}"}}));
        std::this_thread::sleep_for(milliseconds(5));  // let the other reach its update
        return unit.cases().update(mine, 1);
      });
    };
    std::thread a(change, 0), b(change, 1);
    a.join();
    b.join();
    const int won = (results[0].has_value() ? 1 : 0) + (results[1].has_value() ? 1 : 0);
    ASSERT_EQ(won, 1) << "round " << round << ": exactly one of two changes from version 1 lands";
    const int winner = results[0].has_value() ? 0 : 1;
    EXPECT_EQ(results[1 - winner].error().code, "conflict") << "round " << round;
    auto found = store_->cases().find(c.id).value();
    ASSERT_TRUE(found);
    EXPECT_EQ(found->version, 2);
    EXPECT_EQ(found->allocated_to, "worker-" + std::to_string(winner));
    auto events = store_->cases().events(c.id).value();
    ASSERT_EQ(events.size(), 2u) << "round " << round << ": the winner's rows, none of the loser's";
    for (const auto& e : events) EXPECT_EQ(e.actor, found->allocated_to);
  }
}

TEST_F(CaseRepositoryTest, TheQueueIsHighestRiskThenNearestClockAndFilters) {
  add_team();
  open_case(1, 0, "07");
  open_case(2, 2, "09");
  open_case(3, 2, "08");
  open_case(4, 1, "07");
  open_case(5, 0, "05", false);  // no team holds it
  auto all = store_->cases().queue(held_query()).value();
  EXPECT_EQ(all.total_items, 4);
  EXPECT_EQ(references(all), (std::vector<std::string>{"MY-2026-100003", "MY-2026-100002", "MY-2026-100004",
                                                       "MY-2026-100001"}));
  auto q = held_query();
  q.risk_rank = 2;
  EXPECT_EQ(store_->cases().queue(q).value().total_items, 2);
  q = held_query();
  q.awaiting_consent = true;
  EXPECT_EQ(references(store_->cases().queue(q).value()), std::vector<std::string>{"MY-2026-100004"});
  q = held_query();
  q.local_authority = "E08000012";
  q.enhanced = false;
  EXPECT_EQ(references(store_->cases().queue(q).value()), (std::vector<std::string>{"MY-2026-100003", "MY-2026-100001"}));
  q = held_query();
  q.per_page = 3;
  q.page = 2;
  auto second = store_->cases().queue(q).value();
  EXPECT_EQ(second.total_items, 4);
  EXPECT_EQ(references(second), std::vector<std::string>{"MY-2026-100001"});
  // Another organisation's queue, or another area's, holds none of them.
  q = held_query();
  q.holder_organisation_id = kPartner;
  EXPECT_EQ(store_->cases().queue(q).value().total_items, 0);
  q = held_query();
  q.areas = {"staffordshire"};
  EXPECT_EQ(store_->cases().queue(q).value().total_items, 0);
}

TEST_F(CaseRepositoryTest, ANewTeamAdoptsTheCasesNoTeamHeld) {
  const auto c = open_case(1, 0, "07", false);
  EXPECT_EQ(store_->cases().queue(held_query()).value().total_items, 0);
  add_team();
  auto found = store_->cases().find(c.id).value();
  EXPECT_EQ(found->team_id, kTeam);
  EXPECT_EQ(found->holder_organisation_id, kGateway);
  EXPECT_EQ(store_->cases().queue(held_query()).value().total_items, 1);
  ASSERT_EQ(store_->cases().list_teams().value().size(), 1u);
}

TEST_F(CaseRepositoryTest, CaseloadsCountOpenCasesPerCaseworker) {
  add_team();
  const auto a = add_member(1, {"isva"}, 10);
  const auto b = add_member(2, {}, 5);
  for (int n : {1, 2, 3}) {
    auto c = open_case(n, 0, "07");
    c.allocated_to = n == 3 ? b : a;
    if (n == 2) c.status = CaseStatus::kClosed;
    ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.cases().update(c, 1); }).has_value());
  }
  auto loads = store_->cases().caseloads(kTeam).value();
  ASSERT_EQ(loads.size(), 2u);
  EXPECT_EQ(loads[0].user_id, a);
  EXPECT_EQ(loads[0].open_cases, 1) << "a closed case is no load";
  EXPECT_EQ(loads[1].open_cases, 1);
  auto members = store_->cases().team_members(kTeam).value();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].skills, std::vector<std::string>{"isva"});
  EXPECT_EQ(store_->cases().find_team_member(b).value()->capacity, 5);
}

// The counts are kept as cases change, not counted when read: each change moves them exactly.
TEST_F(CaseRepositoryTest, CaseloadsFollowAllocationHandOverAndClose) {
  add_team();
  const auto a = add_member(1, {}, 10);
  const auto b = add_member(2, {}, 10);
  auto load_of = [&](const std::string& user) {
    const auto loads = store_->cases().caseloads(kTeam).value();
    for (const auto& l : loads) {
      if (l.user_id == user) return l.open_cases;
    }
    return 0;
  };
  auto change = [&](CaseRecord& c) {
    ASSERT_TRUE(store_->write([&](UnitOfWork& unit) { return unit.cases().update(c, c.version); }).has_value());
    c.version += 1;
  };
  auto first = open_case(1, 0, "07");
  auto second = open_case(2, 0, "07");
  first.version = second.version = 1;
  first.allocated_to = a;
  change(first);
  second.allocated_to = a;
  change(second);
  EXPECT_EQ(load_of(a), 2);
  second.allocated_to = b;  // handed over
  change(second);
  EXPECT_EQ(load_of(a), 1);
  EXPECT_EQ(load_of(b), 1);
  second.risk_rank = 2;  // a change that is not about who holds it
  change(second);
  EXPECT_EQ(load_of(b), 1);
  first.status = CaseStatus::kClosed;
  change(first);
  EXPECT_EQ(load_of(a), 0) << "a closed case is no load";
  EXPECT_EQ(load_of(b), 1);
}

TEST_F(CaseRepositoryTest, HoldingAReferralMarksItsCase) {
  add_team();
  const auto c = open_case(1, 0, "07");
  const auto other = open_case(2, 0, "07");
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) {
                      return unit.referrals().hold_as_possible_duplicates({{c.id, other.id}});
                    }).has_value());
  EXPECT_TRUE(store_->cases().find(c.id).value()->possible_duplicate);
  EXPECT_FALSE(store_->cases().find(other.id).value()->possible_duplicate);
  auto q = held_query();
  q.possible_duplicate = true;
  EXPECT_EQ(store_->cases().queue(q).value().total_items, 1);
}

}  // namespace
}  // namespace vg::store::testing
