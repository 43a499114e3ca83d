// Conformance: the sealed texts a key rotation re-seals, the same on every backend. Every place the
// notes key seals text is counted by key; the texts under other keys than the current one are
// offered in batches; a replacement lands only where the cell still holds what was read (a text
// changed meanwhile wins), in one transaction with its audit entry; a place that is not sealed
// text is refused with nothing changed. The "sealed" strings are stand-ins: the store never opens
// them. The referral each case has keeps its document plain (this store was given no notes key):
// it is offered under the empty key id, for the rotation to seal. Every case is invented.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "domain/chat/chat_concern.h"
#include "domain/chat/chat_records.h"
#include "domain/casework/support_records.h"
#include "referral_fixture.h"
#include "store/open/open_chat_concerns.h"
#include "store/open/open_sealed_texts.h"

namespace vg::store::testing {
namespace {

using namespace std::chrono;

const casework::SealedText kOld = {"nk1:old", "b2xk"};

class SealedTextRepositoryTest : public ReferralFixture {
 protected:
  // A case with a text under `key` in each case place: a note, a plan action, a needs
  // assessment's notes, a form draft; and a chat with two messages under it (and a taken event,
  // which seals nothing) and a safeguarding concern's note.
  void fill(int n, const casework::SealedText& key) {
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
    c.updated_at = at();
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      VG_CHECK(unit.cases().insert({c}, {}));
      VG_CHECK(unit.support().insert_note({uuid(3000 + n), c.id, key, "u1", at(10min)}));
      casework::PlanActionRecord action;
      action.id = uuid(4000 + n);
      action.case_id = c.id;
      action.text = key;
      action.owner = "u1";
      action.due = year{2026} / March / 9;
      action.created_by = "u1";
      action.created_at = at(20min);
      VG_CHECK(unit.support().insert_plan_action(action));
      VG_CHECK(unit.support().save_draft({c.id, "u1", "needs", key, at(30min)}));
      return {};
    });
    ASSERT_TRUE(written.has_value()) << written.error().message;

    const auto chat_id = active_chat(n, key, 2);
    chat::ChatConcern concern;
    concern.id = uuid(7000 + n);
    concern.chat_id = chat_id;
    concern.kind = chat::ConcernKind::kChildAtRisk;
    concern.note = key;
    concern.recorded_by = "u1";
    concern.recorded_at = at(5min);
    ASSERT_TRUE(open_chat_concerns(*store_).value()->record(concern, audit_entry("chat.concern")).has_value());
  }

  SealedTextRepository& texts() {
    if (!texts_) texts_ = std::move(open_sealed_texts(*store_).value());
    return *texts_;
  }
  std::unique_ptr<SealedTextRepository> texts_;

  std::map<std::string, std::int64_t> counts() {
    auto c = texts().count_by_key();
    EXPECT_TRUE(c.has_value()) << c.error().message;
    return c.value_or(std::map<std::string, std::int64_t>{});
  }
};

TEST_F(SealedTextRepositoryTest, CountsEveryPlaceByTheKeyThatSealedIt) {
  EXPECT_TRUE(counts().empty());
  fill(1, kOld);
  fill(2, {"nk1:new", "bmV3"});
  // Per case: note, plan action, draft, two chat messages (the taken event seals nothing), a concern;
  // and the referral's document, plain.
  EXPECT_EQ(counts(), (std::map<std::string, std::int64_t>{{"", 2}, {"nk1:new", 6}, {"nk1:old", 6}}));
}

TEST_F(SealedTextRepositoryTest, OffersOnlyTextsUnderOtherKeysInBatches) {
  fill(1, kOld);
  fill(2, {"nk1:new", "bmV3"});
  auto first = texts().sealed_under_other_keys("nk1:new", 3).value();
  ASSERT_EQ(first.size(), 3u);
  auto all = texts().sealed_under_other_keys("nk1:new", 100).value();
  ASSERT_EQ(all.size(), 8u);
  std::set<std::string> places;
  for (const auto& cell : all) {
    if (cell.column == "referrals.document") {
      EXPECT_EQ(cell.text.key_id, "");
      EXPECT_EQ(cell.text.sealed, cell.row == std::vector<std::string>{referral(1).id} ? referral(1).document
                                                                                     : referral(2).document);
    } else {
      EXPECT_EQ(cell.text, kOld) << cell.column;
    }
    EXPECT_FALSE(cell.row.empty());
    places.insert(cell.column);
  }
  EXPECT_EQ(places, (std::set<std::string>{"case_notes.sealed", "case_plan_actions.text_sealed",
                                            "case_form_drafts.sealed", "chat_events.body_sealed",
                                            "chat_concerns.note_sealed", "referrals.document"}));
  EXPECT_TRUE(texts().sealed_under_other_keys("nk1:old", 100).value().size() == 8u);
}

