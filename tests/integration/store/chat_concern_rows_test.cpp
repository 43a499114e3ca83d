// Conformance: safeguarding concerns recorded beside a chat (migration 0044), the same on every
// backend. A concern is stored with its audit entry and read back as written; it becomes one
// safeguarding task on the chat's case, once, with the case's "task_created" event and an audit
// entry, and only when the case exists; deleting the transcript (or erasing the case) erases the
// concern's note and keeps its kind, who and when. Everything invented.
#include <gtest/gtest.h>

#include "referral_fixture.h"
#include "store/open/open_chat_concerns.h"

namespace vg::store::testing {
namespace {

using namespace std::chrono;

class ChatConcernRowsTest : public ReferralFixture {
 protected:
  ChatRepository& chats() { return store_->chats(); }
  ChatConcernRepository& concerns() {
    if (!concerns_) concerns_ = std::move(open_chat_concerns(*store_).value());
    return *concerns_;
  }
  std::unique_ptr<ChatConcernRepository> concerns_;

  chat::ChatConcern concern(int n, const std::string& chat_id, minutes after) {
    chat::ChatConcern c;
    c.id = uuid(7000 + n);
    c.chat_id = chat_id;
    c.kind = n % 2 ? chat::ConcernKind::kChildAtRisk : chat::ConcernKind::kDangerToLife;
    c.note = {"nk1:test", "c2VhbGVk" + std::to_string(n)};
    c.recorded_by = "u1";
    c.recorded_at = at(after);
    return c;
  }

  // The case a chat's referral became (same id as the referral).
  std::string stored_case(int n) {
    auto r = referral(n);
    casework::CaseRecord c;
    c.id = r.id;
    c.reference = "MY-2026-" + std::to_string(200000 + n);
    r.reference = c.reference;
    c.area = "merseyside";
    c.channel = "chat";
    c.consent_state = "consented";
    c.source_organisation_id = kGateway;
    c.opened_at = at();
    c.updated_at = at();
    auto written = store_->write([&](UnitOfWork& unit) -> Result<void> {
      VG_CHECK(unit.referrals().insert({r}));
      return unit.cases().insert({c}, {});
    });
    EXPECT_TRUE(written.has_value()) << written.error().message;
    return c.id;
  }

  static casework::CaseTask task_for(const std::string& case_id, int n) {
    casework::CaseTask t;
    t.id = uuid(8000 + n);
    t.case_id = case_id;
    t.kind = casework::TaskKind::kSafeguardingReferral;
    t.reason_code = "chat_concern_child_at_risk";
    t.title = "Make a referral to children's safeguarding";
    t.due_date = year{2026} / March / 9;
    t.assigned_to = "u1";
    t.created_by = "u1";
    t.created_at = at(40min);
    return t;
  }

  static casework::CaseEvent event_for(const casework::CaseTask& t) {
    return {0, t.case_id, t.created_at, "u1", "task_created", R"({"task":")" + t.id + R"("})", 0};
  }
};

TEST_F(ChatConcernRowsTest, StoresAConcernWithItsAuditEntryAndListsThemOldestFirst) {
  const auto chat_id = active_chat(1, {"nk1:test", "bXNn"}, 1);
  const auto before = audit_count();
  ASSERT_TRUE(concerns().record(concern(2, chat_id, 9min), audit_entry("chat.concern", chat_id)).has_value());
  ASSERT_TRUE(concerns().record(concern(1, chat_id, 5min), audit_entry("chat.concern", chat_id)).has_value());
  EXPECT_EQ(audit_count(), before + 2);
  const auto listed = concerns().of_chat(chat_id).value();
  ASSERT_EQ(listed.size(), 2u);
  const auto expected = concern(1, chat_id, 5min);
  EXPECT_EQ(listed[0].id, expected.id);
  EXPECT_EQ(listed[0].chat_id, chat_id);
  EXPECT_EQ(listed[0].kind, chat::ConcernKind::kChildAtRisk);
  EXPECT_EQ(listed[0].note, expected.note);
  EXPECT_EQ(listed[0].recorded_by, "u1");
  EXPECT_EQ(listed[0].recorded_at, expected.recorded_at);
  EXPECT_TRUE(listed[0].case_task_id.empty());
  EXPECT_EQ(listed[1].kind, chat::ConcernKind::kDangerToLife);
  EXPECT_TRUE(concerns().of_chat(uuid(6999)).value().empty());
}

TEST_F(ChatConcernRowsTest, AConcernBecomesOneTaskOnTheCaseOnceTheCaseExists) {
  const auto chat_id = active_chat(1, {"nk1:test", "bXNn"}, 1);
  ASSERT_TRUE(concerns().record(concern(1, chat_id, 5min), audit_entry("chat.concern", chat_id)).has_value());
  const auto case_id = referral(1).id;
  const auto task = task_for(case_id, 1);
  const auto before = audit_count();
  EXPECT_FALSE(concerns().carry(uuid(7001), task, event_for(task), audit_entry("chat.concern_carried")).value())
      << "no case yet";
  EXPECT_EQ(audit_count(), before);
  EXPECT_TRUE(concerns().of_chat(chat_id).value().at(0).case_task_id.empty());

  stored_case(1);
  EXPECT_TRUE(concerns().carry(uuid(7001), task, event_for(task), audit_entry("chat.concern_carried")).value());
  EXPECT_EQ(audit_count(), before + 1);
  EXPECT_EQ(concerns().of_chat(chat_id).value().at(0).case_task_id, task.id);
  const auto tasks = store_->case_risk().tasks(case_id).value();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, casework::TaskKind::kSafeguardingReferral);
  EXPECT_EQ(tasks[0].title, task.title);
  const auto events = store_->cases().events(case_id).value();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().kind, "task_created");

  auto again = task_for(case_id, 2);
  EXPECT_FALSE(concerns().carry(uuid(7001), again, event_for(again), audit_entry("chat.concern_carried")).value())
      << "carried once";
  EXPECT_FALSE(concerns().carry(uuid(7999), again, event_for(again), audit_entry("chat.concern_carried")).value())
      << "no such concern";
  EXPECT_EQ(store_->case_risk().tasks(case_id).value().size(), 1u);
  EXPECT_EQ(audit_count(), before + 1);
}

TEST_F(ChatConcernRowsTest, DeletingTheTranscriptErasesTheNoteAndKeepsTheConcern) {
  const auto chat_id = active_chat(1, {"nk1:test", "bXNn"}, 1);
  ASSERT_TRUE(concerns().record(concern(1, chat_id, 5min), audit_entry("chat.concern", chat_id)).has_value());
  chat::ChatEvent ended;
  ended.kind = chat::ChatEventKind::kEnded;
  ended.at = at(10min);
  ASSERT_TRUE(chats().end(chat_id, ended, chat::EndReason::kVictimLeft, std::nullopt).value());
  ASSERT_TRUE(chats().delete_transcript(chat_id, at(11min), at(12min), audit_entry("chat.transcript_deleted")).value());
  const auto kept = concerns().of_chat(chat_id).value();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].kind, chat::ConcernKind::kChildAtRisk);
  EXPECT_EQ(kept[0].recorded_by, "u1");
  EXPECT_EQ(kept[0].recorded_at, at(5min));
  EXPECT_EQ(kept[0].note, (casework::SealedText{"", ""}));
}

}  // namespace
}  // namespace vg::store::testing
