#include "app/security/notes_cipher.h"

#include <sodium.h>

#include <optional>
#include <stdexcept>

#include "app/security/random_token.h"

namespace vg::app {
namespace {

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// The key's name: a hash of the key under a fixed label, so the id says which key without
// letting anyone check a guessed key faster than the key's 256 bits allow.
std::string key_id_of(const std::string& key) {
  static constexpr std::string_view kLabel = "vg-notes-key-id";
  unsigned char out[8];
  crypto_generichash(out, sizeof out, bytes(kLabel), kLabel.size(), bytes(key), key.size());
  return "nk1:" + to_hex(out, sizeof out);
}

}  // namespace

std::optional<std::string> decode_notes_key(std::string_view text) {
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (text.size() == 2 * crypto_secretbox_KEYBYTES &&
      sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), text.data(),
                     text.size(), nullptr, &length, &end) == 0 &&
      length == key.size() && end == text.data() + text.size()) {
    return key;
  }
  for (int variant :
       {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_URLSAFE,
        sodium_base64_VARIANT_ORIGINAL_NO_PADDING, sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
    std::string out(text.size(), '\0');
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, &end, variant) == 0 &&
        length == crypto_secretbox_KEYBYTES && end == text.data() + text.size()) {
      out.resize(length);
      return out;
    }
  }
  return std::nullopt;
}

NotesCipher::NotesCipher(std::string key) : key_(std::move(key)), key_id_(key_id_of(key_)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
}

Result<NotesCipher> NotesCipher::from_key_text(std::string_view key_text) {
  auto key = decode_notes_key(key_text);
  if (!key) {
    return validation_failed({{"notes_key", "not_a_key",
                               "notes_key must be 32 random bytes as 64 hex characters or base64 "
                               "(openssl rand -hex 32)"}});
  }
  return NotesCipher(std::move(*key));
}

Result<NotesCipher> NotesCipher::with_previous_keys(const std::vector<std::string>& key_texts) const {
  NotesCipher out = *this;
  for (std::size_t i = 0; i < key_texts.size(); ++i) {
    auto key = decode_notes_key(key_texts[i]);
    if (!key) {
      return validation_failed({{"notes_previous_keys[" + std::to_string(i) + "]", "not_a_key",
                                 "Each previous notes key must be 32 bytes as 64 hex characters or base64"}});
    }
    std::string id = key_id_of(*key);
    if (!out.holds(id)) out.previous_.emplace_back(std::move(id), std::move(*key));
  }
  return out;
}

bool NotesCipher::holds(std::string_view key_id) const { return key_named(key_id) != nullptr; }

const std::string* NotesCipher::key_named(std::string_view key_id) const {
  if (key_id == key_id_) return &key_;
  for (const auto& [id, key] : previous_) {
    if (id == key_id) return &key;
  }
  return nullptr;
}

NotesCipher NotesCipher::for_tests_only() {
  static constexpr std::string_view kLabel = "vg-notes-key-for-tests-only";
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(key.data()), key.size(), bytes(kLabel),
                     kLabel.size(), nullptr, 0);
  return NotesCipher(std::move(key));
}

casework::SealedText NotesCipher::seal(std::string_view plain) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, bytes(plain), plain.size(), nonce,
                        bytes(key_));
  std::string out(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes(box), box.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return {key_id_, std::move(out)};
}

Result<std::string> NotesCipher::open(const casework::SealedText& sealed) const {
  const std::string* key = key_named(sealed.key_id);
  if (!key) {
    return fail("internal", "Text sealed under key " + sealed.key_id +
                                " cannot be opened: it is neither notes_key (" + key_id_ +
                                ") nor among notes_previous_keys");
  }
  std::string box(sealed.sealed.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(),
                        sealed.sealed.data(), sealed.sealed.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return fail("internal", "Sealed text under key " + sealed.key_id + " is damaged");
  }
  const auto* nonce = bytes(box);
  const std::size_t cipher_length = length - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_length - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 nonce + crypto_secretbox_NONCEBYTES, cipher_length, nonce,
                                 bytes(*key)) != 0) {
    return fail("internal", "Sealed text under key " + sealed.key_id + " was altered or is damaged");
  }
  return plain;
}

}  // namespace vg::app
