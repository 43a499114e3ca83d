// Conformance: live chats and their numbered events, the same on every backend. Numbers run
// 1, 2, 3 ... per chat with no gaps or repeats even under concurrent writers; a change is made
// only from the state the caller read; the open chats per address are capped atomically.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

using chat::ChatEvent;
using chat::ChatEventKind;
using chat::ChatParty;
using chat::ChatState;
using std::chrono::minutes;

class ChatRepositoryTest : public StoreTest {
 protected:
  ChatRepository& chats() { return store_->chats(); }
  const Instant now_ = Instant{} + std::chrono::seconds(1'795'000'000);

  chat::Chat chat_in(std::string id, std::string area = "merseyside", std::string address = "addr-1") {
    chat::Chat c;
    c.id = std::move(id);
    c.token_hash = "token-" + c.id;
    c.address_hash = std::move(address);
    c.area = std::move(area);
    c.started_at = now_;
    return c;
  }

  static ChatEvent message(ChatParty party, std::string words, Instant at, std::string user = {}) {
    ChatEvent e;
    e.kind = ChatEventKind::kMessage;
    e.party = party;
    e.user_id = std::move(user);
    e.body = {"nk1:test", std::move(words)};
    e.at = at;
    return e;
  }

  static ChatEvent taken(std::string user, Instant at) {
    ChatEvent e;
    e.kind = ChatEventKind::kTaken;
    e.party = ChatParty::kAdvisor;
    e.user_id = std::move(user);
    e.at = at;
    return e;
  }

  AuditEntry audit(std::string action) {
    AuditEntry a;
    a.at = now_;
    a.actor = "user-a";
    a.action = std::move(action);
    a.entity_type = "chat";
    a.entity_id = "c1";
    return a;
  }
};

TEST_F(ChatRepositoryTest, AStartedChatWaitsInItsAreasQueueWithItsFirstEvent) {
  ASSERT_TRUE(chats().start(chat_in("c1"), 3).value());
  ASSERT_TRUE(chats().start(chat_in("c2", "staffordshire", "addr-2"), 3).value());
  auto found = chats().find("c1").value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->state, ChatState::kWaiting);
  EXPECT_EQ(found->last_seq, 1);
  EXPECT_EQ(found->area, "merseyside");
  EXPECT_EQ(found->started_at, now_);
  EXPECT_FALSE(found->taken_at);
  EXPECT_EQ(chats().find_by_token("token-c1").value()->id, "c1");
  EXPECT_FALSE(chats().find_by_token("token-none").value());
  EXPECT_FALSE(chats().find("none").value());
  auto events = chats().events_after("c1", 0, 10).value();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_EQ(events[0].kind, ChatEventKind::kStarted);
  auto queue = chats().waiting({"merseyside"}, 10).value();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0].id, "c1");
  EXPECT_EQ(chats().waiting({"merseyside", "staffordshire"}, 10).value().size(), 2u);
  EXPECT_TRUE(chats().waiting({"greater-manchester"}, 10).value().empty());
}

TEST_F(ChatRepositoryTest, TheQueueIsLongestWaitingFirst) {
  auto later = chat_in("later");
  later.started_at = now_ + minutes(5);
  ASSERT_TRUE(chats().start(later, 3).value());
  ASSERT_TRUE(chats().start(chat_in("earlier"), 3).value());
  auto queue = chats().waiting({"merseyside"}, 10).value();
  ASSERT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue[0].id, "earlier");
  EXPECT_EQ(chats().waiting({"merseyside"}, 1).value().size(), 1u);
}

TEST_F(ChatRepositoryTest, OpenChatsPerAddressAreCappedAndAnEndedOneFreesItsPlace) {
  ASSERT_TRUE(chats().start(chat_in("c1"), 2).value());
  ASSERT_TRUE(chats().start(chat_in("c2"), 2).value());
  EXPECT_FALSE(chats().start(chat_in("c3"), 2).value());
  EXPECT_FALSE(chats().find("c3").value()) << "nothing of a refused chat is stored";
  EXPECT_TRUE(chats().start(chat_in("c4", "merseyside", "addr-other"), 2).value());
  ChatEvent ended;
  ended.kind = ChatEventKind::kEnded;
  ended.at = now_;
  ASSERT_TRUE(chats().end("c1", ended, chat::EndReason::kVictimLeft, std::nullopt).value());
  EXPECT_TRUE(chats().start(chat_in("c3"), 2).value());
}

