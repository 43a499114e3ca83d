// The notes cipher as the store's FieldCipher: what the store seals a referral's document with is
// the notes key's sealing, key id and all, and it opens only under a key the cipher holds.
#include "app/security/notes_field_cipher.h"

#include <gtest/gtest.h>

#include <memory>

namespace vg::app {
namespace {

constexpr std::string_view kDocument = R"({"victim":{"name":"Invented Fieldcipher-Person"}})";

TEST(NotesFieldCipherTest, SealsUnderTheNotesKeyAndOpensWhatItSealed) {
  const auto notes = NotesCipher::for_tests_only();
  const std::unique_ptr<store::FieldCipher> cipher = std::make_unique<NotesFieldCipher>(notes);
  const auto sealed = cipher->seal(kDocument);
  EXPECT_EQ(sealed.key_id, notes.key_id());
  EXPECT_EQ(sealed.sealed.find("Fieldcipher"), std::string::npos);
  EXPECT_EQ(cipher->open(sealed).value(), kDocument);
  EXPECT_EQ(notes.open(sealed).value(), kDocument);  // the same sealing as a case note's
}

TEST(NotesFieldCipherTest, ATextUnderAKeyItDoesNotHoldDoesNotOpen) {
  const auto other = NotesCipher::from_key_text(std::string(64, 'c')).value();
  const NotesFieldCipher cipher(NotesCipher::for_tests_only());
  auto opened = cipher.open(other.seal(kDocument));
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, "internal");
  EXPECT_EQ(opened.error().message.find("Fieldcipher"), std::string::npos);
}

}  // namespace
}  // namespace vg::app
