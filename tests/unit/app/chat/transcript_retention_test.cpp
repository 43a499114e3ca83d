// The transcript retention job on a real (in-memory SQLite) store with a fixed clock: a finished
// chat that became no referral keeps its words exactly the configured period and loses them just
// after, leaving the de-identified facts; the deletion is audited with the job as the actor; a
// chat still open or made a referral is never touched; each run queues the next.
#include "app/chat/transcript_retention.h"

#include <gtest/gtest.h>

#include <memory>

#include "app/chat/chat_service.h"
#include "support/fixed_clock.h"
#include "unit/app/intake/intake_store.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

class TranscriptRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    chats_ = std::make_unique<ChatService>(*store_, clock_, NotesCipher::for_tests_only());
    ASSERT_TRUE(chats_->queue(advisor_));
  }

  // A chat the advisor took and answered, then ended now; its id.
  std::string finished_chat(std::string_view address) {
    const auto token = chats_->start("merseyside", address).value();
    const auto waiting = chats_->queue(advisor_).value().waiting;
    const std::string id = waiting.back().id;
    EXPECT_TRUE(chats_->take(advisor_, id));
    EXPECT_TRUE(chats_->victim_message(token, "Invented words"));
    EXPECT_TRUE(chats_->advisor_end(advisor_, id));
    return id;
  }

  std::vector<accounts::AuditEntry> audit() { return store_->audit().read(0, 1000).value(); }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 12 / 5} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ChatService> chats_;
  const access::Actor advisor_{accounts::Role::kGatewayAdvisor, "user-a", "org-gateway", "gateway",
                               {"merseyside"}, "team-1"};
};

TEST_F(TranscriptRetentionTest, WordsAreKeptThePeriodExactlyAndDeletedJustAfterLeavingTheFacts) {
  const std::string id = finished_chat("192.0.2.1");
  TranscriptRetention retention(*store_, clock_, std::chrono::days(30));
  clock_.advance(std::chrono::days(30));
  EXPECT_EQ(retention.delete_due().value(), 0) << "kept for the whole period";
  EXPECT_FALSE(store_->chats().events_after(id, 0, 10).value().empty());
  clock_.advance(1s);
  EXPECT_EQ(retention.delete_due().value(), 1);
  EXPECT_TRUE(store_->chats().events_after(id, 0, 10).value().empty());
  auto c = store_->chats().find(id).value();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->area, "merseyside");
  EXPECT_TRUE(c->taken_at.has_value()) << "whether it was answered";
  EXPECT_TRUE(c->ended_at.has_value());
  EXPECT_TRUE(c->transcript_deleted_at.has_value());
  EXPECT_TRUE(c->address_hash.empty());
  const auto entries = audit();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().action, "chat.transcript_deleted");
  EXPECT_EQ(entries.back().actor, TranscriptRetention::kActor);
  EXPECT_EQ(entries.back().entity_id, id);
  EXPECT_EQ(retention.delete_due().value(), 0) << "once";
}

TEST_F(TranscriptRetentionTest, AnOpenChatIsNeverDue) {
  ASSERT_TRUE(chats_->start("merseyside", "192.0.2.9"));
  TranscriptRetention retention(*store_, clock_, std::chrono::days(1));
  clock_.advance(std::chrono::days(400));
  EXPECT_EQ(retention.delete_due().value(), 0);
}

TEST_F(TranscriptRetentionTest, TheConfiguredPeriodIsTheOneUsed) {
  finished_chat("192.0.2.1");
  TranscriptRetention week(*store_, clock_, std::chrono::days(7));
  clock_.advance(std::chrono::days(7) + 1s);
  EXPECT_EQ(week.delete_due().value(), 1);
}

TEST_F(TranscriptRetentionTest, EachRunQueuesTheNextAndSchedulingTwiceQueuesOne) {
  TranscriptRetention retention(*store_, clock_, std::chrono::days(30));
  ASSERT_TRUE(retention.schedule());
  ASSERT_TRUE(retention.schedule());
  JobRunner runner(*store_, clock_);
  retention.register_jobs(runner);
  auto ran = runner.run_due(10);
  ASSERT_TRUE(ran) << ran.error().message;
  EXPECT_EQ(ran->done, 1) << "one run however many processes scheduled it";
  EXPECT_EQ(runner.run_due(10).value().claimed, 0) << "the next is not due yet";
  clock_.advance(61min);
  EXPECT_EQ(runner.run_due(10).value().done, 1) << "the next run was queued by the first";
}

}  // namespace
}  // namespace vg::app
