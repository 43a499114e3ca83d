// Live chat's fan-out in one process, on a real (in-memory SQLite) store with the in-process
// notifier: a subscriber after N is given N+1..latest, then every new event once and in order
// (whichever side wrote it, from a socket or a page); typing and read numbers go to the other
// side only; a chat's sockets are capped; after unsubscribing nothing more is given.
#include "app/chat/chat_hub.h"

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/open/open_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

struct Collected {
  std::mutex mutex;
  std::vector<LiveUpdate> updates;
  LiveSink sink() {
    return [this](const LiveUpdate& u) {
      std::lock_guard lock(mutex);
      updates.push_back(u);
    };
  }
  std::vector<std::int64_t> seqs() {
    std::lock_guard lock(mutex);
    std::vector<std::int64_t> out;
    for (const auto& u : updates) {
      if (u.kind == LiveUpdate::Kind::kLine) out.push_back(u.line.seq);
    }
    return out;
  }
  int count(LiveUpdate::Kind kind) {
    std::lock_guard lock(mutex);
    return static_cast<int>(std::count_if(updates.begin(), updates.end(), [&](const auto& u) { return u.kind == kind; }));
  }
};

class ChatHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(store::open_store("sqlite::memory:", 2).value());
    ASSERT_TRUE(store_->migrate().has_value());
    notifier_ = store::in_process_chat_notifier();
    service_ = std::make_unique<ChatService>(*store_, clock_, NotesCipher::for_tests_only(), ChatLimits{}, nullptr,
                                             notifier_.get());
    hub_ = std::make_unique<ChatHub>(*service_, *notifier_);
    ASSERT_TRUE(service_->queue(advisor_));
    token_ = service_->start("merseyside", "192.0.2.1").value();
    id_ = service_->queue(advisor_).value().waiting.at(0).id;
    ASSERT_TRUE(service_->take(advisor_, id_));  // 1 started, 2 taken
  }

  chat::Chat chat() { return service_->victim_live(token_).value(); }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year(2026) / 12 / 5} + std::chrono::hours(10)};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::ChatNotifier> notifier_;
  std::unique_ptr<ChatService> service_;
  std::unique_ptr<ChatHub> hub_;
  const access::Actor advisor_{accounts::Role::kGatewayAdvisor, "user-a", "org-gateway", "gateway", {"merseyside"}, "team-1"};
  std::string token_;
  std::string id_;
};

TEST_F(ChatHubTest, ASubscriberAfterNIsGivenTheRestThenEveryNewEventOnce) {
  ASSERT_TRUE(service_->victim_message(token_, "one"));    // 3
  ASSERT_TRUE(service_->victim_message(token_, "two"));    // 4
  Collected victim;
  Collected advisor;
  auto v = hub_->subscribe(chat(), chat::ChatParty::kVictim, 2, victim.sink()).value();
  auto a = hub_->subscribe(chat(), chat::ChatParty::kAdvisor, 0, advisor.sink()).value();
  EXPECT_EQ(victim.seqs(), (std::vector<std::int64_t>{3, 4}));
  EXPECT_EQ(victim.count(LiveUpdate::Kind::kReady), 1);
  {
    std::lock_guard lock(victim.mutex);
    EXPECT_EQ(victim.updates.back().kind, LiveUpdate::Kind::kReady);
    EXPECT_EQ(victim.updates.back().seq, 4);
    EXPECT_EQ(victim.updates[0].line.text, "one") << "opened for the reader";
  }
  ASSERT_TRUE(service_->advisor_message(advisor_, id_, "three"));  // 5
  ASSERT_TRUE(service_->victim_message(token_, "four"));           // 6
  EXPECT_EQ(victim.seqs(), (std::vector<std::int64_t>{3, 4, 5, 6}));
  EXPECT_EQ(advisor.seqs(), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}));
  v.reset();
  ASSERT_TRUE(service_->victim_message(token_, "five"));  // 7
  EXPECT_EQ(victim.seqs().back(), 6) << "nothing after unsubscribing";
  EXPECT_EQ(advisor.seqs().back(), 7);
}

TEST_F(ChatHubTest, ConcurrentWritersNeverCauseAGapOrADuplicate) {
  Collected victim;
  auto v = hub_->subscribe(chat(), chat::ChatParty::kVictim, 0, victim.sink()).value();
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 10; ++i) {
        const std::string words = std::to_string(w * 100 + i);
        if (w % 2 == 0) {
          ASSERT_TRUE(service_->victim_message(token_, words));
        } else {
          ASSERT_TRUE(service_->advisor_message(advisor_, id_, words));
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  std::vector<std::int64_t> expected;
  for (std::int64_t s = 1; s <= 42; ++s) expected.push_back(s);
  EXPECT_EQ(victim.seqs(), expected);
}

TEST_F(ChatHubTest, TypingAndReadNumbersGoToTheOtherSideOnlyAndAReconnectionIsShownWhatWasRead) {
  Collected victim;
  Collected advisor;
  auto v = hub_->subscribe(chat(), chat::ChatParty::kVictim, 2, victim.sink()).value();
  auto a = hub_->subscribe(chat(), chat::ChatParty::kAdvisor, 2, advisor.sink()).value();
  service_->typing(chat(), chat::ChatParty::kVictim);
  EXPECT_EQ(advisor.count(LiveUpdate::Kind::kTyping), 1);
  EXPECT_EQ(victim.count(LiveUpdate::Kind::kTyping), 0);
  ASSERT_TRUE(service_->mark_read(chat(), chat::ChatParty::kAdvisor, 2));
  ASSERT_TRUE(service_->mark_read(chat(), chat::ChatParty::kAdvisor, 2));  // not again
  EXPECT_EQ(victim.count(LiveUpdate::Kind::kRead), 1);
  EXPECT_EQ(advisor.count(LiveUpdate::Kind::kRead), 0);
  Collected again;
  auto v2 = hub_->subscribe(chat(), chat::ChatParty::kVictim, 2, again.sink()).value();
  ASSERT_EQ(again.count(LiveUpdate::Kind::kRead), 1);
  std::lock_guard lock(again.mutex);
  EXPECT_EQ(again.updates[0].party, chat::ChatParty::kAdvisor);
  EXPECT_EQ(again.updates[0].seq, 2);
}

TEST_F(ChatHubTest, AChatsSocketsAreCapped) {
  std::vector<std::unique_ptr<ChatHub::Subscription>> held;
  Collected c;
  for (int i = 0; i < ChatHub::kMaxSocketsPerChat; ++i) {
    held.push_back(hub_->subscribe(chat(), chat::ChatParty::kVictim, 2, c.sink()).value());
  }
  EXPECT_EQ(hub_->subscribe(chat(), chat::ChatParty::kVictim, 2, c.sink()).error().code, "rate_limited");
  held.pop_back();
  EXPECT_TRUE(hub_->subscribe(chat(), chat::ChatParty::kVictim, 2, c.sink()));
}

}  // namespace
}  // namespace vg::app
