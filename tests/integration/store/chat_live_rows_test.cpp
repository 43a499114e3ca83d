// Conformance: what live chat reads and writes (issue 16), the same on every backend: the events
// after a number (what a reconnecting client catches up with), each side's read number (only
// ever forward), and the notifier that tells every process of the database (on PostgreSQL,
// LISTEN/NOTIFY between separate connections; on SQLite, within the one process).
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <vector>

#include "store/chat_notifier.h"
#include "store_fixture.h"

namespace vg::store::testing {
namespace {

using chat::ChatEvent;
using chat::ChatEventKind;
using chat::ChatParty;
using chat::ChatState;

class ChatLiveRowsTest : public StoreTest {
 protected:
  ChatRepository& chats() { return store_->chats(); }
  const Instant now_ = Instant{} + std::chrono::seconds(1'795'000'000);

  void start(const std::string& id) {
    chat::Chat c;
    c.id = id;
    c.token_hash = "token-" + id;
    c.address_hash = "addr-" + id;
    c.area = "merseyside";
    c.started_at = now_;
    ASSERT_TRUE(chats().start(c, 3).value());
  }

  std::int64_t say(const std::string& id, const std::string& words) {
    ChatEvent e;
    e.kind = ChatEventKind::kMessage;
    e.party = ChatParty::kVictim;
    e.body = {"nk1:test", words};
    e.at = now_;
    return chats().post(id, e, ChatState::kWaiting).value().value();
  }

  std::vector<std::int64_t> seqs_after(const std::string& id, std::int64_t after, int limit = 100) {
    std::vector<std::int64_t> out;
    const auto events = chats().events_after(id, after, limit).value();
    for (const auto& e : events) {
      EXPECT_EQ(e.chat_id, id);
      out.push_back(e.seq);
    }
    return out;
  }
};

// Signals as a listener received them, waited for with a bound.
struct Received {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<ChatSignal> signals;
  int resyncs = 0;

  ChatNotifier::OnSignal on_signal() {
    return [this](const ChatSignal& s) {
      std::lock_guard lock(mutex);
      signals.push_back(s);
      changed.notify_all();
    };
  }
  ChatNotifier::OnResync on_resync() {
    return [this] {
      std::lock_guard lock(mutex);
      ++resyncs;
      changed.notify_all();
    };
  }
  bool wait_for(std::size_t count) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [&] { return signals.size() >= count; });
  }
  bool wait_for_resync() {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [&] { return resyncs > 0; });
  }
};

TEST_F(ChatLiveRowsTest, EventsAfterANumberAreExactlyTheOnesAboveItInOrder) {
  start("c1");
  start("c2");
  for (int i = 0; i < 4; ++i) say("c1", "words " + std::to_string(i));  // 2..5
  say("c2", "another chat's");
  EXPECT_EQ(seqs_after("c1", 0), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(seqs_after("c1", 2), (std::vector<std::int64_t>{3, 4, 5}));
  EXPECT_EQ(seqs_after("c1", 2, 2), (std::vector<std::int64_t>{3, 4}));
  EXPECT_TRUE(seqs_after("c1", 5).empty());
  EXPECT_TRUE(seqs_after("c1", 99).empty());
  EXPECT_EQ(seqs_after("c2", 1), (std::vector<std::int64_t>{2}));
  EXPECT_TRUE(seqs_after("none", 0).empty());
}

TEST_F(ChatLiveRowsTest, EachSidesReadNumberOnlyMovesForwardAndNeverPastTheLastEvent) {
  start("c1");
  say("c1", "one");
  say("c1", "two");  // last_seq 3
  auto fresh = chats().find("c1").value().value();
  EXPECT_EQ(fresh.victim_read_seq, 0);
  EXPECT_EQ(fresh.advisor_read_seq, 0);
  EXPECT_TRUE(chats().mark_read("c1", ChatParty::kAdvisor, 2).value());
  EXPECT_FALSE(chats().mark_read("c1", ChatParty::kAdvisor, 2).value()) << "not above it";
  EXPECT_FALSE(chats().mark_read("c1", ChatParty::kAdvisor, 1).value()) << "never back";
  EXPECT_FALSE(chats().mark_read("c1", ChatParty::kAdvisor, 4).value()) << "past the last event";
  EXPECT_FALSE(chats().mark_read("none", ChatParty::kAdvisor, 1).value());
  EXPECT_TRUE(chats().mark_read("c1", ChatParty::kVictim, 3).value());
  const auto read = chats().find("c1").value().value();
  EXPECT_EQ(read.advisor_read_seq, 2);
  EXPECT_EQ(read.victim_read_seq, 3);
  EXPECT_EQ(read.last_seq, 3) << "reading is no event";
}

TEST_F(ChatLiveRowsTest, TheNotifierTellsItsListenerOfEverySignalPublished) {
  auto notifier = open_chat_notifier(url_);
  Received received;
  notifier->listen(received.on_signal(), received.on_resync());
  if (is_postgres(url_)) {
    ASSERT_TRUE(received.wait_for_resync()) << "listening starts with a catch-up";
  }
  notifier->publish({ChatSignal::Kind::kEvent, "c1", 7, ChatParty::kVictim});
  notifier->publish({ChatSignal::Kind::kTyping, "c1", 0, ChatParty::kAdvisor});
  notifier->publish({ChatSignal::Kind::kRead, "c1", 6, ChatParty::kVictim});
  ASSERT_TRUE(received.wait_for(3));
  std::lock_guard lock(received.mutex);
  ASSERT_EQ(received.signals.size(), 3u);
  EXPECT_EQ(received.signals[0].kind, ChatSignal::Kind::kEvent);
  EXPECT_EQ(received.signals[0].seq, 7);
  EXPECT_EQ(received.signals[1].kind, ChatSignal::Kind::kTyping);
  EXPECT_EQ(received.signals[1].party, ChatParty::kAdvisor);
  EXPECT_EQ(received.signals[2].kind, ChatSignal::Kind::kRead);
  EXPECT_EQ(received.signals[2].seq, 6);
  notifier->stop();
}

TEST_F(ChatLiveRowsTest, OnPostgreSqlEveryProcessesNotifierHearsAnothersSignal) {
  if (!is_postgres(url_)) GTEST_SKIP() << "SQLite's notifier serves its one process";
  auto a = open_chat_notifier(url_);
  auto b = open_chat_notifier(url_);
  Received heard_a;
  Received heard_b;
  a->listen(heard_a.on_signal(), heard_a.on_resync());
  b->listen(heard_b.on_signal(), heard_b.on_resync());
  ASSERT_TRUE(heard_a.wait_for_resync());
  ASSERT_TRUE(heard_b.wait_for_resync());
  a->publish({ChatSignal::Kind::kEvent, "0f0e-ca75", 3, ChatParty::kVictim});
  ASSERT_TRUE(heard_b.wait_for(1));
  ASSERT_TRUE(heard_a.wait_for(1)) << "the publisher's own process hears it too";
  std::lock_guard lock(heard_b.mutex);
  EXPECT_EQ(heard_b.signals[0].chat_id, "0f0e-ca75");
  EXPECT_EQ(heard_b.signals[0].seq, 3);
  a->stop();
  b->stop();
}

}  // namespace
}  // namespace vg::store::testing
