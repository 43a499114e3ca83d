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

const std::string kNewHexKey =
    std::string("ffeeddccbbaa99887766554433221100") + "ffeeddccbbaa99887766554433221100";

TEST(NotesCipherTest, APreviousKeyOpensWhatItSealedButNothingIsSealedUnderIt) {
  auto old_cipher = NotesCipher::from_key_text(kHexKey).value();
  auto sealed_before = old_cipher.seal(kNote);
  auto rotated = NotesCipher::from_key_text(kNewHexKey).value().with_previous_keys({kHexKey}).value();
  EXPECT_TRUE(rotated.holds(old_cipher.key_id()));
  EXPECT_TRUE(rotated.holds(rotated.key_id()));
  EXPECT_EQ(rotated.open(sealed_before).value(), kNote);
  auto sealed_after = rotated.seal(kNote);
  EXPECT_EQ(sealed_after.key_id, rotated.key_id());
  EXPECT_NE(sealed_after.key_id, old_cipher.key_id());
  // Without the previous key, the old text no longer opens, and the error says which key it needs.
  auto without = NotesCipher::from_key_text(kNewHexKey).value();
  auto refused = without.open(sealed_before);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find(old_cipher.key_id()), std::string::npos);
  EXPECT_EQ(refused.error().message.find("frightened"), std::string::npos);
  EXPECT_FALSE(without.holds(old_cipher.key_id()));
}

TEST(NotesCipherTest, APreviousKeyThatIsNotAKeyIsNamedByItsPlace) {
  auto cipher = NotesCipher::from_key_text(kNewHexKey).value();
  auto bad = cipher.with_previous_keys({kHexKey, "not-a-key"});
  ASSERT_FALSE(bad);
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "notes_previous_keys[1]");
  EXPECT_EQ(bad.error().message.find("not-a-key"), std::string::npos);
}

}  // namespace
}  // namespace vg::app
