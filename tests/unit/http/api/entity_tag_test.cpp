// Entity tags as the API reads and writes them: a version as a strong ETag, If-Match lists
// compared strongly (a weak tag never matches), If-None-Match compared weakly, "*" and bad input.
#include "http/api/entity_tag.h"

#include <gtest/gtest.h>

namespace vg::http::api {
namespace {

TEST(EntityTag, AVersionIsAStrongQuotedTag) {
  EXPECT_EQ(version_etag(3), "\"3\"");
  EXPECT_EQ(version_of("\"3\""), 3);
  EXPECT_EQ(version_of("3"), 3);
  EXPECT_FALSE(version_of("\"0\""));
  EXPECT_FALSE(version_of("\"3a\""));
}

TEST(EntityTag, IfMatchComparesStrongly) {
  auto tags = parse_entity_tags(R"("2", "3")");
  ASSERT_TRUE(tags);
  EXPECT_TRUE(matches_strongly(*tags, version_etag(3)));
  EXPECT_FALSE(matches_strongly(*tags, version_etag(4)));
  auto weak = parse_entity_tags(R"(W/"3")");
  ASSERT_TRUE(weak);
  EXPECT_FALSE(matches_strongly(*weak, version_etag(3)));
  EXPECT_TRUE(matches_weakly(*weak, version_etag(3)));
}

TEST(EntityTag, StarMatchesAnyCurrentRecord) {
  auto any = parse_entity_tags(" * ");
  ASSERT_TRUE(any);
  EXPECT_TRUE(matches_strongly(*any, version_etag(9)));
}

TEST(EntityTag, MalformedListsAreRefused) {
  for (const char* bad : {"", "3", "\"3", "\"3\" \"4\"", "W/3", "\"a b\"", ","}) {
    EXPECT_FALSE(parse_entity_tags(bad)) << bad;
  }
}

}  // namespace
}  // namespace vg::http::api
