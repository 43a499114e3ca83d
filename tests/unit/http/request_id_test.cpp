#include "http/request_id.h"

#include <gtest/gtest.h>

#include <set>

namespace vg::http {
namespace {

TEST(RequestId, AcceptsShortPlainIds) {
  EXPECT_TRUE(acceptable_request_id("a"));
  EXPECT_TRUE(acceptable_request_id("abc-DEF_123"));
  EXPECT_TRUE(acceptable_request_id(std::string(64, 'x')));
}

TEST(RequestId, RefusesEmptyLongOrUnusualCharacters) {
  EXPECT_FALSE(acceptable_request_id(""));
  EXPECT_FALSE(acceptable_request_id(std::string(65, 'x')));
  EXPECT_FALSE(acceptable_request_id("has space"));
  EXPECT_FALSE(acceptable_request_id("quote\""));
  EXPECT_FALSE(acceptable_request_id("new\nline"));
  EXPECT_FALSE(acceptable_request_id("dot.ted"));
  EXPECT_FALSE(acceptable_request_id("caf\xc3\xa9"));
}

TEST(RequestId, NewIdsAre128BitHexAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto id = new_request_id();
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(RequestId, KeepsAnAcceptableIncomingIdAndReplacesOthers) {
  EXPECT_EQ(request_id_for("trace-42"), "trace-42");
  auto replaced = request_id_for("<script>");
  EXPECT_EQ(replaced.size(), 32u);
  EXPECT_EQ(request_id_for("").size(), 32u);
}

}  // namespace
}  // namespace vg::http
