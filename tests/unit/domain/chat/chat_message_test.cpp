// A chat message as typed: kept as written (line breaks made plain), refused when empty, too long
// or holding characters that hide what it says.
#include "domain/chat/chat_message.h"

#include <gtest/gtest.h>

namespace vg::chat {
namespace {

std::string code_of(std::string_view typed) {
  auto read = read_chat_message(typed);
  EXPECT_FALSE(read);
  if (read) return {};
  EXPECT_EQ(read.error().fields.size(), 1u);
  EXPECT_EQ(read.error().fields[0].field, "message");
  EXPECT_FALSE(read.error().fields[0].message.empty());
  return read.error().fields[0].code;
}

TEST(ChatMessage, KeepsTheWordsTrimmedWithPlainLineBreaks) {
  EXPECT_EQ(read_chat_message("  Hello\r\nIs anyone there?\r\n\r\n").value(), "Hello\nIs anyone there?");
  EXPECT_EQ(read_chat_message("line\rbreak").value(), "line\nbreak");
  EXPECT_EQ(read_chat_message("Zoë said: «ça va» 🙂").value(), "Zoë said: «ça va» 🙂");
  EXPECT_EQ(read_chat_message("tab\tinside").value(), "tab\tinside");
}

TEST(ChatMessage, RefusesEmptyTooLongAndHiddenCharacters) {
  EXPECT_EQ(code_of(""), "required");
  EXPECT_EQ(code_of(" \r\n\t "), "required");
  EXPECT_TRUE(read_chat_message(std::string(kMaxMessageCharacters, 'a')));
  EXPECT_EQ(code_of(std::string(kMaxMessageCharacters + 1, 'a')), "too_long");
  // Counted in characters, not bytes: 2,000 two-byte letters are allowed.
  std::string accents;
  for (std::size_t i = 0; i < kMaxMessageCharacters; ++i) accents += "é";
  EXPECT_TRUE(read_chat_message(accents));
  EXPECT_EQ(code_of(std::string(kMaxMessageBytes + 1, ' ')), "too_long");
  EXPECT_EQ(code_of(std::string("a\0b", 3)), "invalid");
  EXPECT_EQ(code_of("\xff\xfe"), "invalid");
  EXPECT_EQ(code_of("txt\xe2\x80\xae" "exe"), "invalid");
  EXPECT_EQ(code_of("bell\x07"), "invalid");
}

}  // namespace
}  // namespace vg::chat
