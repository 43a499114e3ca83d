// The storage conformance suite for possible duplicates decided, run against SQLite and
// PostgreSQL: the intake's link found from either side; a merge and its undo leave every row of
// both cases (events, contact attempts, onward referrals, tasks, notes) where it was; a stale
// version on either case leaves nothing; one merge in force per case; a merged case leaves the
// open queue and caseloads; "not the same person" is one row per pair. Every case is invented.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/casework/case_merge.h"
#include "domain/casework/case_records.h"
#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

using casework::CaseMergeRecord;
using casework::CaseRecord;
using casework::CaseStatus;
using namespace std::chrono;

const std::string kTeam = uuid(51);
const std::string kWorker = uuid(61);

class CaseMergeRowsTest : public ReferralFixture {
 protected:
  void SetUp() override {
    ReferralFixture::SetUp();
    ASSERT_TRUE(store_->cases().upsert_team({kTeam, kGateway, "merseyside", "Invented team"}, audit_entry("team.upsert"))
                    .has_value());
  }

  // Referral `n` and its case, held by the team and allocated to kWorker; `held_of`: the case it
  // may repeat (the intake's link).
  CaseRecord open_case(int n, const std::string& held_of = "") {
    auto r = referral(n);
    r.area = "merseyside";
    r.channel = held_of.empty() ? "police" : "partner";
    CaseRecord c;
    c.id = r.id;
    c.reference = "MY-2026-" + std::to_string(300000 + n);
    r.reference = c.reference;
    c.area = r.area;
    c.local_authority = "E08000012";
    c.channel = r.channel;
    c.offence_category = "burglary_residential";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.team_id = kTeam;
    c.holder_organisation_id = kGateway;
    c.allocated_to = kWorker;
    c.opened_at = at(minutes(n));
    c.updated_at = c.opened_at;
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      VG_CHECK(unit.cases().insert({c}, {}));
      if (!held_of.empty()) VG_CHECK(unit.referrals().hold_as_possible_duplicates({{r.id, held_of}}));
      return {};
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return store_->cases().find(c.id).value().value();
  }

  // Two contact attempts, a task, an onward referral and a note on the case.
  void work_on(const CaseRecord& c, int n) {
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.cases().append_events({{0, c.id, at(hours(1)), kWorker, "contact_attempt", R"({"channel":"call"})"},
                                           {0, c.id, at(hours(2)), kWorker, "contact_attempt", R"({"channel":"text"})"}}));
      casework::CaseTask t;
      t.id = uuid(400 + n);
      t.case_id = c.id;
      t.title = "Invented task";
      t.created_by = "system:test";
      t.created_at = at(hours(1));
      VG_CHECK(unit.tasks().insert({t}));
      casework::OnwardReferral o;
      o.id = uuid(800 + n);
      o.case_id = c.id;
      o.service_id = uuid(900 + n);
      o.directory_organization_id = kPartner;
      o.area = "merseyside";
      o.sent_by = kWorker;
      o.sent_at = at(hours(3));
      o.respond_by = year{2026} / December / 4;
      o.shared_fields = {"first_name"};
      VG_CHECK(unit.onward_referrals().insert(o));
      return unit.support().insert_note({uuid(700 + n), c.id, {"k1", "sealed"}, kWorker, at(hours(4))});
    });
    ASSERT_TRUE(written.has_value()) << written.error().message;
  }

  struct Rows {
    std::size_t events, contact_attempts, tasks, onward, notes;
    bool operator==(const Rows&) const = default;
  };
  Rows rows_of(const std::string& case_id) {
    Rows r{};
    auto events = store_->cases().events(case_id).value();
    r.events = events.size();
    for (const auto& e : events) r.contact_attempts += e.kind == "contact_attempt";
    r.tasks = store_->case_risk().tasks(case_id).value().size();
    r.onward = store_->onward_referrals().for_case(case_id).value().size();
    auto notes = store_->write([&](UnitOfWork& unit) -> Result<void> {
      r.notes = VG_TRY(unit.support().notes(case_id)).size();
      return {};
    });
    EXPECT_TRUE(notes.has_value());
    return r;
  }

  CaseMergeRecord merge_record(const CaseRecord& surviving, const CaseRecord& merged) {
    CaseMergeRecord m;
    m.id = uuid(600);
    m.surviving_case_id = surviving.id;
    m.merged_case_id = merged.id;
    m.merged_by = kWorker;
    m.merged_at = at(hours(5) + 123456789ns);
    m.merged_status_before = merged.status;
    m.merged_flag_before = merged.possible_duplicate;
    m.surviving_flag_before = surviving.possible_duplicate;
    return m;
  }

  // The merge as a use case writes it: the record, both cases' new versions, an event on each.
  Result<void> merge(CaseRecord surviving, CaseRecord merged, std::int64_t surviving_version,
                     std::int64_t merged_version) {
    return store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.merges().insert(merge_record(surviving, merged)));
      VG_CHECK(unit.cases().update(surviving, surviving_version));
      casework::apply_merge(merged);
      VG_CHECK(unit.cases().update(merged, merged_version));
      VG_CHECK(unit.merges().set_possible_duplicate(merged.id, false));
      return unit.cases().append_events({{0, surviving.id, at(hours(5)), kWorker, "case_merged_in", "{}"},
                                         {0, merged.id, at(hours(5)), kWorker, "merged_into", "{}"}});
    });
  }

  std::vector<std::string> open_queue(bool possible_duplicate = false) {
    casework::CaseQuery q;
    q.areas = {"merseyside"};
    q.holder_organisation_id = kGateway;
    q.possible_duplicate = possible_duplicate;
    std::vector<std::string> ids;
    const auto page = store_->cases().queue(q).value();
    for (const auto& c : page.items) ids.push_back(c.id);
    return ids;
  }
};

