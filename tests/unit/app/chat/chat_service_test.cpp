// Live chat's use cases on a real (in-memory SQLite) store: no chat starts while nobody is on,
// an advisor's queue shows wait times and puts them on, one advisor takes a chat and only they
// read it, words are sealed at rest, the per-address cap holds, and Exit this page ends it.
#include "app/chat/chat_service.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/open/open_store.h"
#include "support/fixed_clock.h"

namespace vg::app {
namespace {

using std::chrono::minutes;

class ChatServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::open_store("sqlite::memory:", 2);
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->migrate().has_value());
    ChatLimits limits;
    limits.open_per_address = 2;
    service_ = std::make_unique<ChatService>(*store_, clock_, NotesCipher::for_tests_only(), limits);
  }

  static access::Actor staff(accounts::Role role, std::string user, std::string area = "merseyside",
                             std::string kind = "gateway") {
    return access::Actor{role, std::move(user), "org-" + kind, std::move(kind), {std::move(area)}, "team-1"};
  }

  std::string started(std::string_view address = "192.0.2.1") {
    auto token = service_->start("merseyside", address);
    EXPECT_TRUE(token) << token.error().message;
    return token.value_or("");
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year(2026) / 12 / 5} + std::chrono::hours(10)};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ChatService> service_;
  const access::Actor advisor_ = staff(accounts::Role::kGatewayAdvisor, "user-a");
};

TEST_F(ChatServiceTest, NoChatStartsWhileNobodyIsOnAndAnAdvisorsQueuePutsThemOn) {
  EXPECT_FALSE(service_->advisors_on("merseyside").value());
  EXPECT_EQ(service_->start("merseyside", "192.0.2.1").error().code, "unavailable");
  ASSERT_TRUE(service_->queue(advisor_));
  EXPECT_TRUE(service_->advisors_on("merseyside").value());
  EXPECT_FALSE(service_->advisors_on("staffordshire").value()) << "on only for their own areas";
  clock_.advance(minutes(11));
  EXPECT_FALSE(service_->advisors_on("merseyside").value()) << "off once they have been away a while";
  EXPECT_EQ(service_->start("nowhere", "192.0.2.1").error().fields.at(0).field, "area");
}

TEST_F(ChatServiceTest, TheQueueShowsHowLongEachChatHasWaitedAndOneAdvisorTakesIt) {
  ASSERT_TRUE(service_->queue(advisor_));
  const std::string token = started();
  clock_.advance(minutes(4));
  auto queue = service_->queue(advisor_).value();
  ASSERT_EQ(queue.waiting.size(), 1u);
  EXPECT_EQ(queue.waiting[0].waited, minutes(4));
  EXPECT_EQ(queue.waiting[0].area, "merseyside");
  const std::string id = queue.waiting[0].id;
  // Another area's advisor does not see it and cannot take it.
  const auto elsewhere = staff(accounts::Role::kGatewayAdvisor, "user-s", "staffordshire");
  EXPECT_TRUE(service_->queue(elsewhere).value().waiting.empty());
  EXPECT_EQ(service_->take(elsewhere, id).error().code, "not_found");
  ASSERT_TRUE(service_->take(advisor_, id));
  const auto colleague = staff(accounts::Role::kGatewayAdvisor, "user-b");
  EXPECT_EQ(service_->take(colleague, id).error().code, "conflict");
  EXPECT_EQ(service_->advisor_transcript(colleague, id).error().code, "not_found") << "only the taker reads it";
  EXPECT_EQ(service_->queue(advisor_).value().mine.size(), 1u);
  const auto partner = staff(accounts::Role::kPartnerCaseworker, "user-p", "merseyside", "partner");
  EXPECT_EQ(service_->queue(partner).error().code, "forbidden");
  EXPECT_EQ(service_->advisor_transcript(partner, id).error().code, "forbidden");
}

TEST_F(ChatServiceTest, BothSidesWriteNumberedMessagesThatAreSealedAtRest) {
  ASSERT_TRUE(service_->queue(advisor_));
  const std::string token = started();
  EXPECT_EQ(service_->victim_message(token, "Hello, is anyone there?").value(), 2);
  const std::string id = service_->queue(advisor_).value().waiting.at(0).id;
  // Until an advisor takes it, the chat is not theirs to write in: answered as any chat that is
  // not theirs, so the answer never says whose it is.
  EXPECT_EQ(service_->advisor_message(advisor_, id, "Hi").error().code, "not_found") << "take it first";
  ASSERT_TRUE(service_->take(advisor_, id));
  EXPECT_EQ(service_->advisor_message(advisor_, id, "Hello, I am here to help.").value(), 4);
  EXPECT_EQ(service_->victim_message(token, "  ").error().fields.at(0).code, "required");
  auto seen = service_->victim_transcript(token).value();
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->lines.size(), 4u);
  EXPECT_EQ(seen->lines[1].text, "Hello, is anyone there?");
  EXPECT_EQ(seen->lines[2].kind, chat::ChatEventKind::kTaken);
  EXPECT_EQ(seen->lines[3].text, "Hello, I am here to help.");
  EXPECT_EQ(seen->lines[3].party, chat::ChatParty::kAdvisor);
  EXPECT_EQ(service_->advisor_transcript(advisor_, id).value().lines.size(), 4u);
  const auto events = store_->chats().events_after(id, 0, 10).value();  // kept: a loop over a
  ASSERT_FALSE(events.empty());                                          // temporary would dangle
  for (const auto& e : events) {
    EXPECT_EQ(e.body.sealed.find("anyone"), std::string::npos);
    EXPECT_EQ(e.body.sealed.find("help"), std::string::npos);
  }
}

