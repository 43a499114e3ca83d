// Identifiers: random v4 UUIDs, and time-ordered v7 UUIDs for tables that grow at their end.
#include "app/security/random_token.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace vg::app {
namespace {

using namespace std::chrono_literals;

const std::regex kUuid("^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-([89ab])[0-9a-f]{3}-[0-9a-f]{12}$");

TEST(RandomUuid, IsVersion4WithTheRfcVariantAndNeverRepeats) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto id = random_uuid();
    std::smatch m;
    ASSERT_TRUE(std::regex_match(id, m, kUuid)) << id;
    EXPECT_EQ(m[1], "4");
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(TimeOrderedUuid, IsVersion7AndStartsWithTheMillisecondInHex) {
  // 1795428000123 ms after the epoch (a morning in November 2026), and a fraction more.
  const auto at = std::chrono::system_clock::time_point{} + 1795428000123ms + 456us;
  const auto id = time_ordered_uuid(at);
  std::smatch m;
  ASSERT_TRUE(std::regex_match(id, m, kUuid)) << id;
  EXPECT_EQ(m[1], "7");
  char expected[16];
  std::snprintf(expected, sizeof expected, "%012llx", 1795428000123ULL);
  EXPECT_EQ(id.substr(0, 8) + id.substr(9, 4), expected);
}

TEST(TimeOrderedUuid, LaterMillisecondsSortLaterAndTheSameMillisecondStillDiffers) {
  const auto base = std::chrono::system_clock::time_point{} + 1795428000000ms;
  std::string previous;
  for (int i = 0; i < 100; ++i) {
    const auto id = time_ordered_uuid(base + std::chrono::milliseconds(i));
    EXPECT_LT(previous, id);
    previous = id;
  }
  std::set<std::string> same;
  for (int i = 0; i < 1000; ++i) same.insert(time_ordered_uuid(base));
  EXPECT_EQ(same.size(), 1000u);
}

TEST(ToHex, LowerCaseTwoCharactersAByte) {
  const unsigned char bytes[] = {0x00, 0x0f, 0xa5, 0xff};
  EXPECT_EQ(to_hex(bytes, sizeof bytes), "000fa5ff");
  EXPECT_EQ(to_hex(std::string_view("\x01\xfe", 2)), "01fe");
  EXPECT_EQ(to_hex(std::string_view()), "");
}

}  // namespace
}  // namespace vg::app
