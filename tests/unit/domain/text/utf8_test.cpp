#include "domain/text/utf8.h"

#include <gtest/gtest.h>

namespace vg::text {
namespace {

TEST(Utf8, AcceptsEnglishWelshUrduAndEmoji) {
  EXPECT_TRUE(is_valid_utf8("Robin"));
  EXPECT_TRUE(is_valid_utf8("Dafydd ap Gwilym ŵ ŷ"));
  EXPECT_TRUE(is_valid_utf8("\xD8\xA7\xD8\xB1\xD8\xAF\xD9\x88"));  // اردو
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x99\x82"));                   // 🙂
  EXPECT_TRUE(is_valid_utf8(""));
}

TEST(Utf8, RefusesStrayBytesOverlongFormsSurrogatesAndTruncation) {
  EXPECT_FALSE(is_valid_utf8("E070001\x99"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // cut short
}

TEST(Utf8, ReplacesEachIllFormedByteWithTheReplacementCharacter) {
  EXPECT_EQ(to_valid_utf8("ok"), "ok");
  EXPECT_EQ(to_valid_utf8("a\x99z"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(to_valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8("\xE2\x82 \xF0\x9F")));
}

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(code_points("ŵŵŵ"), 3u);
  EXPECT_EQ(code_points("\xF0\x9F\x99\x82"), 1u);
  EXPECT_EQ(code_points("abc"), 3u);
}

}  // namespace
}  // namespace vg::text
