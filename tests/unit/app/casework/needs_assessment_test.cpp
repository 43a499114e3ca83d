#include "app/casework/needs_assessment.h"

#include <gtest/gtest.h>

#include "unit/app/casework/casework_store.h"

namespace vg::app::testing {
namespace {

constexpr const char* kNote = "Invented: afraid to answer the door after dark";

class NeedsAssessmentTest : public CaseworkStoreTest {
 protected:
  NotesCipher cipher_ = NotesCipher::for_tests_only();

  NeedsAnswers all(const std::string& rating) {
    NeedsAnswers a;
    for (const auto& d : casework::default_need_domains()) a.ratings[d.code] = rating;
    return a;
  }
};

TEST_F(NeedsAssessmentTest, CompletingStopsTheNeedsClockAndKeepsTheNotesSealed) {
  NeedsAssessment needs(*store_, clock_, cipher_);
  auto answers = all("low");
  answers.notes["safety"] = kNote;
  auto done = needs.complete(advisor(), kCase, version(), answers);
  ASSERT_TRUE(done) << done.error().message;
  const auto clocks = store_->cases().deadlines(kCase).value();
  for (const auto& d : clocks) {
    EXPECT_EQ(d.met_at.has_value(), d.code == "needs_assessment") << d.code;
  }
  // The first-contact clock still runs: it is the one next_due shows.
  using namespace std::chrono;
  EXPECT_EQ(done->next_due, year{2026} / December / day{8});

  auto view = needs.open(advisor(), kCase).value();
  ASSERT_TRUE(view.assessed);
  EXPECT_EQ(view.assessed->notes.at("safety"), kNote);
  // As stored: sealed, and the audit log names counts only.
  store::UnitOfWorkBody check = [&](store::UnitOfWork& unit) -> Result<void> {
    auto stored = VG_TRY(unit.support().assessments(kCase));
    EXPECT_EQ(stored.at(0).notes.sealed.find("afraid"), std::string::npos);
    EXPECT_EQ(stored.at(0).notes.key_id, cipher_.key_id());
    return {};
  };
  ASSERT_TRUE(store_->write(check));
  const auto entries = store_->audit().read(0, 100).value();
  for (const auto& e : entries) {
    EXPECT_EQ(e.detail.find("afraid"), std::string::npos) << e.action;
  }
}

TEST_F(NeedsAssessmentTest, ADraftIsThePersonsOwnAndLeavesTheCaseAsItWas) {
  NeedsAssessment needs(*store_, clock_, cipher_);
  const auto before = version();
  NeedsAnswers partial;
  partial.ratings["safety"] = "high";
  partial.notes["safety"] = kNote;
  ASSERT_TRUE(needs.save_draft(advisor(), kCase, partial));
  EXPECT_EQ(version(), before);
  auto view = needs.open(advisor(), kCase).value();
  ASSERT_TRUE(view.draft);
  EXPECT_EQ(view.draft->ratings.at("safety"), "high");
  EXPECT_EQ(view.draft->notes.at("safety"), kNote);
  EXPECT_FALSE(view.assessed);
  // Completing discards it.
  ASSERT_TRUE(needs.complete(advisor(), kCase, before, all("none")));
  EXPECT_FALSE(needs.open(advisor(), kCase).value().draft);
}

TEST_F(NeedsAssessmentTest, EveryUnratedNeedAndOverlongNoteIsNamedAndNothingLands) {
  NeedsAssessment needs(*store_, clock_, cipher_);
  auto answers = all("low");
  answers.ratings.erase("finance");
  answers.notes["safety"] = std::string(casework::kMaxNoteBytes + 1, 'x');
  auto refused = needs.complete(advisor(), kCase, version(), answers);
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().fields.size(), 2u);
  EXPECT_EQ(refused.error().fields[0].field, "need_finance");
  EXPECT_EQ(refused.error().fields[1].field, "note_safety");
  EXPECT_FALSE(needs.open(advisor(), kCase).value().assessed);
}

TEST_F(NeedsAssessmentTest, AStaleFormIsRefused) {
  NeedsAssessment needs(*store_, clock_, cipher_);
  const auto before = version();
  ASSERT_TRUE(needs.complete(advisor(), kCase, before, all("low")));
  auto stale = needs.complete(advisor(), kCase, before, all("high"));
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, "conflict");
}

}  // namespace
}  // namespace vg::app::testing
