// Retention and legal holds on every backend (store.h's RetentionRepository): closed cases are
// offered for the retention decision, an erasure takes the case's personal data in one
// transaction with its ledger row and audit entry and keeps insight's facts, a hold in force
// stops it (and lifting the hold lets it through), and a MARAC history kept for the repeat rule
// goes once its time is up. Every case here is invented.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "domain/casework/case_task.h"
#include "domain/chat/chat_records.h"
#include "domain/casework/support_records.h"
#include "referral_fixture.h"
#include "store/open/open_store.h"

namespace vg::store::testing {
namespace {

using namespace std::chrono;

class RetentionRepositoryTest : public ReferralFixture {
 protected:
  // Referral `n` and its case, with a note, a MARAC referral task, insight's facts and, when
  // `close_reason` is set, a closure at at(closed_after).
  std::string make_case(int n, const std::string& close_reason, nanoseconds closed_after = 1h) {
    auto r = referral(n, "CRIME/" + std::to_string(n), "victim-key-" + std::to_string(n));
    casework::CaseRecord c;
    c.id = r.id;
    c.reference = "MY-2026-" + std::to_string(100000 + n);
    r.reference = c.reference;
    c.area = "invented-area";
    c.channel = "police";
    c.consent_state = "consented";
    c.source_organisation_id = kPolice;
    c.opened_at = at();
    c.updated_at = at(closed_after);
    insight::ReferralFacts f;
    f.fact_id = r.id;
    f.area = "invented-area";
    f.received_on = year{2026} / March / 2;
    f.channel = "police";
    f.routing_outcome = "routed";
    casework::CaseTask marac;
    marac.id = uuid(5000 + n);
    marac.case_id = c.id;
    marac.kind = casework::TaskKind::kMaracReferral;
    marac.title = "Refer to the MARAC";
    marac.detail = "Invented reasons";
    marac.created_by = "system:test";
    marac.created_at = at();
    marac.done_at = at(30min);
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      VG_CHECK(unit.cases().insert({c}, {}));
      VG_CHECK(unit.insight().insert({f}));
      VG_CHECK(unit.tasks().insert({marac}));
      VG_CHECK(unit.support().insert_note({uuid(3000 + n), c.id, {"nk1:a", "c2VhbGVk"}, "u1", at(10min)}));
      if (!close_reason.empty()) {
        VG_CHECK(unit.support().insert_closure({c.id, close_reason, {}, "u1", at(closed_after)}));
      }
      return {};
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return c.id;
  }

  RetentionRepository& retention() {
    if (!retention_) retention_ = std::move(open_retention(*store_).value());
    return *retention_;
  }
  std::unique_ptr<RetentionRepository> retention_;

  std::vector<std::string> candidate_ids(Instant closed_before) {
    auto found = retention().candidates(closed_before, "", 50);
    EXPECT_TRUE(found.has_value()) << found.error().message;
    std::vector<std::string> ids;
    for (const auto& c : found.value_or(std::vector<RetentionCandidate>{})) ids.push_back(c.case_id);
    return ids;
  }

  std::optional<ErasedRows> erase(const std::string& case_id, const std::string& kept_until = "") {
    auto erased = retention().erase_case({case_id, "no_service", at(100h), kept_until},
                                         [&](const ErasedRows& rows) {
                                           auto e = audit_entry("case.personal_data_erased", case_id);
                                           e.detail = "{\"notes\":" + std::to_string(rows.notes) + "}";
                                           return e;
                                         });
    EXPECT_TRUE(erased.has_value()) << erased.error().message;
    return erased.value_or(std::nullopt);
  }

  int notes_of(const std::string& case_id) {
    int n = -1;
    auto done = store_->write([&](UnitOfWork& unit) -> Result<void> {
      n = static_cast<int>(VG_TRY(unit.support().notes(case_id)).size());
      return {};
    });
    EXPECT_TRUE(done.has_value());
    return n;
  }

  protection::LegalHold hold(int n, const std::string& case_id) {
    return {uuid(7000 + n), case_id, protection::HoldReason::kProsecution, "u-leader", at(2h), "", std::nullopt};
  }
};

TEST_F(RetentionRepositoryTest, ClosedCasesNotYetErasedAreOfferedWithTheirFacts) {
  const auto open = make_case(1, "");
  const auto declined = make_case(2, "declined_support", 1h);
  const auto later = make_case(3, "unable_to_contact", 5h);
  EXPECT_EQ(candidate_ids(at(2h)), std::vector<std::string>{declined});
  auto all = retention().candidates(at(10h), "", 50).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].close_reason, "declined_support");
  EXPECT_EQ(all[0].closed_at, at(1h));
  EXPECT_EQ(all[0].last_activity_at, at(1h));
  ASSERT_TRUE(all[0].last_marac_at.has_value());
  EXPECT_EQ(*all[0].last_marac_at, at(30min));
  EXPECT_FALSE(all[0].held);
  // Paged by case id.
  EXPECT_EQ(retention().candidates(at(10h), declined, 50).value().size(), declined < later ? 1u : 0u);
  (void)open;
}

