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

namespace vg::text {
namespace {

TEST(Utf8Decode, GivesEachCodePointWithItsLength) {
  char32_t c = 0;
  EXPECT_EQ(decode_utf8("a", 0, c), 1u);
  EXPECT_EQ(c, U'a');
  EXPECT_EQ(decode_utf8("\xC2\x85", 0, c), 2u);
  EXPECT_EQ(c, U'\u0085');
  EXPECT_EQ(decode_utf8("x\xE2\x80\xAE", 1, c), 3u);
  EXPECT_EQ(c, U'\u202E');
  EXPECT_EQ(decode_utf8("\xF0\x9F\x98\x80", 0, c), 4u);
  EXPECT_EQ(c, U'\U0001F600');
}

TEST(Utf8Decode, IllFormedIsLengthZeroAndLeavesTheOutputAlone) {
  for (const char* bad : {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x80"}) {
    char32_t c = U'?';
    EXPECT_EQ(decode_utf8(bad, 0, c), 0u) << bad;
    EXPECT_EQ(c, U'?');
  }
}

}  // namespace
}  // namespace vg::text
