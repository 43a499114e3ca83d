// The storage conformance suite for a case's support rows, run against SQLite and PostgreSQL:
// needs at assessment and at close (the latest assessment stands), plan actions and their
// completion, notes newest first, complaints and their progress, restorative justice, the one
// closure, and each person's draft. Sealed text is stored as given. Every case here is invented.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/casework/support_records.h"
#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

using namespace casework;
using namespace std::chrono;

constexpr Date kDay = year{2026} / December / day{7};
// kDay and `n` days.
Date after_days(int n) { return Date{sys_days(kDay) + days(n)}; }

class CaseSupportRowsTest : public ReferralFixture {
 protected:
  // Referral `n` and its case.
  std::string open_case(int n) {
    auto r = referral(n);
    r.reference = "MY-2026-" + std::to_string(100000 + n);
    CaseRecord c;
    c.id = r.id;
    c.reference = r.reference;
    c.area = "merseyside";
    c.channel = "police";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.opened_at = at(minutes(n));
    c.updated_at = c.opened_at;
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      return unit.cases().insert({c}, {});
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return c.id;
  }

  // Runs `body` in a unit of work and fails the test when it fails.
  template <typename Body>
  void write(Body body) {
    auto done =
        store_->write([&](UnitOfWork& unit) -> Result<void> { return body(unit.support()); });
    ASSERT_TRUE(done.has_value()) << done.error().message;
  }

  template <typename T, typename Body>
  T read(Body body) {
    T out{};
    auto done = store_->write([&](UnitOfWork& unit) -> Result<void> {
      out = VG_TRY(body(unit.support()));
      return {};
    });
    EXPECT_TRUE(done.has_value()) << done.error().message;
    return out;
  }
};

TEST_F(CaseSupportRowsTest, NeedsAtAssessmentAndAtCloseRoundTripAndTheLatestAssessmentStands) {
  const auto id = open_case(1);
  write([&](CaseSupportRows& rows) {
    return rows.save_assessment(
        {id, "assessment", {{"safety", NeedRating::kHigh}}, {"nk1:a", "c2VhbGVk"}, "u1", at()});
  });
  write([&](CaseSupportRows& rows) {
    return rows.save_assessment({id,
                                 "assessment",
                                 {{"safety", NeedRating::kMedium}, {"finance", NeedRating::kNone}},
                                 {"nk1:a", "bmV3ZXI="},
                                 "u2",
                                 at(1h)});
  });
  write([&](CaseSupportRows& rows) {
    return rows.save_assessment({id, "close", {{"safety", NeedRating::kLow}}, {}, "u2", at(2h)});
  });
  auto stored = read<std::vector<NeedsAssessmentRecord>>(
      [&](CaseSupportRows& rows) { return rows.assessments(id); });
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].stage, "assessment");
  EXPECT_EQ(stored[0].ratings,
            (NeedRatings{{"safety", NeedRating::kMedium}, {"finance", NeedRating::kNone}}));
  EXPECT_EQ(stored[0].notes, (SealedText{"nk1:a", "bmV3ZXI="}));
  EXPECT_EQ(stored[0].assessed_by, "u2");
  EXPECT_EQ(stored[0].assessed_at, at(1h));
  EXPECT_EQ(stored[1].stage, "close");
  EXPECT_EQ(stored[1].ratings.at("safety"), NeedRating::kLow);
}

TEST_F(CaseSupportRowsTest, PlanActionsAreDoneOnceAndListedByDueDate) {
  const auto id = open_case(1);
  write([&](CaseSupportRows& rows) -> Result<void> {
    VG_CHECK(rows.insert_plan_action(
        {uuid(201), id, {"nk1:a", "bGF0ZXI="}, "u1", after_days(3), {}, "u1", at()}));
    return rows.insert_plan_action(
        {uuid(202), id, {"nk1:a", "c29vbmVy"}, "u2", kDay, {}, "u1", at()});
  });
  write([&](CaseSupportRows& rows) { return rows.complete_plan_action(id, uuid(201), at(1h)); });
  // Done again: the first time stands.
  write([&](CaseSupportRows& rows) { return rows.complete_plan_action(id, uuid(201), at(5h)); });
  auto actions = read<std::vector<PlanActionRecord>>(
      [&](CaseSupportRows& rows) { return rows.plan_actions(id); });
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0].id, uuid(202));
  EXPECT_EQ(actions[0].due, kDay);
  EXPECT_FALSE(actions[0].done_at);
  EXPECT_EQ(actions[1].text, (SealedText{"nk1:a", "bGF0ZXI="}));
  EXPECT_EQ(actions[1].done_at, at(1h));
  // Another case's action, or none: not found, and a taken id: conflict.
  const auto other = open_case(2);
  auto missing = store_->write([&](UnitOfWork& unit) {
    return unit.support().complete_plan_action(other, uuid(201), at());
  });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
  auto taken = store_->write([&](UnitOfWork& unit) {
    return unit.support().insert_plan_action(
        {uuid(202), id, {"k", "s"}, "u1", kDay, {}, "u1", at()});
  });
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, "conflict");
}