TEST_F(RetentionRepositoryTest, AnErasureTakesThePersonalDataKeepsTheFactsAndIsLedgeredAndAudited) {
  const auto id = make_case(1, "declined_support");
  const auto facts_before = store_->insight().find(id).value();
  const auto audits = audit_count();
  auto erased = erase(id);
  ASSERT_TRUE(erased.has_value());
  EXPECT_EQ(erased->referral_documents, 1);
  EXPECT_EQ(erased->notes, 1);
  EXPECT_EQ(erased->tasks, 1);
  EXPECT_EQ(notes_of(id), 0);
  auto referral = referrals().find(id).value();
  ASSERT_TRUE(referral.has_value());
  EXPECT_EQ(referral->document, "{\"erased\":true}");
  EXPECT_EQ(referral->crime_reference, "");
  EXPECT_EQ(referral->victim_key, "");
  EXPECT_EQ(store_->insight().find(id).value(), facts_before);
  EXPECT_EQ(audit_count(), audits + 1);
  auto ledger = retention().erasure(id).value();
  ASSERT_TRUE(ledger.has_value());
  EXPECT_EQ(ledger->rule, "no_service");
  EXPECT_EQ(ledger->erased_at, at(100h));
  EXPECT_TRUE(candidate_ids(at(10h)).empty());
  // Once only.
  EXPECT_FALSE(erase(id).has_value());
  EXPECT_EQ(audit_count(), audits + 1);
}

TEST_F(RetentionRepositoryTest, AnErasureTakesTheTranscriptOfTheChatThatBecameTheCase) {
  const auto id = make_case(7, "no_service");
  const std::string chat_id = active_chat(7, {"nk1:a", "c2VhbGVk"}, 1);
  chat::ChatEvent referred;
  referred.kind = chat::ChatEventKind::kReferred;
  referred.party = chat::ChatParty::kAdvisor;
  referred.user_id = "u1";
  referred.at = at(3min);
  ASSERT_TRUE(store_->chats().refer(chat_id, id, "MY-2026-100007", referred, audit_entry("chat.refer")).value());
  const auto events = static_cast<int>(store_->chats().events_after(chat_id, 0, 10).value().size());
  ASSERT_GE(events, 3);

  auto erased = erase(id);
  ASSERT_TRUE(erased.has_value());
  EXPECT_EQ(erased->chat_events, events);
  EXPECT_TRUE(store_->chats().events_after(chat_id, 0, 10).value().empty());
  auto kept = store_->chats().find(chat_id).value();
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->area, "merseyside");
  EXPECT_EQ(kept->address_hash, "");
  EXPECT_FALSE(store_->chats().find_by_token("token-" + chat_id).value().has_value());
}

TEST_F(RetentionRepositoryTest, AHoldInForceStopsTheErasureAndLiftingItLetsItThrough) {
  const auto id = make_case(1, "declined_support");
  ASSERT_TRUE(retention().place_hold(hold(1, id), audit_entry("case.hold_placed", id)).has_value());
  EXPECT_TRUE(retention().candidates(at(10h), "", 50).value().at(0).held);
  EXPECT_FALSE(erase(id).has_value());
  EXPECT_EQ(notes_of(id), 1);
  EXPECT_FALSE(retention().erasure(id).value().has_value());

  auto lifted = retention().lift_hold(id, uuid(7001), "u-leader", at(3h), audit_entry("case.hold_lifted", id));
  ASSERT_TRUE(lifted.has_value()) << lifted.error().message;
  EXPECT_TRUE(*lifted);
  EXPECT_FALSE(retention().lift_hold(id, uuid(7001), "u-leader", at(4h), audit_entry("case.hold_lifted", id)).value());
  auto holds = retention().holds(id).value();
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_FALSE(holds[0].in_force());
  EXPECT_EQ(holds[0].lifted_by, "u-leader");
  EXPECT_EQ(holds[0].lifted_at, at(3h));
  EXPECT_EQ(holds[0].reason, protection::HoldReason::kProsecution);

  EXPECT_TRUE(erase(id).has_value());
  EXPECT_EQ(notes_of(id), 0);
}

TEST_F(RetentionRepositoryTest, HoldsAreRefusedOnUnknownCasesAndUnknownHoldsCannotBeLifted) {
  const auto id = make_case(1, "declined_support");
  auto placed = retention().place_hold(hold(1, uuid(999)), audit_entry("case.hold_placed"));
  ASSERT_FALSE(placed.has_value());
  EXPECT_EQ(placed.error().code, "not_found");
  auto lifted = retention().lift_hold(id, uuid(7999), "u", at(), audit_entry("case.hold_lifted"));
  ASSERT_FALSE(lifted.has_value());
  EXPECT_EQ(lifted.error().code, "not_found");
  EXPECT_TRUE(retention().holds(id).value().empty());
}

