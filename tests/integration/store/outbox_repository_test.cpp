// Conformance: the outbox's messages, the same on every backend: written in a unit of work with
// the job that sends each, their status changed with that job's outcome.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace vg::store::testing {
namespace {

using std::chrono::seconds;

class OutboxRepositoryTest : public StoreTest {
 protected:
  static OutboxMessageRecord message(int n, const std::string& channel = "email") {
    OutboxMessageRecord m;
    m.id = uuid(n);
    m.case_id = "case-" + std::to_string(n);
    m.channel = channel;
    m.recipient = "person" + std::to_string(n) + "@example.org";
    m.subject = "Your named contact";
    m.body = "Hello,\nThis is your named contact.";
    m.template_code = "named_contact_introduction";
    m.large_print = n % 2 == 0;
    m.status = "queued";
    m.created_at = at(seconds(n));
    m.updated_at = at(seconds(n));
    return m;
  }

  void insert(const OutboxMessageRecord& m) {
    auto written = store_->write([&](UnitOfWork& unit) { return unit.outbox().insert(m); });
    ASSERT_TRUE(written.has_value()) << written.error().message;
  }
};

TEST_F(OutboxRepositoryTest, AnInsertedMessageIsFoundWhole) {
  insert(message(2, "letter"));
  auto found = store_->outbox().find(uuid(2)).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->case_id, "case-2");
  EXPECT_EQ(found->channel, "letter");
  EXPECT_EQ(found->recipient, "person2@example.org");
  EXPECT_EQ(found->subject, "Your named contact");
  EXPECT_EQ(found->body, "Hello,\nThis is your named contact.");
  EXPECT_EQ(found->template_code, "named_contact_introduction");
  EXPECT_TRUE(found->large_print);
  EXPECT_EQ(found->status, "queued");
  EXPECT_EQ(found->created_at, at(seconds(2)));
  EXPECT_FALSE(found->sent_at.has_value());
  EXPECT_FALSE(store_->outbox().find(uuid(9)).value().has_value());
}

TEST_F(OutboxRepositoryTest, ATakenIdIsAConflictAndAnUnknownChannelIsRefused) {
  insert(message(1));
  auto again = store_->write([&](UnitOfWork& unit) { return unit.outbox().insert(message(1)); });
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "conflict");
  auto odd = store_->write(
      [&](UnitOfWork& unit) { return unit.outbox().insert(message(3, "pigeon")); });
  EXPECT_FALSE(odd.has_value());
}

TEST_F(OutboxRepositoryTest, StatusChangesKeepTheRenderedLetterAndTheSendTime) {
  insert(message(1, "letter"));
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) {
                    return unit.outbox().change_status(
                        {uuid(1), "failed", "render_failed", std::nullopt, at(seconds(10))});
                  })
                  .has_value());
  auto failed = store_->outbox().find(uuid(1)).value();
  EXPECT_EQ(failed->status, "failed");
  EXPECT_EQ(failed->last_error, "render_failed");
  EXPECT_FALSE(failed->sent_at.has_value());
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) {
                    return unit.outbox().change_status(
                        {uuid(1), "ready_to_print", "", "<html>letter</html>", at(seconds(20))});
                  })
                  .has_value());
  auto ready = store_->outbox().find(uuid(1)).value();
  EXPECT_EQ(ready->status, "ready_to_print");
  EXPECT_EQ(ready->rendered, "<html>letter</html>");
  EXPECT_EQ(ready->sent_at, at(seconds(20)));
  EXPECT_EQ(ready->updated_at, at(seconds(20)));
  auto missing = store_->write([&](UnitOfWork& unit) {
    return unit.outbox().change_status({uuid(7), "sent", "", std::nullopt, at()});
  });
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "not_found");
}

// A reminder its case no longer wants is cancelled (0035), not sent: no send time; and a status
// the outbox does not know is refused by the store itself.
TEST_F(OutboxRepositoryTest, AMessageCanBeCancelledButNotGivenAnUnknownStatus) {
  insert(message(1, "text"));
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) {
                    return unit.outbox().change_status(
                        {uuid(1), "cancelled", "case_closed", std::nullopt, at(seconds(30))});
                  })
                  .has_value());
  auto cancelled = store_->outbox().find(uuid(1)).value();
  EXPECT_EQ(cancelled->status, "cancelled");
  EXPECT_EQ(cancelled->last_error, "case_closed");
  EXPECT_FALSE(cancelled->sent_at.has_value());
  EXPECT_EQ(store_->outbox().list_by_status("cancelled", {1, 10}).value().total_items, 1);
  auto odd = store_->write([&](UnitOfWork& unit) {
    return unit.outbox().change_status({uuid(1), "lost", "", std::nullopt, at()});
  });
  EXPECT_FALSE(odd.has_value());
}

TEST_F(OutboxRepositoryTest, MessagesAreListedByStatusOldestFirst) {
  insert(message(3));
  insert(message(1));
  insert(message(2));
  ASSERT_TRUE(store_
                  ->write([&](UnitOfWork& unit) {
                    return unit.outbox().change_status({uuid(2), "sent", "", std::nullopt, at()});
                  })
                  .has_value());
  auto queued = store_->outbox().list_by_status("queued", {1, 10}).value();
  EXPECT_EQ(queued.total_items, 2);
  ASSERT_EQ(queued.items.size(), 2u);
  EXPECT_EQ(queued.items[0].id, uuid(1));
  EXPECT_EQ(queued.items[1].id, uuid(3));
  EXPECT_EQ(store_->outbox().list_by_status("sent", {1, 10}).value().items.at(0).id, uuid(2));
}

}  // namespace
}  // namespace vg::store::testing