TEST_F(CaseMergeRowsTest, TheIntakesLinkIsFoundFromEitherSide) {
  const auto first = open_case(1);
  const auto held = open_case(2, first.id);
  open_case(3);
  EXPECT_TRUE(held.possible_duplicate);
  EXPECT_FALSE(first.possible_duplicate);
  auto linked = store_->write([&](UnitOfWork& unit) -> Result<void> {
    EXPECT_EQ(VG_TRY(unit.merges().linked_cases(first.id)), std::vector<std::string>{held.id});
    EXPECT_EQ(VG_TRY(unit.merges().linked_cases(held.id)), std::vector<std::string>{first.id});
    EXPECT_TRUE(VG_TRY(unit.merges().linked_cases(uuid(103))).empty());
    return {};
  });
  ASSERT_TRUE(linked.has_value()) << linked.error().message;
}

TEST_F(CaseMergeRowsTest, AMergeAndItsUndoKeepEveryRowOfBothCases) {
  const auto surviving = open_case(1);
  const auto merged = open_case(2, surviving.id);
  work_on(surviving, 1);
  work_on(merged, 2);
  const auto surviving_before = rows_of(surviving.id);
  const auto merged_before = rows_of(merged.id);
  EXPECT_EQ(merged_before, (Rows{2, 2, 1, 1, 1}));

  auto merging = merge(surviving, merged, 1, 1);
  ASSERT_TRUE(merging.has_value()) << merging.error().message;
  auto after_merge = store_->cases().find(merged.id).value();
  EXPECT_EQ(after_merge->status, CaseStatus::kMerged);
  EXPECT_EQ(after_merge->version, 2);
  EXPECT_FALSE(after_merge->possible_duplicate);
  EXPECT_EQ(store_->cases().find(surviving.id).value()->version, 2);
  auto in_force = store_->case_merges().in_force_of(merged.id).value();
  ASSERT_TRUE(in_force);
  EXPECT_EQ(in_force->surviving_case_id, surviving.id);
  EXPECT_EQ(in_force->merged_at, at(hours(5) + 123456789ns));
  EXPECT_EQ(in_force->merged_status_before, CaseStatus::kOpen);
  EXPECT_TRUE(in_force->merged_flag_before);
  EXPECT_FALSE(in_force->undone_at);
  ASSERT_EQ(store_->case_merges().merged_into(surviving.id).value().size(), 1u);
  // Nothing moved: each case keeps its own rows, plus the one event saying what happened.
  auto plus_one_event = [](Rows r) { ++r.events; return r; };
  EXPECT_EQ(rows_of(surviving.id), plus_one_event(surviving_before));
  EXPECT_EQ(rows_of(merged.id), plus_one_event(merged_before));
  // The merged case leaves the open queue and its caseworker's caseload.
  EXPECT_EQ(open_queue(), std::vector<std::string>{surviving.id});
  auto loads = store_->cases().caseloads(kTeam).value();
  ASSERT_EQ(loads.size(), 1u);
  EXPECT_EQ(loads[0].open_cases, 1);

  auto undo = store_->write([&](UnitOfWork& unit) -> Result<void> {
    auto m = VG_TRY(unit.merges().in_force_of(merged.id)).value();
    VG_CHECK(unit.merges().mark_undone(m.id, at(hours(6)), kWorker));
    auto c = VG_TRY(unit.cases().find(merged.id)).value();
    casework::apply_undo(m, c);
    VG_CHECK(unit.cases().update(c, 2));
    VG_CHECK(unit.merges().set_possible_duplicate(c.id, c.possible_duplicate));
    auto s = VG_TRY(unit.cases().find(surviving.id)).value();
    VG_CHECK(unit.cases().update(s, 2));
    return unit.cases().append_events({{0, surviving.id, at(hours(6)), kWorker, "merge_undone", "{}"},
                                       {0, merged.id, at(hours(6)), kWorker, "merge_undone", "{}"}});
  });
  ASSERT_TRUE(undo.has_value()) << undo.error().message;
  auto restored = store_->cases().find(merged.id).value();
  EXPECT_EQ(restored->status, CaseStatus::kOpen);
  EXPECT_TRUE(restored->possible_duplicate);
  EXPECT_EQ(restored->version, 3);
  EXPECT_EQ(restored->allocated_to, kWorker);
  EXPECT_FALSE(store_->case_merges().in_force_of(merged.id).value());
  EXPECT_TRUE(store_->case_merges().merged_into(surviving.id).value().empty());
  EXPECT_EQ(rows_of(surviving.id), plus_one_event(plus_one_event(surviving_before)));
  EXPECT_EQ(rows_of(merged.id), plus_one_event(plus_one_event(merged_before)));
  EXPECT_EQ(open_queue().size(), 2u);
  // The merge itself is kept, stamped undone; it cannot be undone twice.
  auto kept = store_->write([&](UnitOfWork& unit) -> Result<void> {
    auto m = VG_TRY(unit.merges().find(uuid(600)));
    EXPECT_TRUE(m && m->undone_at == at(hours(6)) && m->undone_by == kWorker);
    return unit.merges().mark_undone(uuid(600), at(hours(7)), kWorker);
  });
  ASSERT_FALSE(kept.has_value());
  EXPECT_EQ(kept.error().code, "conflict");
}