TEST_F(RetentionRepositoryTest, AKeptMaracHistoryStaysStrippedUntilItsDayThenGoes) {
  const auto id = make_case(1, "declined_support");
  auto erased = erase(id, "2026-12-01");
  ASSERT_TRUE(erased.has_value());
  EXPECT_EQ(erased->tasks, 0) << "the MARAC referral task is kept";
  EXPECT_TRUE(retention().marac_history_due("2026-12-01", 10).value().empty());
  EXPECT_EQ(retention().marac_history_due("2026-12-02", 10).value(), std::vector<std::string>{id});
  auto kept = store_->case_risk().tasks(id).value();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].kind, casework::TaskKind::kMaracReferral);
  EXPECT_EQ(kept[0].title, "") << "kept as codes and dates only";
  EXPECT_EQ(kept[0].done_at, at(30min));
  const auto audits = audit_count();
  EXPECT_TRUE(retention().erase_marac_history(id, at(200h), audit_entry("case.marac_history_erased", id)).value());
  EXPECT_FALSE(retention().erase_marac_history(id, at(201h), audit_entry("case.marac_history_erased", id)).value());
  EXPECT_EQ(audit_count(), audits + 1);
  EXPECT_TRUE(retention().marac_history_due("2027-12-02", 10).value().empty());
  auto tasks = store_->case_risk().tasks(id).value();
  EXPECT_TRUE(tasks.empty());
}

// --- erasure on request, the ledger a restore replays, and subject access reads (issue 17) ---

TEST_F(RetentionRepositoryTest, TheLedgerIsReadWholeInCaseIdOrderAndPaged) {
  const auto a = make_case(1, "declined_support");
  const auto b = make_case(2, "support_completed");
  make_case(3, "declined_support");
  ASSERT_TRUE(erase(a).has_value());
  ASSERT_TRUE(erase(b).has_value());
  const auto all = retention().erasures("", 10).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].case_id, std::min(a, b));
  EXPECT_EQ(all[1].case_id, std::max(a, b));
  EXPECT_EQ(all[0].rule, "no_service");
  EXPECT_EQ(all[0].erased_at, at(100h));
  const auto rest = retention().erasures(all[0].case_id, 1).value();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].case_id, all[1].case_id);
}

TEST_F(RetentionRepositoryTest, OneCasesFactsAreReadOpenOrClosed) {
  const auto open = make_case(1, "");
  const auto closed = make_case(2, "unable_to_contact", 3h);
  auto o = retention().case_facts(open).value();
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->close_reason, "");
  ASSERT_TRUE(o->last_marac_at.has_value());
  auto c = retention().case_facts(closed).value();
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->close_reason, "unable_to_contact");
  EXPECT_EQ(c->closed_at, at(3h));
  EXPECT_FALSE(c->held);
  ASSERT_TRUE(retention().place_hold(hold(1, closed), audit_entry("case.hold_placed", closed)).has_value());
  EXPECT_TRUE(retention().case_facts(closed).value()->held);
  EXPECT_FALSE(retention().case_facts(uuid(999999)).value().has_value());
}

TEST_F(RetentionRepositoryTest, AReplayedErasureIsMadeDespiteAHoldTheCopyStillShows) {
  const auto id = make_case(1, "declined_support");
  ASSERT_TRUE(retention().place_hold(hold(1, id), audit_entry("case.hold_placed", id)).has_value());
  EXPECT_FALSE(erase(id).has_value()) << "a hold stops an erasure";
  CaseErasure again{id, "on_request", at(100h), ""};
  again.replayed = true;
  auto erased = retention().erase_case(again, [&](const ErasedRows&) { return audit_entry("case.personal_data_erased", id); });
  ASSERT_TRUE(erased.has_value()) << erased.error().message;
  ASSERT_TRUE(erased->has_value());
  EXPECT_EQ(notes_of(id), 0);
  EXPECT_EQ(retention().erasure(id).value()->rule, "on_request");
}

TEST_F(RetentionRepositoryTest, APersonsReferralsAreFoundByTheirKeyDigest) {
  const auto a = make_case(1, "");
  const auto b = make_case(2, "");
  make_case(3, "");
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) -> Result<void> {
                      return unit.referrals().insert_person_keys({{"digest-one", a}, {"digest-one", b}, {"digest-two", b}});
                    }).has_value());
  auto found = retention().referrals_with_person_key("digest-one").value();
  std::sort(found.begin(), found.end());
  std::vector<std::string> want{a, b};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(found, want);
  EXPECT_TRUE(retention().referrals_with_person_key("digest-none").value().empty());
}

TEST_F(RetentionRepositoryTest, TheAuditOfOneRecordIsReadOldestFirst) {
  const auto id = make_case(1, "");
  ASSERT_TRUE(store_->audit().append(audit_entry("case.read", id)).has_value());
  ASSERT_TRUE(store_->audit().append(audit_entry("case.read", "another-record")).has_value());
  ASSERT_TRUE(store_->audit().append(audit_entry("case.notes_read", id)).has_value());
  const auto entries = retention().audit_of(id, 10).value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "case.read");
  EXPECT_EQ(entries[1].action, "case.notes_read");
  EXPECT_LT(entries[0].seq, entries[1].seq);
  EXPECT_EQ(retention().audit_of(id, 1).value().size(), 1u);
}

}  // namespace
}  // namespace vg::store::testing
