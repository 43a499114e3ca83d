#include "app/intake/person_key_digest.h"

#include <sodium.h>

namespace vg::app {

std::string person_key_digest(std::string_view key) {
  // The label keeps these digests apart from any other BLAKE2b of the same text; a version in it
  // lets the keys' form change later without old digests meeting new ones.
  static constexpr std::string_view kLabel = "victim-gateway person match key v1";
  unsigned char out[16];
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, sizeof out);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kLabel.data()), kLabel.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&state, &separator, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_generichash_final(&state, out, sizeof out);
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, sizeof out * 2);
}

}  // namespace vg::app
