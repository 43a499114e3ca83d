// Break glass end to end over a store: another team's advisor is asked for a reason before any
// section of the case opens (reason_required, nothing audited as read); a recorded reason opens
// every section for its hours, each read audited "via":"break_glass"; no or an unknown reason
// records nothing; sign-out ends it; the holding team reads as of right. Every person is invented.
#include "app/casework/break_glass.h"

#include <gtest/gtest.h>

#include "app/casework/case_file.h"
#include "app/casework/case_read_right.h"
#include "app/casework/case_notes.h"
#include "app/casework/case_tasks.h"
#include "unit/app/casework/casework_store.h"

namespace vg::app::testing {
namespace {

constexpr const char* kOtherTeam = "00000000-0000-4000-8000-0000000000b3";
constexpr const char* kOtherAdvisor = "00000000-0000-4000-8000-0000000000b4";

class BreakGlassTest : public CaseworkStoreTest {
 protected:
  void SetUp() override {
    CaseworkStoreTest::SetUp();
    accounts::AuditEntry audit;
    audit.actor = "test";
    audit.action = "setup";
    accounts::User u;
    u.id = kOtherAdvisor;
    u.email = "other-advisor@example.org";
    u.display_name = "Invented Other Advisor";
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$invented$invented";
    u.organisation_id = kGateway;
    u.created_at = clock_.now();
    ASSERT_TRUE(store_->accounts().create_user(u, audit));
    ASSERT_TRUE(store_->cases().upsert_team({kOtherTeam, kGateway, "merseyside", "Invented other team"}, audit));
    ASSERT_TRUE(store_->cases().set_team_member({kOtherAdvisor, kOtherTeam, {}, 20}, audit));
  }

  access::Actor other_advisor() const {
    return {access::Role::kGatewayAdvisor, kOtherAdvisor, kGateway, "gateway", {"merseyside"}, kOtherTeam};
  }

  std::vector<accounts::AuditEntry> audit_of(const std::string& action) {
    std::vector<accounts::AuditEntry> out;
    auto entries = store_->audit().read(0, 1000).value();
    for (auto& e : entries) {
      if (e.action == action) out.push_back(std::move(e));
    }
    return out;
  }

  NotesCipher cipher_ = NotesCipher::for_tests_only();
  BreakGlass glass() { return BreakGlass(*store_, clock_, cipher_); }
};

TEST_F(BreakGlassTest, AnotherTeamsCaseAsksForAReasonAndShowsNothingUntilThen) {
  CaseFile files(*store_, clock_);
  auto refused = files.open(other_advisor(), kCase);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, kReasonRequired);
  // Every section answers the same, through the one check.
  CaseTasks tasks(*store_, clock_);
  EXPECT_EQ(tasks.for_case(other_advisor(), kCase).error().code, kReasonRequired);
  CaseNotes notes(*store_, clock_, cipher_);
  EXPECT_EQ(notes.open(other_advisor(), kCase).error().code, kReasonRequired);
  EXPECT_TRUE(audit_of("case.read").empty());
  EXPECT_TRUE(audit_of("case.notes_read").empty());
  // The page asking may show the reference, nothing else.
  auto ask = glass().ask(other_advisor(), kCase);
  ASSERT_TRUE(ask) << ask.error().message;
  EXPECT_EQ(ask->reference, "MY-2026-000001");
}

TEST_F(BreakGlassTest, ARecordedReasonOpensEverySectionAuditedAsBreakGlass) {
  auto grant = glass().record(other_advisor(), kCase, "safeguarding_concern", "Invented words");
  ASSERT_TRUE(grant) << grant.error().message;
  EXPECT_EQ(grant->expires_at, clock_.now() + std::chrono::hours(8));
  const auto recorded = audit_of("case.break_glass");
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].actor, kOtherAdvisor);
  EXPECT_EQ(recorded[0].entity_id, kCase);
  EXPECT_NE(recorded[0].detail.find(R"("reason":"safeguarding_concern")"), std::string::npos) << recorded[0].detail;
  EXPECT_EQ(recorded[0].detail.find("Invented words"), std::string::npos) << "their words never reach the audit log";

  CaseFile files(*store_, clock_);
  auto view = files.open(other_advisor(), kCase);
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_FALSE(view->may_work) << "break glass reads; it never works the case";
  CaseNotes notes(*store_, clock_, cipher_);
  ASSERT_TRUE(notes.open(other_advisor(), kCase));
  const auto reads = audit_of("case.read");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].detail, R"({"via":"break_glass"})");
  EXPECT_EQ(audit_of("case.notes_read").at(0).detail, R"({"via":"break_glass"})");

  // After its hours it asks again.
  clock_.advance(std::chrono::hours(8));
  EXPECT_EQ(files.open(other_advisor(), kCase).error().code, kReasonRequired);
}

TEST_F(BreakGlassTest, NoOrAnUnknownReasonRecordsNothing) {
  for (const std::string code : {"", "curious"}) {
    auto refused = glass().record(other_advisor(), kCase, code, "");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "validation_failed");
    EXPECT_EQ(refused.error().fields.at(0).field, "reason");
  }
  auto too_long = glass().record(other_advisor(), kCase, "other", std::string(kMaxBreakGlassNoteBytes + 1, 'x'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().fields.at(0).field, "note");
  EXPECT_TRUE(audit_of("case.break_glass").empty());
  EXPECT_TRUE(store_->break_glass().open_grants(kOtherAdvisor, kCase).value().empty());
}

TEST_F(BreakGlassTest, SignOutEndsTheGrant) {
  ASSERT_TRUE(glass().record(other_advisor(), kCase, "duty_cover", ""));
  CaseFile files(*store_, clock_);
  ASSERT_TRUE(files.open(other_advisor(), kCase));
  ASSERT_TRUE(glass().end_all(kOtherAdvisor));
  EXPECT_EQ(files.open(other_advisor(), kCase).error().code, kReasonRequired);
  EXPECT_EQ(audit_of("case.break_glass_ended").size(), 1u);
}

TEST_F(BreakGlassTest, TheHoldingTeamReadsAsOfRightAndHasNothingToAsk) {
  CaseFile files(*store_, clock_);
  ASSERT_TRUE(files.open(advisor(), kCase));
  EXPECT_EQ(audit_of("case.read").at(0).detail, R"({"via":"own_team"})");
  EXPECT_EQ(glass().ask(advisor(), kCase).error().code, "not_found");
  EXPECT_EQ(glass().record(advisor(), kCase, "duty_cover", "").error().code, "not_found");
  // Another organisation's gateway reaches nothing, with or without a reason.
  access::Actor stranger = other_advisor();
  stranger.organisation_id = "00000000-0000-4000-8000-0000000000c1";
  EXPECT_EQ(files.open(stranger, kCase).error().code, "not_found");
  EXPECT_EQ(glass().record(stranger, kCase, "duty_cover", "").error().code, "not_found");
}

}  // namespace
}  // namespace vg::app::testing