TEST_F(ChatServiceTest, OpenChatsFromOneAddressAreCapped) {
  ASSERT_TRUE(service_->queue(advisor_));
  const std::string first = started();
  started();
  EXPECT_EQ(service_->start("merseyside", "192.0.2.1").error().code, "rate_limited");
  EXPECT_TRUE(service_->start("merseyside", "192.0.2.2")) << "another address";
  ASSERT_TRUE(service_->victim_end(first, chat::EndReason::kVictimLeft));
  EXPECT_TRUE(service_->start("merseyside", "192.0.2.1")) << "an ended chat frees its place";
}

TEST_F(ChatServiceTest, ExitThisPageEndsTheChatAndNothingMoreIsWritten) {
  ASSERT_TRUE(service_->queue(advisor_));
  const std::string token = started();
  const std::string id = service_->queue(advisor_).value().waiting.at(0).id;
  ASSERT_TRUE(service_->take(advisor_, id));
  service_->end_soon(token);
  service_.reset();  // finishes the exits it accepted
  ChatLimits limits;
  service_ = std::make_unique<ChatService>(*store_, clock_, NotesCipher::for_tests_only(), limits);
  auto ended = store_->chats().find(id).value();
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->state, chat::ChatState::kEnded);
  EXPECT_EQ(ended->end_reason, chat::EndReason::kVictimExited);
  EXPECT_EQ(service_->victim_message(token, "still there?").error().code, "conflict");
  EXPECT_EQ(service_->advisor_message(advisor_, id, "Hello?").error().code, "conflict");
  EXPECT_TRUE(service_->queue(advisor_).value().mine.empty());
}

TEST_F(ChatServiceTest, ATokenThatIsNotOursFindsNothing) {
  EXPECT_FALSE(service_->victim_transcript("").value());
  EXPECT_FALSE(service_->victim_transcript("not-a-token").value());
  EXPECT_FALSE(service_->victim_transcript(std::string(64, 'a')).value());
  EXPECT_EQ(service_->victim_message(std::string(64, 'a'), "hi").error().code, "not_found");
  EXPECT_EQ(service_->take(advisor_, "../../etc").error().code, "not_found");
}

}  // namespace
}  // namespace vg::app

namespace vg::app {
namespace {

TEST(ChatServiceHours, NoChatStartsOutsideTheAreasHoursEvenWithAnAdvisorOn) {
  auto opened = store::open_store("sqlite::memory:", 2);
  ASSERT_TRUE(opened.has_value());
  auto store = std::move(*opened);
  ASSERT_TRUE(store->migrate().has_value());
  // Saturday 5 December 2026, 10:00 in London (GMT).
  FixedClock clock{std::chrono::sys_days{std::chrono::year(2026) / 12 / 5} + std::chrono::hours(10)};
  ChatLimits limits;
  limits.hours.emplace("merseyside", chat::read_opening_hours("mon-fri 09:00-17:00").value());
  ChatService service(*store, clock, NotesCipher::for_tests_only(), limits);
  const access::Actor advisor{accounts::Role::kGatewayAdvisor, "user-a", "org-gateway", "gateway",
                              {"merseyside", "staffordshire"}, "team-1"};
  ASSERT_TRUE(service.queue(advisor));
  EXPECT_FALSE(service.within_hours("merseyside"));
  EXPECT_EQ(service.start("merseyside", "192.0.2.1").error().code, "unavailable");
  EXPECT_EQ(service.hours_text("merseyside"), (std::vector<std::string>{
      "Monday: 9:00 to 17:00", "Tuesday: 9:00 to 17:00", "Wednesday: 9:00 to 17:00", "Thursday: 9:00 to 17:00",
      "Friday: 9:00 to 17:00"}));
  EXPECT_TRUE(service.within_hours("staffordshire")) << "an area without hours: whenever an advisor is on";
  EXPECT_TRUE(service.start("staffordshire", "192.0.2.1"));
  clock.advance(std::chrono::hours(24 * 2));  // Monday 10:00
  ASSERT_TRUE(service.queue(advisor));
  EXPECT_TRUE(service.within_hours("merseyside"));
  EXPECT_TRUE(service.start("merseyside", "192.0.2.1"));
}

}  // namespace
}  // namespace vg::app
