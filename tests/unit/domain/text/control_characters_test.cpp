#include "domain/text/control_characters.h"

#include <gtest/gtest.h>

namespace vg::text {
namespace {

TEST(ControlCharacters, NulControlsAndBidiOverridesBecomeSpaces) {
  EXPECT_EQ(without_controls(std::string("anti\0social", 11)), "anti social");
  EXPECT_EQ(without_controls("a\tb\r\nc\x7f" "d"), "a b  c d");
  EXPECT_EQ(without_controls("abc\u202Edef"), "abc def");                  // right-to-left override
  EXPECT_EQ(without_controls("x\u2066y\u2069z"), "x y z");                 // isolates
  EXPECT_EQ(without_controls("\u200Ex\u200F\u061C"), " x  ");              // marks
  EXPECT_EQ(without_controls("a\xc2\x85" "b"), "a b");                     // C1 NEL
  EXPECT_EQ(without_controls("a\xff" "b"), "a b");                         // ill-formed byte
}

TEST(ControlCharacters, OrdinaryTextIsUntouched) {
  const std::string text = "Café, naïve — 🙂 Łódź; O'Brien & co (L1 8JQ)";
  EXPECT_EQ(without_controls(text), text);
  EXPECT_FALSE(has_unwanted_controls(text));
}

TEST(ControlCharacters, DetectsEachKind) {
  EXPECT_TRUE(has_unwanted_controls(std::string("a\0b", 3)));
  EXPECT_TRUE(has_unwanted_controls("a\nb"));
  EXPECT_TRUE(has_unwanted_controls("a\u202Ab"));
  EXPECT_TRUE(has_unwanted_controls("a\u2068b"));
  EXPECT_TRUE(has_unwanted_controls("\xe2\x80"));
  EXPECT_FALSE(has_unwanted_controls("a\u2070b"));  // superscript zero, just past the isolates
}

}  // namespace
}  // namespace vg::text
