// Conformance: a chat made into a referral, and a finished chat's transcript deleted after the
// retention period, the same on every backend. A chat names one referral, once; a chat that
// became a referral is never due for deletion; deletion keeps only de-identified facts (area,
// times, whether answered) and is audited; the period's boundary is exact. Everything invented.
#include <gtest/gtest.h>

#include "referral_fixture.h"

namespace vg::store::testing {
namespace {

using chat::ChatEvent;
using chat::ChatEventKind;
using chat::ChatParty;
using std::chrono::minutes;

class ChatReferralRowsTest : public ReferralFixture {
 protected:
  ChatRepository& chats() { return store_->chats(); }
  const Instant now_ = Instant{} + std::chrono::seconds(1'795'000'000);

  // A chat started at now_, taken, a message each way, and ended `ended_after` later.
  void finished_chat(const std::string& id, minutes ended_after) {
    chat::Chat c;
    c.id = id;
    c.token_hash = "token-" + id;
    c.address_hash = "addr-" + id;
    c.area = "merseyside";
    c.started_at = now_;
    ASSERT_TRUE(chats().start(c, 3).value());
    ChatEvent taken{"", 0, ChatEventKind::kTaken, ChatParty::kAdvisor, "user-a", {}, now_ + minutes(1)};
    ASSERT_TRUE(chats().take(id, taken, kGateway, audit("chat.take", id)).value());
    ChatEvent words{"", 0, ChatEventKind::kMessage, ChatParty::kVictim, "", {"nk1:test", "sealed"}, now_ + minutes(2)};
    ASSERT_TRUE(chats().post(id, words, chat::ChatState::kActive).value());
    ChatEvent ended{"", 0, ChatEventKind::kEnded, ChatParty::kVictim, "", {}, now_ + ended_after};
    ASSERT_TRUE(chats().end(id, ended, chat::EndReason::kVictimLeft, std::nullopt).value());
  }

  static AuditEntry audit(std::string action, std::string id) {
    AuditEntry a;
    a.at = Instant{} + std::chrono::seconds(1'795'000'000);
    a.actor = "user-a";
    a.action = std::move(action);
    a.entity_type = "chat";
    a.entity_id = std::move(id);
    return a;
  }

  ChatEvent referred() const {
    return ChatEvent{"", 0, ChatEventKind::kReferred, ChatParty::kAdvisor, "user-a", {}, now_ + minutes(30)};
  }

  // A referral stored with the idempotency record a chat's conversion writes.
  void stored_referral(const std::string& chat_id) {
    ASSERT_TRUE(store_
                    ->write([&](UnitOfWork& unit) -> Result<void> {
                      auto r = referral(1);
                      r.reference = "MY-2026-000001";
                      r.channel = "chat";
                      r.source_organisation_id = kGateway;
                      VG_CHECK(unit.referrals().insert({r}));
                      return unit.referrals().insert_idempotency_records(
                          {IdempotencyRecord{kGateway, "chat:" + chat_id, "hash", r.id, at()}});
                    })
                    .has_value());
  }
};

TEST_F(ChatReferralRowsTest, AChatNamesItsReferralOnceWithANumberedEvent) {
  finished_chat("c1", minutes(20));
  const auto seq = chats().refer("c1", uuid(101), "MY-2026-000001", referred(), audit("chat.refer", "c1")).value();
  ASSERT_TRUE(seq);
  EXPECT_EQ(*seq, 5) << "started, taken, message, ended, referred";
  auto c = chats().find("c1").value();
  EXPECT_EQ(c->referral_id, uuid(101));
  EXPECT_EQ(c->referral_reference, "MY-2026-000001");
  EXPECT_EQ(chats().events_after("c1", 4, 10).value().at(0).kind, ChatEventKind::kReferred);
  EXPECT_FALSE(chats().refer("c1", uuid(102), "MY-2026-000002", referred(), audit("chat.refer", "c1")).value())
      << "a chat becomes one referral";
  EXPECT_EQ(chats().find("c1").value()->referral_reference, "MY-2026-000001");
  EXPECT_EQ(chats().find_by_referral(uuid(101)).value()->id, "c1");
  EXPECT_FALSE(chats().find_by_referral(uuid(102)).value());
}

TEST_F(ChatReferralRowsTest, TheReferralAnEarlierConversionStoredIsFoundByItsKey) {
  stored_referral("c1");
  EXPECT_EQ(chats().referral_for_key(kGateway, "chat:c1").value(), uuid(101));
  EXPECT_FALSE(chats().referral_for_key(kGateway, "chat:c2").value());
  EXPECT_FALSE(chats().referral_for_key(kPartner, "chat:c1").value()) << "the key is the sender's own";
}

TEST_F(ChatReferralRowsTest, ATranscriptIsDueOnlyStrictlyAfterThePeriodAndNeverOnceReferred) {
  finished_chat("old", minutes(10));
  finished_chat("referred", minutes(10));
  finished_chat("recent", minutes(20));
  ASSERT_TRUE(chats().refer("referred", uuid(101), "MY-2026-000001", referred(), audit("chat.refer", "referred")).value());
  // At the boundary itself (ended exactly at the cut-off) nothing is due yet.
  EXPECT_TRUE(chats().transcripts_due(now_ + minutes(10), 10).value().empty());
  EXPECT_EQ(chats().transcripts_due(now_ + minutes(10) + std::chrono::seconds(1), 10).value(),
            std::vector<std::string>{"old"});
  EXPECT_EQ(chats().transcripts_due(now_ + minutes(21), 10).value(), (std::vector<std::string>{"old", "recent"}));
  EXPECT_EQ(chats().transcripts_due(now_ + minutes(21), 1).value().size(), 1u);
}

TEST_F(ChatReferralRowsTest, DeletingATranscriptKeepsOnlyDeidentifiedFactsAndIsAudited) {
  finished_chat("c1", minutes(10));
  const auto cut_off = now_ + minutes(11);
  const auto audit_before = audit_count();
  EXPECT_FALSE(chats().delete_transcript("c1", now_ + minutes(10), now_ + minutes(60), audit("chat.transcript_deleted", "c1")).value())
      << "not yet due at that cut-off: nothing written";
  EXPECT_EQ(audit_count(), audit_before);
  ASSERT_TRUE(chats().delete_transcript("c1", cut_off, now_ + minutes(60), audit("chat.transcript_deleted", "c1")).value());
  EXPECT_EQ(audit_count(), audit_before + 1);
  auto c = chats().find("c1").value();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->area, "merseyside");
  EXPECT_EQ(c->started_at, now_);
  EXPECT_EQ(c->taken_at, now_ + minutes(1)) << "whether (and when) it was answered stays";
  EXPECT_EQ(c->ended_at, now_ + minutes(10));
  EXPECT_EQ(c->transcript_deleted_at, now_ + minutes(60));
  EXPECT_TRUE(c->address_hash.empty());
  EXPECT_FALSE(chats().find_by_token("token-c1").value()) << "the victim's token opens nothing";
  EXPECT_TRUE(chats().events_after("c1", 0, 10).value().empty()) << "no words, sealed or not";
  EXPECT_TRUE(chats().transcripts_due(cut_off, 10).value().empty());
  EXPECT_FALSE(chats().delete_transcript("c1", cut_off, now_ + minutes(61), audit("chat.transcript_deleted", "c1")).value())
      << "deleted once";
  EXPECT_FALSE(chats().refer("c1", uuid(101), "MY-2026-000001", referred(), audit("chat.refer", "c1")).value())
      << "a deleted transcript becomes no referral";
}

TEST_F(ChatReferralRowsTest, AChatReferredBeforeItsDeletionKeepsItsTranscript) {
  finished_chat("c1", minutes(10));
  ASSERT_TRUE(chats().refer("c1", uuid(101), "MY-2026-000001", referred(), audit("chat.refer", "c1")).value());
  EXPECT_FALSE(chats().delete_transcript("c1", now_ + minutes(11), now_ + minutes(60), audit("chat.transcript_deleted", "c1")).value());
  EXPECT_EQ(chats().events_after("c1", 0, 10).value().size(), 5u);
}

}  // namespace
}  // namespace vg::store::testing