TEST_F(CaseMergeRowsTest, AStaleVersionOnEitherCaseLeavesNothing) {
  const auto surviving = open_case(1);
  const auto merged = open_case(2, surviving.id);
  for (auto [s, m] : {std::pair{1, 7}, std::pair{7, 1}}) {
    auto refused = merge(surviving, merged, s, m);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, "conflict");
  }
  EXPECT_FALSE(store_->case_merges().in_force_of(merged.id).value());
  EXPECT_EQ(store_->cases().find(surviving.id).value()->version, 1);
  auto still = store_->cases().find(merged.id).value();
  EXPECT_EQ(still->version, 1);
  EXPECT_EQ(still->status, CaseStatus::kOpen);
  EXPECT_TRUE(still->possible_duplicate);
  EXPECT_TRUE(store_->cases().events(merged.id).value().empty());
}

TEST_F(CaseMergeRowsTest, ACaseHasOneMergeInForceAtATime) {
  const auto surviving = open_case(1);
  const auto merged = open_case(2, surviving.id);
  ASSERT_TRUE(merge(surviving, merged, 1, 1).has_value());
  auto again = store_->write([&](UnitOfWork& unit) -> Result<void> {
    auto m = merge_record(surviving, merged);
    m.id = uuid(601);
    return unit.merges().insert(m);
  });
  EXPECT_FALSE(again.has_value());
  EXPECT_EQ(store_->case_merges().in_force_of(merged.id).value()->id, uuid(600));
}

TEST_F(CaseMergeRowsTest, NotTheSamePersonIsOneRowPerPairAndTheFlagClears) {
  const auto first = open_case(1);
  const auto held = open_case(2, first.id);
  EXPECT_EQ(open_queue(true), std::vector<std::string>{held.id});
  auto decided = store_->write([&](UnitOfWork& unit) -> Result<void> {
    auto d = casework::not_same_decision(held.id, first.id, casework::NotSameReason::kConfirmedWithVictim);
    d.decided_by = kWorker;
    d.decided_at = at(hours(1));
    VG_CHECK(unit.merges().insert_decision(d));
    return unit.merges().set_possible_duplicate(held.id, false);
  });
  ASSERT_TRUE(decided.has_value()) << decided.error().message;
  EXPECT_TRUE(open_queue(true).empty());
  auto read = store_->write([&](UnitOfWork& unit) -> Result<void> {
    for (const auto& id : {first.id, held.id}) {
      auto ds = VG_TRY(unit.merges().decisions(id));
      EXPECT_EQ(ds.size(), 1u);
      if (!ds.empty()) {
        EXPECT_EQ(ds[0].reason, "confirmed_with_victim");
        EXPECT_EQ(ds[0].decided_at, at(hours(1)));
      }
    }
    auto d = casework::not_same_decision(first.id, held.id, casework::NotSameReason::kDifferentIncident);
    d.decided_by = kWorker;
    d.decided_at = at(hours(2));
    return unit.merges().insert_decision(d);
  });
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code, "conflict");
  // The referral as the intake held it is never rewritten.
  EXPECT_EQ(referrals().find(held.id).value()->possible_duplicate_of, first.id);
}

}  // namespace
}  // namespace vg::store::testing
