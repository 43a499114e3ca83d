// Erasure on request as a use case, and making erasures again after a restore: a team leader of
// the holding organisation erases a closed case's personal data (refused while it is open or
// held, or erased already), audited without the data and ledgered "on_request"; other roles and
// organisations are refused without learning the case exists; a copy of the database from before
// the erasure has it made again from the ledger, even past a hold the copy still shows. SQLite
// stores and a fixed clock; every person here is invented.
#include "app/protection/erasure_requests.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/audit/audit_entry.h"
#include "app/protection/erasure_replay.h"
#include "store/open/open_store.h"
#include "unit/app/casework/casework_store.h"

namespace vg::app::testing {
namespace {

// A second database set up as the fixture's, standing for a backup of it.
class OlderCopy : public CaseworkStoreTest {
 public:
  using CaseworkStoreTest::SetUp;
  using CaseworkStoreTest::store_;
  void TestBody() override {}
};

class ErasureRequestsTest : public CaseworkStoreTest {
 protected:
  void SetUp() override {
    CaseworkStoreTest::SetUp();
    retention_ = std::move(store::open_retention(*store_).value());
    erasures_ = std::make_unique<ErasureRequests>(*store_, *retention_, clock_, protection::RetentionPeriods{});
  }

  access::Actor leader(const std::string& organisation = kGateway) const {
    return {access::Role::kTeamLeader, "leader-1", organisation, "gateway", {"merseyside"}, kTeam};
  }

  void close_case() {
    ASSERT_TRUE(store_->write([&](store::UnitOfWork& unit) -> Result<void> {
      return unit.support().insert_closure({kCase, "declined_support", {}, kAdvisor, clock_.now()});
    }));
  }

  std::string document() { return store_->referrals().find(kCase).value()->document; }

  std::unique_ptr<store::RetentionRepository> retention_;
  std::unique_ptr<ErasureRequests> erasures_;
};

TEST_F(ErasureRequestsTest, AClosedCaseIsErasedAtOnceAuditedWithoutItsDataAndLedgered) {
  close_case();
  auto erased = erasures_->erase(leader(), kCase);
  ASSERT_TRUE(erased.has_value()) << erased.error().message;
  EXPECT_EQ(erased->referral_documents, 1);
  EXPECT_EQ(document(), "{\"erased\":true}");
  auto ledger = retention_->erasure(kCase).value();
  ASSERT_TRUE(ledger.has_value());
  EXPECT_EQ(ledger->rule, "on_request");
  EXPECT_EQ(ledger->erased_at, clock_.now());
  const auto entries = store_->audit().read(0, 1000).value();
  const auto entry = std::find_if(entries.begin(), entries.end(),
                                  [](const auto& e) { return e.action == "case.personal_data_erased"; });
  ASSERT_NE(entry, entries.end());
  EXPECT_EQ(entry->actor, "leader-1");
  EXPECT_EQ(entry->entity_id, kCase);
  EXPECT_TRUE(entry->detail.starts_with("{\"rule\":\"on_request\"")) << entry->detail;
  // Twice is refused, and says why.
  auto again = erasures_->erase(leader(), kCase);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "conflict");
  EXPECT_EQ(again.error().fields.at(0).code, "erased_already");
}

TEST_F(ErasureRequestsTest, AnOpenCaseOrAHeldOneIsRefusedAndNothingChanges) {
  const auto before = document();
  auto open = erasures_->erase(leader(), kCase);
  ASSERT_FALSE(open.has_value());
  EXPECT_EQ(open.error().fields.at(0).code, "open");
  close_case();
  ASSERT_TRUE(retention_->place_hold({"hold-1", kCase, protection::HoldReason::kComplaint, "leader-1", clock_.now(), "", {}},
                                     audit_entry(clock_.now(), "leader-1", "case.hold_placed", "case", kCase)));
  auto held = erasures_->erase(leader(), kCase);
  ASSERT_FALSE(held.has_value());
  EXPECT_EQ(held.error().fields.at(0).code, "held");
  EXPECT_EQ(document(), before);
  EXPECT_FALSE(retention_->erasure(kCase).value().has_value());
}

TEST_F(ErasureRequestsTest, OtherRolesAndOrganisationsAreRefusedWithoutLearningTheCaseExists) {
  close_case();
  EXPECT_EQ(erasures_->erase(advisor(), kCase).error().code, "forbidden");
  auto elsewhere = erasures_->erase(leader("00000000-0000-4000-8000-0000000000ff"), kCase);
  auto missing = erasures_->erase(leader(), "00000000-0000-4000-8000-0000000000fe");
  EXPECT_EQ(elsewhere.error().code, "not_found");
  EXPECT_EQ(missing.error().code, "not_found");
  EXPECT_EQ(elsewhere.error().message, missing.error().message);
  EXPECT_NE(document(), "{\"erased\":true}");
}

TEST_F(ErasureRequestsTest, AnOlderCopyHasTheErasureMadeAgainEvenPastAHoldItStillShows) {
  close_case();
  // The copy, as a backup taken before the erasure: a second database with the same case, held.
  OlderCopy older;
  older.SetUp();
  auto& copy = *older.store_;
  auto copy_retention = store::open_retention(copy).value();
  ASSERT_TRUE(copy.write([&](store::UnitOfWork& unit) -> Result<void> {
    return unit.support().insert_closure({kCase, "declined_support", {}, kAdvisor, clock_.now()});
  }));
  ASSERT_TRUE(copy_retention->place_hold({"hold-2", kCase, protection::HoldReason::kProsecution, "leader-1", clock_.now(), "", {}},
                                         audit_entry(clock_.now(), "leader-1", "case.hold_placed", "case", kCase)));
  ASSERT_TRUE(erasures_->erase(leader(), kCase).has_value());

  const auto ledger = erasure_ledger(*retention_).value();
  ASSERT_EQ(ledger.size(), 1u);
  auto made = replay_erasures(ledger, *copy_retention, clock_);
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_EQ(*made, 1);
  EXPECT_EQ(copy.referrals().find(kCase).value()->document, "{\"erased\":true}");
  EXPECT_EQ(copy_retention->erasure(kCase).value()->rule, "on_request");
  // Made once: a second replay finds it in the copy's ledger.
  EXPECT_EQ(replay_erasures(ledger, *copy_retention, clock_).value(), 0);
}

}  // namespace
}  // namespace vg::app::testing
