// Which refusals in a bucket are audited, and how the count joins the entry's detail.
#include "domain/accounts/refusal_audit.h"

#include <gtest/gtest.h>

#include <vector>

namespace vg::accounts {
namespace {

TEST(RefusalAuditTest, TheFirstFiveThenA125SeriesAreAudited) {
  std::vector<std::int64_t> audited;
  for (std::int64_t n = 0; n <= 100'000; ++n) {
    if (audits_refusal(n)) audited.push_back(n);
  }
  EXPECT_EQ(audited, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 10, 20, 50, 100, 200, 500, 1'000,
                                                2'000, 5'000, 10'000, 20'000, 50'000, 100'000}));
}

TEST(RefusalAuditTest, AMillionRefusalsLeaveFewerThanThirtyEntries) {
  int entries = 0;
  for (std::int64_t n = 1; n <= 1'000'000; ++n) entries += audits_refusal(n) ? 1 : 0;
  EXPECT_EQ(entries, 21);  // 1 to 5; three a decade from 10 to 500,000 (15); 1,000,000
}

TEST(RefusalAuditTest, TheCountJoinsTheDetailAsOneJsonObject) {
  AuditEntry e;
  e.detail = R"({"reason":"unknown"})";
  EXPECT_EQ(with_refusal_count(e, 20).detail, R"({"refusals":20,"reason":"unknown"})");
  e.detail = "";
  EXPECT_EQ(with_refusal_count(e, 1).detail, R"({"refusals":1})");
  e.detail = "{}";
  EXPECT_EQ(with_refusal_count(e, 3).detail, R"({"refusals":3})");
  e.detail = "not json";
  EXPECT_EQ(with_refusal_count(e, 3).detail, R"({"refusals":3})");
}

}  // namespace
}  // namespace vg::accounts
