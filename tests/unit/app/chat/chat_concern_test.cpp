// Safeguarding concerns recorded beside a chat, on a real (in-memory SQLite) store: only by the
// advisor who took the chat (anyone else is told it does not exist), refused with nothing stored
// when the form is wrong, sealed and audited without its words, never shown to the victim, and
// carried onto the case as a safeguarding task when the chat becomes a referral (and at once when
// recorded after). People and organisations invented.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/chat/chat_service.h"
#include "store/open/open_chat_concerns.h"
#include "support/fixed_clock.h"
#include "unit/app/intake/intake_store.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

const std::string kHub = "7a1c0e52-3d4b-4c1e-9f00-0000000000c1";

std::string chat_referral() {
  return R"({"channel": "chat", "area": "merseyside", "reported_to_police": false, "incident_date": "2026-11-20",
    "offence_category": "burglary_residential", "local_authority": "E08000012",
    "consent": {"basis": "explicit_consent", "captured_by": "user-a", "captured_at": "2026-11-23T09:00:00Z",
    "method": "chat"}, "victim": {"type": "person", "name": "Sam Inventedname", "age": 30}})";
}

class ChatConcernTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    accounts::AuditEntry audit;
    audit.actor = "test";
    audit.action = "organisation.upsert";
    ASSERT_TRUE(store_->accounts()
                    .upsert_organisation({kHub, "Invented Hub", "gateway", {"merseyside"}, {}}, audit)
                    .has_value());
    concerns_ = std::move(store::open_chat_concerns(*store_).value());
    intake_ = std::make_unique<testing::Intake>(*store_, clock_, VG_SOURCE_DIR "/config");
    service_ = std::make_unique<ChatService>(*store_, clock_, NotesCipher::for_tests_only(), ChatLimits{},
                                             &intake_->referrals, nullptr, concerns_.get());
    ASSERT_TRUE(service_->queue(advisor_));
    token_ = service_->start("merseyside", "192.0.2.1").value();
    chat_id_ = service_->queue(advisor_).value().waiting.at(0).id;
    ASSERT_TRUE(service_->take(advisor_, chat_id_));
  }

  std::vector<accounts::AuditEntry> audit() { return store_->audit().read(0, 1000).value(); }
  std::vector<casework::CaseTask> tasks(const std::string& case_id) {
    return store_->case_risk().tasks(case_id).value();
  }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::ChatConcernRepository> concerns_;
  std::unique_ptr<testing::Intake> intake_;
  std::unique_ptr<ChatService> service_;
  const access::Actor advisor_{accounts::Role::kGatewayAdvisor, "user-a", kHub, "gateway", {"merseyside"}, ""};
  const access::Actor colleague_{accounts::Role::kGatewayAdvisor, "user-b", kHub, "gateway", {"merseyside"}, ""};
  std::string token_;
  std::string chat_id_;
};

TEST_F(ChatConcernTest, TheAdvisorRecordsAConcernSealedAndAuditedWithoutItsWords) {
  auto refused = service_->record_concern(advisor_, chat_id_, "", "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "validation_failed");
  EXPECT_EQ(refused.error().fields.size(), 2u);
  EXPECT_TRUE(concerns_->of_chat(chat_id_).value().empty());

  auto recorded = service_->record_concern(advisor_, chat_id_, "child_at_risk", "Their invented son is alone");
  ASSERT_TRUE(recorded) << recorded.error().message;
  const auto stored = concerns_->of_chat(chat_id_).value();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].kind, chat::ConcernKind::kChildAtRisk);
  EXPECT_EQ(stored[0].recorded_by, "user-a");
  EXPECT_EQ(stored[0].note.sealed.find("invented"), std::string::npos) << "sealed at rest";
  const auto entries = audit();
  EXPECT_EQ(entries.back().action, "chat.concern");
  EXPECT_EQ(entries.back().entity_id, chat_id_);
  EXPECT_NE(entries.back().detail.find("child_at_risk"), std::string::npos);
  EXPECT_EQ(entries.back().detail.find("invented"), std::string::npos);

  const auto shown = service_->advisor_transcript(advisor_, chat_id_).value();
  ASSERT_EQ(shown.concerns.size(), 1u);
  EXPECT_EQ(shown.concerns[0].note, "Their invented son is alone");
  EXPECT_TRUE(service_->victim_transcript(token_).value()->concerns.empty()) << "never the victim's";
}

TEST_F(ChatConcernTest, AnyoneWhoMayNotAnswerTheChatIsToldItDoesNotExist) {
  auto other = service_->record_concern(colleague_, chat_id_, "other", "words");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "not_found");
  auto missing = service_->record_concern(advisor_, "00000000-0000-4000-8000-000000000000", "other", "words");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "not_found");
  EXPECT_EQ(other.error().message, missing.error().message);
  EXPECT_TRUE(concerns_->of_chat(chat_id_).value().empty());
}

TEST_F(ChatConcernTest, EachConcernBecomesASafeguardingTaskOnTheCase) {
  ASSERT_TRUE(service_->record_concern(advisor_, chat_id_, "danger_to_life", "Called 999 at ten"));
  const auto made = service_->refer(advisor_, chat_id_, chat_referral());
  ASSERT_TRUE(made) << made.error().message;
  auto on_case = tasks(made->referral_id);
  ASSERT_EQ(on_case.size(), 1u);
  EXPECT_EQ(on_case[0].kind, casework::TaskKind::kSafeguardingReferral);
  EXPECT_EQ(on_case[0].reason_code, "chat_concern_danger_to_life");
  EXPECT_EQ(on_case[0].title, chat::task_title(chat::ConcernKind::kDangerToLife));
  EXPECT_EQ(on_case[0].detail.find("999 at ten"), std::string::npos) << "the note stays sealed with the chat";
  EXPECT_EQ(on_case[0].assigned_to, "user-a");

  // Sent again: no second task. Recorded after: onto the case at once.
  ASSERT_TRUE(service_->refer(advisor_, chat_id_, chat_referral()));
  EXPECT_EQ(tasks(made->referral_id).size(), 1u);
  ASSERT_TRUE(service_->record_concern(advisor_, chat_id_, "adult_at_risk", "An invented neighbour"));
  EXPECT_EQ(tasks(made->referral_id).size(), 2u);
  const auto carried = concerns_->of_chat(chat_id_).value();
  for (const auto& c : carried) EXPECT_FALSE(c.case_task_id.empty());
}

}  // namespace
}  // namespace vg::app
