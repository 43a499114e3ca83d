// RFC 3339 instants as the API and pages write them and the store and pages read them back.
#include "domain/text/rfc3339.h"

#include <gtest/gtest.h>

namespace vg {
namespace {

using namespace std::chrono;

TEST(Rfc3339, ReadsBackWhatItWrites) {
  const auto at = sys_days{year{2026} / 12 / 4} + 10h + 37min + 3s;
  EXPECT_EQ(to_rfc3339(at), "2026-12-04T10:37:03Z");
  EXPECT_EQ(from_rfc3339(to_rfc3339(at)), at);
}

TEST(Rfc3339, ReadsAFractionOfASecondOfAnyLengthUpToNanoseconds) {
  const auto second = sys_days{year{2026} / 11 / 23} + 9h;
  EXPECT_EQ(from_rfc3339("2026-11-23T09:00:00.5Z"), second + 500ms);
  EXPECT_EQ(from_rfc3339("2026-11-23T09:00:00.000000001Z"), second + 1ns);
}

TEST(Rfc3339, ReadsTheWholeRangeOfYearsItAccepts) {
  EXPECT_EQ(to_rfc3339(*from_rfc3339("1700-01-01T00:00:00Z")), "1700-01-01T00:00:00Z");
  EXPECT_EQ(to_rfc3339(*from_rfc3339("2200-12-31T23:59:59Z")), "2200-12-31T23:59:59Z");
}

TEST(Rfc3339, RefusesAnythingElse) {
  for (const char* bad : {"", "2026-12-04", "2026-12-04T10:37:03", "2026-12-04T10:37:03+01:00",
                          "2026-02-30T10:37:03Z", "2026-12-04T24:00:00Z", "2026-12-04T10:37:03.Z",
                          "2026-12-04T10:37:03.1234567890Z", "2026-12-04T10:3a:03Z",
                          "2026-12-04 10:37:03Z",
                          // Found by afl-fuzz: years a nanosecond clock cannot hold overflowed.
                          "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2263-01-01T00:00:00Z",
                          "1677-01-01T00:00:00Z"}) {
    EXPECT_EQ(from_rfc3339(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace vg
