// A chat made into a referral on a real (in-memory SQLite) store, through the intake every
// channel uses: only with the victim's explicit consent, on the chat channel, in the chat's own
// area; once per chat, however often it is sent; a referral stored before the chat named it is
// found again by its key; the victim is told the reference. Organisations and people invented.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>

#include "app/chat/chat_service.h"
#include "support/fixed_clock.h"
#include "unit/app/intake/intake_store.h"

namespace vg::app {
namespace {

using namespace std::chrono_literals;

const std::string kHub = "7a1c0e52-3d4b-4c1e-9f00-0000000000c1";

// What the staff form makes of a chat's referral (app/intake/referral_form), with `consent`.
std::string chat_referral(std::string_view consent = R"("consent": {"basis": "explicit_consent",
    "captured_by": "user-a", "captured_at": "2026-11-23T09:00:00Z", "method": "chat"},)",
                          std::string_view channel = "chat", std::string_view area = "merseyside") {
  return std::string(R"({"channel": ")") + std::string(channel) + R"(", "area": ")" + std::string(area) +
         R"(", "reported_to_police": false, "incident_date": "2026-11-20",
    "offence_category": "burglary_residential", "local_authority": "E08000012", )" +
         std::string(consent) + R"( "victim": {"type": "person", "name": "Sam Inventedname", "age": 30}})";
}

class ChatReferralTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::open_migrated_store(store_);
    accounts::AuditEntry audit;
    audit.actor = "test";
    audit.action = "organisation.upsert";
    ASSERT_TRUE(store_->accounts()
                    .upsert_organisation({kHub, "Invented Hub", "gateway", {"merseyside", "staffordshire"}, {}}, audit)
                    .has_value());
    intake_ = std::make_unique<testing::Intake>(*store_, clock_, VG_SOURCE_DIR "/config");
    service_ = std::make_unique<ChatService>(*store_, clock_, NotesCipher::for_tests_only(), ChatLimits{},
                                             &intake_->referrals);
    ASSERT_TRUE(service_->queue(advisor_));
    token_ = service_->start("merseyside", "192.0.2.1").value();
    chat_id_ = service_->queue(advisor_).value().waiting.at(0).id;
    ASSERT_TRUE(service_->take(advisor_, chat_id_));
    ASSERT_TRUE(service_->victim_message(token_, "Someone broke into my flat"));
  }

  std::int64_t referrals() { return store_->referrals().count().value(); }

  FixedClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + 10h};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<testing::Intake> intake_;
  std::unique_ptr<ChatService> service_;
  const access::Actor advisor_{accounts::Role::kGatewayAdvisor, "user-a", kHub, "gateway",
                               {"merseyside", "staffordshire"}, ""};
  std::string token_;
  std::string chat_id_;
};

TEST_F(ChatReferralTest, WithoutTheVictimsConsentNothingIsStored) {
  auto refused = service_->refer(advisor_, chat_id_, chat_referral(""));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "validation_failed");
  ASSERT_FALSE(refused.error().fields.empty());
  EXPECT_EQ(refused.error().fields[0].field, "$.consent");
  auto no_objection = service_->refer(advisor_, chat_id_, chat_referral(R"("consent": {"basis": "no_objection",
      "captured_by": "user-a", "captured_at": "2026-11-23T09:00:00Z", "method": "chat"},)"));
  ASSERT_FALSE(no_objection);
  EXPECT_EQ(no_objection.error().fields[0].field, "$.consent") << "the victim's own agreement, not silence";
  EXPECT_EQ(referrals(), 0);
  EXPECT_TRUE(service_->advisor_chat(advisor_, chat_id_).value().referral_id.empty());
}

TEST_F(ChatReferralTest, TheChatsReferralIsOnTheChatChannelInTheChatsArea) {
  auto phone = service_->refer(advisor_, chat_id_, chat_referral(R"("consent": {"basis": "explicit_consent",
      "captured_by": "user-a", "captured_at": "2026-11-23T09:00:00Z", "method": "chat"},)", "phone"));
  ASSERT_FALSE(phone);
  EXPECT_EQ(phone.error().fields.at(0).field, "$.channel");
  auto elsewhere = service_->refer(advisor_, chat_id_, chat_referral(R"("consent": {"basis": "explicit_consent",
      "captured_by": "user-a", "captured_at": "2026-11-23T09:00:00Z", "method": "chat"},)", "chat", "staffordshire"));
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().fields.at(0).field, "$.area");
  auto bad = service_->refer(advisor_, chat_id_, R"({"channel": "chat"})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "validation_failed") << "the intake's own checks";
  EXPECT_EQ(referrals(), 0);
}

TEST_F(ChatReferralTest, ConsentMakesOneReferralThroughTheIntakeAndTheVictimIsToldItsReference) {
  auto made = service_->refer(advisor_, chat_id_, chat_referral());
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_TRUE(made->made_now);
  EXPECT_TRUE(made->reference.starts_with("MY-2026-")) << made->reference;
  auto stored = store_->referrals().find(made->referral_id).value();
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->channel, "chat");
  EXPECT_EQ(stored->consent_state, "consented");
  EXPECT_TRUE(store_->cases().find(made->referral_id).value()) << "its case opened as every channel's does";

  auto victim = service_->victim_transcript(token_).value();
  ASSERT_TRUE(victim);
  EXPECT_EQ(victim->chat.referral_reference, made->reference);
  EXPECT_EQ(victim->lines.back().kind, chat::ChatEventKind::kReferred);

  // Again, even with other details: the same referral, no second one.
  auto again = service_->refer(advisor_, chat_id_, chat_referral() + " ");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->made_now);
  EXPECT_EQ(again->reference, made->reference);
  EXPECT_EQ(referrals(), 1);
}

TEST_F(ChatReferralTest, AReferralStoredBeforeTheChatNamedItIsFoundAgainByItsKey) {
  // As if the process stopped between storing the referral and naming it on the chat.
  std::promise<Result<IntakeOutcome>> answered;
  auto answer = answered.get_future();
  intake_->referrals.submit_async(chat_referral(), advisor_, "chat:" + chat_id_,
                                  [&](Result<IntakeOutcome> a) { answered.set_value(std::move(a)); });
  const auto first = answer.get();
  ASSERT_TRUE(first);
  auto made = service_->refer(advisor_, chat_id_, chat_referral() + "  ");  // another body: the key's conflict
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->reference, first->referral.reference);
  EXPECT_EQ(referrals(), 1);
  EXPECT_EQ(service_->advisor_chat(advisor_, chat_id_).value().referral_id, first->referral.id);
}

TEST_F(ChatReferralTest, OnlyTheAdvisorWhoTookTheChatMakesItAReferral) {
  const access::Actor colleague{accounts::Role::kGatewayAdvisor, "user-b", kHub, "gateway", {"merseyside"}, ""};
  EXPECT_EQ(service_->refer(colleague, chat_id_, chat_referral()).error().code, "not_found");
  EXPECT_EQ(referrals(), 0);
}

}  // namespace
}  // namespace vg::app