TEST_F(SealedTextRepositoryTest, ReplacesWhatWasReadInOneTransactionWithItsAuditEntry) {
  fill(1, kOld);
  auto cells = texts().sealed_under_other_keys("nk1:new", 100).value();
  ASSERT_EQ(cells.size(), 7u);
  std::vector<std::pair<SealedCell, casework::SealedText>> resealed;
  for (const auto& cell : cells) resealed.emplace_back(cell, casework::SealedText{"nk1:new", "cmVzZWFsZWQ="});
  const auto audit_before = audit_count();
  EXPECT_EQ(texts().replace(resealed, audit_entry("keys.rotated")).value(), 7);
  EXPECT_EQ(audit_count(), audit_before + 1);
  EXPECT_EQ(counts(), (std::map<std::string, std::int64_t>{{"nk1:new", 7}}));
  EXPECT_TRUE(texts().sealed_under_other_keys("nk1:new", 100).value().empty());
  // What the rest of the store reads is the new text.
  std::vector<casework::CaseNoteRecord> notes;
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) -> Result<void> {
    notes = VG_TRY(unit.support().notes(referral(1).id));
    return {};
  }).has_value());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes.front().text, (casework::SealedText{"nk1:new", "cmVzZWFsZWQ="}));
  auto events = store_->chats().events_after(uuid(6001), 0, 10).value();
  for (const auto& e : events) {
    if (e.kind == chat::ChatEventKind::kMessage) {
      EXPECT_EQ(e.body.key_id, "nk1:new");
    }
  }
}

TEST_F(SealedTextRepositoryTest, ATextChangedMeanwhileIsLeftAsItWasChanged) {
  fill(1, kOld);
  auto cells = texts().sealed_under_other_keys("nk1:new", 100).value();
  ASSERT_EQ(cells.size(), 7u);
  // The caseworker saves the draft again (under whatever key) between the read and the write.
  ASSERT_TRUE(store_->write([&](UnitOfWork& unit) -> Result<void> {
    return unit.support().save_draft({referral(1).id, "u1", "needs", {"nk1:old", "ZWRpdGVk"}, at(40min)});
  }).has_value());
  std::vector<std::pair<SealedCell, casework::SealedText>> resealed;
  for (const auto& cell : cells) resealed.emplace_back(cell, casework::SealedText{"nk1:new", "cmVzZWFsZWQ="});
  EXPECT_EQ(texts().replace(resealed, audit_entry("keys.rotated")).value(), 6);
  auto left = texts().sealed_under_other_keys("nk1:new", 100).value();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left.front().column, "case_form_drafts.sealed");
  EXPECT_EQ(left.front().text.sealed, "ZWRpdGVk");
}

TEST_F(SealedTextRepositoryTest, APlaceThatIsNotSealedTextIsRefusedWithNothingChanged) {
  fill(1, kOld);
  auto cells = texts().sealed_under_other_keys("nk1:new", 100).value();
  ASSERT_FALSE(cells.empty());
  std::vector<std::pair<SealedCell, casework::SealedText>> resealed;
  for (const auto& cell : cells) resealed.emplace_back(cell, casework::SealedText{"nk1:new", "eA=="});
  auto hostile = resealed.front();
  hostile.first.column = "referrals.assessment";
  resealed.push_back(hostile);
  auto bad_row = resealed.front();
  bad_row.first.column = "chat_events.body_sealed";
  bad_row.first.row = {uuid(6001), "1 OR 1=1"};
  resealed.push_back(bad_row);
  const auto audit_before = audit_count();
  auto refused = texts().replace(resealed, audit_entry("keys.rotated"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "validation_failed");
  EXPECT_EQ(audit_count(), audit_before);
  EXPECT_EQ(counts(), (std::map<std::string, std::int64_t>{{"", 1}, {"nk1:old", 6}}));
}

}  // namespace
}  // namespace vg::store::testing
