#include "domain/protection/erasure_request.h"

#include <gtest/gtest.h>

namespace vg::protection {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr Date date(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

RetentionFacts closed_yesterday() {
  RetentionFacts f;
  f.close_reason = "support_completed";
  f.closed_on = date(2026, 12, 4);
  f.last_contact_on = date(2026, 12, 4);
  return f;
}

TEST(ErasureRequest, AClosedCaseMayBeErasedAtOnceWhateverTheSchedule) {
  const auto d = decide_erasure_request(closed_yesterday(), false, {}, date(2026, 12, 5));
  EXPECT_FALSE(d.refused);
  EXPECT_FALSE(d.keep_marac_until);
}

TEST(ErasureRequest, AHoldRefusesIt) {
  auto f = closed_yesterday();
  f.held = true;
  EXPECT_EQ(decide_erasure_request(f, false, {}, date(2026, 12, 5)).refused, ErasureRefusal::kHeld);
  EXPECT_EQ(to_code(ErasureRefusal::kHeld), "held");
}

TEST(ErasureRequest, AnOpenCaseIsClosedFirst) {
  RetentionFacts open;
  open.last_contact_on = date(2026, 12, 1);
  EXPECT_EQ(decide_erasure_request(open, false, {}, date(2026, 12, 5)).refused, ErasureRefusal::kOpen);
}

TEST(ErasureRequest, AnErasedCaseIsNotErasedTwice) {
  EXPECT_EQ(decide_erasure_request(closed_yesterday(), true, {}, date(2026, 12, 5)).refused,
            ErasureRefusal::kErasedAlready);
}

TEST(ErasureRequest, KeepsTheMaracHistoryTheRepeatRuleNeedsForTwelveMonths) {
  auto f = closed_yesterday();
  f.last_marac_referral = date(2026, 3, 1);
  const auto d = decide_erasure_request(f, false, {}, date(2026, 12, 5));
  EXPECT_FALSE(d.refused);
  EXPECT_EQ(d.keep_marac_until, date(2027, 3, 1));
  f.last_marac_referral = date(2025, 12, 4);
  EXPECT_FALSE(decide_erasure_request(f, false, {}, date(2026, 12, 5)).keep_marac_until);
}

}  // namespace
}  // namespace vg::protection
