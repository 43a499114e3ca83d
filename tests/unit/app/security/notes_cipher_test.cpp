#include "app/security/notes_cipher.h"

#include <gtest/gtest.h>

namespace vg::app {
namespace {

constexpr std::string_view kNote =
    "Invented note: she is frightened to go home and sleeps at her sister's";
const std::string kHexKey =
    std::string("00112233445566778899aabbccddeeff") + "00112233445566778899aabbccddeeff";

TEST(NotesCipherTest, SealedTextRoundTripsAndNeverHoldsThePlainText) {
  auto cipher = NotesCipher::from_key_text(kHexKey).value();
  auto sealed = cipher.seal(kNote);
  EXPECT_EQ(sealed.key_id, cipher.key_id());
  EXPECT_EQ(sealed.sealed.find("frightened"), std::string::npos);
  EXPECT_EQ(sealed.sealed.find(std::string(kNote)), std::string::npos);
  EXPECT_EQ(cipher.open(sealed).value(), kNote);
}

TEST(NotesCipherTest, EachSealingUsesAFreshNonce) {
  auto cipher = NotesCipher::for_tests_only();
  EXPECT_NE(cipher.seal(kNote).sealed, cipher.seal(kNote).sealed);
}

TEST(NotesCipherTest, AnotherKeyOrAnAlteredTextDoesNotOpen) {
  auto mine = NotesCipher::from_key_text(kHexKey).value();
  auto other = NotesCipher::for_tests_only();
  EXPECT_NE(mine.key_id(), other.key_id());
  auto sealed = mine.seal(kNote);
  auto wrong_key = other.open(sealed);
  ASSERT_FALSE(wrong_key);
  EXPECT_EQ(wrong_key.error().message.find("frightened"), std::string::npos);
  // Pretending the key id matches does not help: the MAC fails.
  EXPECT_FALSE(other.open({other.key_id(), sealed.sealed}));
  auto altered = sealed;
  altered.sealed[30] = altered.sealed[30] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(mine.open(altered));
}

TEST(NotesCipherTest, TheKeyIsThirtyTwoBytesAsHexOrBase64AndItsIdNamesIt) {
  auto from_hex = NotesCipher::from_key_text(kHexKey).value();
  auto from_base64 =
      NotesCipher::from_key_text("ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd7v8=").value();
  EXPECT_EQ(from_hex.key_id(), from_base64.key_id());
  EXPECT_TRUE(from_hex.key_id().starts_with("nk1:"));
  EXPECT_EQ(from_hex.key_id().find("0011"), std::string::npos) << "the id does not show the key";
  EXPECT_EQ(from_hex.open(from_base64.seal("x")).value(), "x");
  EXPECT_FALSE(NotesCipher::from_key_text("too-short"));
  EXPECT_FALSE(NotesCipher::from_key_text(kHexKey.substr(2)));
  EXPECT_FALSE(NotesCipher::from_key_text(""));
}

}  // namespace
}  // namespace vg::app
