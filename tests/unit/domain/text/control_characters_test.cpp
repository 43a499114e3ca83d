#include "domain/text/control_characters.h"

#include <gtest/gtest.h>

#include <string>

namespace vg::text {
namespace {

TEST(ControlCharacters, FindsNulOtherC0ControlsAndDel) {
  EXPECT_EQ(find_control_character(std::string("Invented\0Person", 15)), U'\0');
  EXPECT_EQ(find_control_character("a\x01" "b"), U'\x01');
  EXPECT_EQ(find_control_character("a\x1b[31m"), U'\x1b');
  EXPECT_EQ(find_control_character("a\x7f"), U'\x7f');
}

TEST(ControlCharacters, FindsC1Controls) {
  EXPECT_EQ(find_control_character("a\xC2\x85" "b"), U'\x85');  // U+0085 NEXT LINE
  EXPECT_EQ(find_control_character("\xC2\x9B"), U'\x9B');
}

TEST(ControlCharacters, FindsEveryBidirectionalEmbeddingOverrideAndIsolate) {
  for (char32_t c : {U'\u202A', U'\u202B', U'\u202C', U'\u202D', U'\u202E', U'\u2066', U'\u2067',
                     U'\u2068', U'\u2069'}) {
    std::string s = "Invented";
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
    s += "txt.exe";
    EXPECT_EQ(find_control_character(s), c) << code_point_label(c);
  }
}

TEST(ControlCharacters, LeavesLineBreaksTabsMarksAndOrdinaryTextAlone) {
  EXPECT_EQ(find_control_character("First line.\r\nSecond\tline."), std::nullopt);
  EXPECT_EQ(find_control_character("\u0639\u0644\u064a\u200F \u200E"), std::nullopt);  // RLM, LRM
  EXPECT_EQ(find_control_character("Dafydd ap Gwilym \u0175 \u00a0 \u2014 \u2070 \u2029"), std::nullopt);
  EXPECT_EQ(find_control_character("\xF0\x9F\x99\x82"), std::nullopt);
  EXPECT_EQ(find_control_character(""), std::nullopt);
}

TEST(ControlCharacters, NamesACodePointForAMessage) {
  EXPECT_EQ(code_point_label(U'\0'), "U+0000");
  EXPECT_EQ(code_point_label(U'\u202E'), "U+202E");
}


TEST(SearchBoxControls, NulControlsAndBidiOverridesBecomeSpaces) {
  EXPECT_EQ(without_controls(std::string("anti\0social", 11)), "anti social");
  EXPECT_EQ(without_controls("a\tb\r\nc\x7f" "d"), "a b  c d");
  EXPECT_EQ(without_controls("abc\u202Edef"), "abc def");                  // right-to-left override
  EXPECT_EQ(without_controls("x\u2066y\u2069z"), "x y z");                 // isolates
  EXPECT_EQ(without_controls("\u200Ex\u200F\u061C"), " x  ");              // marks
  EXPECT_EQ(without_controls("a\xc2\x85" "b"), "a b");                     // C1 NEL
  EXPECT_EQ(without_controls("a\xff" "b"), "a b");                         // ill-formed byte
}

TEST(SearchBoxControls, OrdinaryTextIsUntouched) {
  const std::string text = "Café, naïve — 🙂 Łódź; O'Brien & co (L1 8JQ)";
  EXPECT_EQ(without_controls(text), text);
  EXPECT_FALSE(has_unwanted_controls(text));
}

TEST(SearchBoxControls, DetectsEachKind) {
  EXPECT_TRUE(has_unwanted_controls(std::string("a\0b", 3)));
  EXPECT_TRUE(has_unwanted_controls("a\nb"));
  EXPECT_TRUE(has_unwanted_controls("a\u202Ab"));
  EXPECT_TRUE(has_unwanted_controls("a\u2068b"));
  EXPECT_TRUE(has_unwanted_controls("\xe2\x80"));
  EXPECT_FALSE(has_unwanted_controls("a\u2070b"));  // superscript zero, just past the isolates
}

}  // namespace
}  // namespace vg::text
