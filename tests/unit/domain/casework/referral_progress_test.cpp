#include "domain/casework/referral_progress.h"

#include <gtest/gtest.h>

namespace vg::casework {
namespace {

using namespace std::chrono;

Instant day(int n) { return sys_days(year{2026} / December / 1) + days(n); }

CaseEvent event(int n, std::string kind, std::string detail = "{}") {
  return {n, "c", day(n), "u", std::move(kind), std::move(detail)};
}

CaseRecord opened() {
  CaseRecord c;
  c.opened_at = day(0);
  c.updated_at = day(0);
  return c;
}

TEST(ReferralProgressTest, ReceivedUntilTheVictimIsReached) {
  auto p = referral_progress(opened(), {event(1, "allocated"),
                                        event(2, "contact_attempt", R"({"channel":"call","outcome":"no_answer"})")});
  EXPECT_EQ(p.stage, "received");
  EXPECT_EQ(p.received_at, day(0));
  EXPECT_FALSE(p.contacted_at);
}

TEST(ReferralProgressTest, ContactedSupportedAndClosedWithTheirDates) {
  auto c = opened();
  std::vector<CaseEvent> events{event(2, "contact_attempt", R"({"channel":"call","outcome":"reached"})"),
                                event(3, "contact_attempt", R"({"channel":"call","outcome":"reached"})")};
  auto p = referral_progress(c, events);
  EXPECT_EQ(p.stage, "contacted");
  EXPECT_EQ(p.contacted_at, day(2)) << "the first contact, not the last";
  events.push_back(event(4, "needs_assessed"));
  EXPECT_EQ(referral_progress(c, events).stage, "supported");
  EXPECT_EQ(referral_progress(c, events).supported_at, day(4));
  events.push_back(event(9, "case_closed"));
  c.status = CaseStatus::kClosed;
  p = referral_progress(c, events);
  EXPECT_EQ(p.stage, "closed");
  EXPECT_EQ(p.closed_at, day(9));
}

TEST(ReferralProgressTest, DecliningSupportIsStillContact) {
  auto p = referral_progress(opened(), {event(1, "contact_attempt", R"({"outcome":"declined"})")});
  EXPECT_EQ(p.stage, "contacted");
}

}  // namespace
}  // namespace vg::casework