TEST_F(CaseSupportRowsTest, NotesAreListedNewestFirst) {
  const auto id = open_case(1);
  write([&](CaseSupportRows& rows) -> Result<void> {
    VG_CHECK(rows.insert_note({uuid(301), id, {"nk1:a", "Zmlyc3Q="}, "u1", at()}));
    return rows.insert_note({uuid(302), id, {"nk1:a", "c2Vjb25k"}, "u2", at(1h)});
  });
  auto notes =
      read<std::vector<CaseNoteRecord>>([&](CaseSupportRows& rows) { return rows.notes(id); });
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].id, uuid(302));
  EXPECT_EQ(notes[0].text.sealed, "c2Vjb25k");
  EXPECT_EQ(notes[1].written_at, at());
}

TEST_F(CaseSupportRowsTest, AComplaintIsUpdatedInItsOwnCaseOnly) {
  const auto id = open_case(1);
  const auto other = open_case(2);
  write([&](CaseSupportRows& rows) {
    return rows.save_complaint({uuid(401), id, kDay, "delay", "open", std::nullopt, "u1", at()});
  });
  write([&](CaseSupportRows& rows) {
    return rows.save_complaint(
        {uuid(401), id, kDay, "delay", "upheld", after_days(2), "u2", at(1h)});
  });
  auto moved = store_->write([&](UnitOfWork& unit) {
    return unit.support().save_complaint(
        {uuid(401), other, kDay, "other", "open", std::nullopt, "u1", at()});
  });
  ASSERT_FALSE(moved);
  auto complaints = read<std::vector<ComplaintRecord>>(
      [&](CaseSupportRows& rows) { return rows.complaints(id); });
  ASSERT_EQ(complaints.size(), 1u);
  EXPECT_EQ(complaints[0].outcome, "upheld");
  EXPECT_EQ(complaints[0].closed_on, after_days(2));
  EXPECT_EQ(complaints[0].recorded_by, "u2");
}

TEST_F(CaseSupportRowsTest, RestorativeJusticeIsReplacedByTheLaterAnswer) {
  const auto id = open_case(1);
  EXPECT_FALSE(read<std::optional<RestorativeJusticeRecord>>(
      [&](CaseSupportRows& rows) { return rows.restorative_justice(id); }));
  write([&](CaseSupportRows& rows) {
    return rows.save_restorative_justice({id, kDay, "undecided", std::nullopt, "u1", at()});
  });
  write([&](CaseSupportRows& rows) {
    return rows.save_restorative_justice({id, kDay, "interested", after_days(1), "u1", at(1h)});
  });
  auto rj = read<std::optional<RestorativeJusticeRecord>>(
      [&](CaseSupportRows& rows) { return rows.restorative_justice(id); });
  ASSERT_TRUE(rj);
  EXPECT_EQ(rj->answer, "interested");
  EXPECT_EQ(rj->answered_on, after_days(1));
}

TEST_F(CaseSupportRowsTest, ACaseClosesOnceWithItsOutcomes) {
  const auto id = open_case(1);
  write([&](CaseSupportRows& rows) {
    return rows.insert_closure(
        {id, "support_completed", {{"safety", "partly"}, {"finance", "yes"}}, "u1", at()});
  });
  auto again = store_->write([&](UnitOfWork& unit) {
    return unit.support().insert_closure({id, "other", {}, "u1", at(1h)});
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "conflict");
  auto closure = read<std::optional<CaseClosureRecord>>(
      [&](CaseSupportRows& rows) { return rows.closure(id); });
  ASSERT_TRUE(closure);
  EXPECT_EQ(closure->reason, "support_completed");
  EXPECT_EQ(closure->outcomes,
            (std::map<std::string, std::string>{{"finance", "yes"}, {"safety", "partly"}}));
  EXPECT_EQ(closure->closed_at, at());
}

TEST_F(CaseSupportRowsTest, EachPersonKeepsOneDraftPerCaseAndForm) {
  const auto id = open_case(1);
  write([&](CaseSupportRows& rows) -> Result<void> {
    VG_CHECK(rows.save_draft({id, "u1", "needs", {"nk1:a", "b25l"}, at()}));
    VG_CHECK(rows.save_draft({id, "u1", "needs", {"nk1:a", "dHdv"}, at(1h)}));
    return rows.save_draft({id, "u2", "needs", {"nk1:a", "b3RoZXI="}, at()});
  });
  auto mine = read<std::optional<FormDraftRecord>>(
      [&](CaseSupportRows& rows) { return rows.find_draft(id, "u1", "needs"); });
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->content.sealed, "dHdv");
  EXPECT_EQ(mine->saved_at, at(1h));
  write([&](CaseSupportRows& rows) { return rows.delete_draft(id, "u1", "needs"); });
  EXPECT_FALSE(read<std::optional<FormDraftRecord>>(
      [&](CaseSupportRows& rows) { return rows.find_draft(id, "u1", "needs"); }));
  EXPECT_TRUE(read<std::optional<FormDraftRecord>>(
      [&](CaseSupportRows& rows) { return rows.find_draft(id, "u2", "needs"); }));
}

}  // namespace
}  // namespace vg::store::testing