TEST_F(ChatRepositoryTest, ConcurrentStartsFromOneAddressNeverPassTheCap) {
  std::atomic<int> started{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      auto r = chats().start(chat_in("c" + std::to_string(i)), 2);
      if (r && *r) ++started;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(started.load(), 2);
}

TEST_F(ChatRepositoryTest, OnlyOneAdvisorTakesAChatAndTheTakeIsAudited) {
  ASSERT_TRUE(chats().start(chat_in("c1"), 3).value());
  const auto before = audit_count();
  auto first = chats().take("c1", taken("user-a", now_ + minutes(2)), "org-gateway", audit("chat.take")).value();
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 2);
  EXPECT_FALSE(chats().take("c1", taken("user-b", now_ + minutes(3)), "org-gateway", audit("chat.take")).value());
  EXPECT_EQ(audit_count(), before + 1);
  auto c = chats().find("c1").value();
  EXPECT_EQ(c->state, ChatState::kActive);
  EXPECT_EQ(c->taken_by, "user-a");
  EXPECT_EQ(c->holder_organisation_id, "org-gateway");
  EXPECT_EQ(c->taken_at, now_ + minutes(2));
  EXPECT_TRUE(chats().waiting({"merseyside"}, 10).value().empty());
  auto mine = chats().taken_by("user-a").value();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, "c1");
  EXPECT_TRUE(chats().taken_by("user-b").value().empty());
}

TEST_F(ChatRepositoryTest, MessagesAreNumberedInOrderAndReadFromTheLastNumberSeen) {
  ASSERT_TRUE(chats().start(chat_in("c1"), 3).value());
  EXPECT_EQ(chats().post("c1", message(ChatParty::kVictim, "sealed-1", now_), ChatState::kWaiting).value(), 2);
  ASSERT_TRUE(chats().take("c1", taken("user-a", now_), "org-gateway", audit("chat.take")).value());
  EXPECT_EQ(chats().post("c1", message(ChatParty::kAdvisor, "sealed-2", now_, "user-a"), ChatState::kActive).value(), 4);
  EXPECT_FALSE(chats().post("c1", message(ChatParty::kVictim, "x", now_), ChatState::kWaiting).value())
      << "written only from the state the caller read";
  auto events = chats().events_after("c1", 2, 10).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].seq, 3);
  EXPECT_EQ(events[0].kind, ChatEventKind::kTaken);
  EXPECT_EQ(events[0].user_id, "user-a");
  EXPECT_EQ(events[1].seq, 4);
  EXPECT_EQ(events[1].party, ChatParty::kAdvisor);
  EXPECT_EQ(events[1].body, (casework::SealedText{"nk1:test", "sealed-2"}));
  EXPECT_EQ(chats().events_after("c1", 0, 2).value().size(), 2u);
  EXPECT_TRUE(chats().events_after("c1", 4, 10).value().empty());
  EXPECT_EQ(chats().find("c1").value()->last_seq, 4);
}

TEST_F(ChatRepositoryTest, ConcurrentMessagesGetEveryNumberOnce) {
  ASSERT_TRUE(chats().start(chat_in("c1"), 3).value());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        auto r = chats().post("c1", message(ChatParty::kVictim, std::to_string(t * 10 + i), now_), ChatState::kWaiting);
        if (!r || !*r) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto events = chats().events_after("c1", 0, 100).value();
  ASSERT_EQ(events.size(), 21u);
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].seq, static_cast<std::int64_t>(i + 1));
}

TEST_F(ChatRepositoryTest, AnEndedChatTakesNothingMore) {
  ASSERT_TRUE(chats().start(chat_in("c1"), 3).value());
  ChatEvent ended;
  ended.kind = ChatEventKind::kEnded;
  ended.party = ChatParty::kVictim;
  ended.at = now_ + minutes(1);
  EXPECT_EQ(chats().end("c1", ended, chat::EndReason::kVictimExited, std::nullopt).value(), 2);
  EXPECT_FALSE(chats().end("c1", ended, chat::EndReason::kVictimLeft, std::nullopt).value());
  EXPECT_FALSE(chats().take("c1", taken("user-a", now_), "org-gateway", audit("chat.take")).value());
  EXPECT_FALSE(chats().post("c1", message(ChatParty::kVictim, "x", now_), ChatState::kWaiting).value());
  auto c = chats().find("c1").value();
  EXPECT_EQ(c->state, ChatState::kEnded);
  EXPECT_EQ(c->end_reason, chat::EndReason::kVictimExited);
  EXPECT_EQ(c->ended_at, now_ + minutes(1));
  EXPECT_EQ(c->last_seq, 2);
}

TEST_F(ChatRepositoryTest, AnAdvisorIsOnWhileSeenRecentlyInTheArea) {
  EXPECT_FALSE(chats().anyone_present("merseyside", now_ - minutes(10)).value());
  ASSERT_TRUE(chats().mark_present("user-a", {"merseyside", "staffordshire"}, now_).has_value());
  EXPECT_TRUE(chats().anyone_present("merseyside", now_ - minutes(10)).value());
  EXPECT_TRUE(chats().anyone_present("staffordshire", now_).value());
  EXPECT_FALSE(chats().anyone_present("greater-manchester", now_ - minutes(10)).value());
  EXPECT_FALSE(chats().anyone_present("merseyside", now_ + minutes(1)).value());
  ASSERT_TRUE(chats().mark_present("user-a", {"merseyside"}, now_ + minutes(5)).has_value());
  EXPECT_TRUE(chats().anyone_present("merseyside", now_ + minutes(1)).value());
}

}  // namespace
}  // namespace vg::store::testing
