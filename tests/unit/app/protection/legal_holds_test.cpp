// Legal holds as a use case: a team leader of the holding organisation places and lifts them,
// each audited with codes and ids only; other roles and other organisations are refused without
// learning the case exists; an unknown reason is a field error and changes nothing. A SQLite
// store and a fixed clock; every person here is invented.
#include "app/protection/legal_holds.h"

#include <gtest/gtest.h>

#include "store/open/open_store.h"
#include "unit/app/casework/casework_store.h"

namespace vg::app::testing {
namespace {

class LegalHoldsTest : public CaseworkStoreTest {
 protected:
  void SetUp() override {
    CaseworkStoreTest::SetUp();
    retention_ = std::move(store::open_retention(*store_).value());
    holds_ = std::make_unique<LegalHolds>(*store_, *retention_, clock_);
  }

  access::Actor leader(const std::string& organisation = kGateway) const {
    return {access::Role::kTeamLeader, "leader-1", organisation, "gateway", {"merseyside"}, kTeam};
  }

  std::vector<accounts::AuditEntry> audit_of(const std::string& action) {
    std::vector<accounts::AuditEntry> out;
    const auto entries = store_->audit().read(0, 1000).value();
    for (const auto& e : entries) {
      if (e.action == action) out.push_back(e);
    }
    return out;
  }

  std::unique_ptr<store::RetentionRepository> retention_;
  std::unique_ptr<LegalHolds> holds_;
};

TEST_F(LegalHoldsTest, ATeamLeaderPlacesAndLiftsAHoldEachAudited) {
  auto placed = holds_->place(leader(), kCase, "prosecution");
  ASSERT_TRUE(placed.has_value()) << placed.error().message;
  EXPECT_EQ(placed->placed_by, "leader-1");
  EXPECT_EQ(placed->placed_at, clock_.now());
  auto listed = holds_->holds(leader(), kCase);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(listed->front().in_force());
  ASSERT_EQ(audit_of("case.hold_placed").size(), 1u);
  EXPECT_EQ(audit_of("case.hold_placed")[0].actor, "leader-1");
  EXPECT_EQ(audit_of("case.hold_placed")[0].detail,
            "{\"hold_id\":\"" + placed->id + "\",\"reason\":\"prosecution\"}");

  clock_.advance(std::chrono::hours(1));
  ASSERT_TRUE(holds_->lift(leader(), kCase, placed->id).has_value());
  listed = holds_->holds(leader(), kCase);
  EXPECT_FALSE(listed->front().in_force());
  EXPECT_EQ(listed->front().lifted_by, "leader-1");
  ASSERT_EQ(audit_of("case.hold_lifted").size(), 1u);
  // Lifting again changes nothing.
  ASSERT_TRUE(holds_->lift(leader(), kCase, placed->id).has_value());
  EXPECT_EQ(audit_of("case.hold_lifted").size(), 1u);
}

TEST_F(LegalHoldsTest, OtherRolesAndOrganisationsAreRefusedWithoutLearningTheCaseExists) {
  auto advisor_try = holds_->place(advisor(), kCase, "complaint");
  ASSERT_FALSE(advisor_try.has_value());
  EXPECT_EQ(advisor_try.error().code, "forbidden");
  auto elsewhere = holds_->place(leader("00000000-0000-4000-8000-0000000000ff"), kCase, "complaint");
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().code, "not_found");
  auto missing = holds_->place(leader(), "00000000-0000-4000-8000-0000000000fe", "complaint");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "not_found");
  EXPECT_EQ(elsewhere.error().message, missing.error().message);
  EXPECT_TRUE(retention_->holds(kCase).value().empty());
  EXPECT_TRUE(audit_of("case.hold_placed").empty());
}

TEST_F(LegalHoldsTest, AnUnknownReasonIsAFieldErrorAndNothingIsHeld) {
  auto refused = holds_->place(leader(), kCase, "because");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "validation_failed");
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "reason");
  EXPECT_TRUE(retention_->holds(kCase).value().empty());
  auto unknown = holds_->lift(leader(), kCase, "00000000-0000-4000-8000-0000000000fd");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, "not_found");
}

}  // namespace
}  // namespace vg::app::testing
