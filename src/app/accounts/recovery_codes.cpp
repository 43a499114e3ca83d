#include "app/accounts/recovery_codes.h"

#include <sodium.h>

#include <cctype>

#include "app/security/random_token.h"

namespace vg::app {
namespace {

// 31 characters, none easily read as another (no 0/o, 1/l/i): ten of them are about 49 bits,
// far beyond what the sign-in throttle lets anyone try.
constexpr std::string_view kLetters = "23456789abcdefghjkmnpqrstuvwxyz";
constexpr int kCodeCharacters = 10;

}  // namespace

std::vector<std::string> new_recovery_codes(int count) {
  random_hex(1);  // initialises libsodium
  std::vector<std::string> codes;
  for (int n = 0; n < count; ++n) {
    std::string code;
    for (int i = 0; i < kCodeCharacters; ++i) {
      if (i == 4 || i == 8) code.push_back('-');
      code.push_back(kLetters[randombytes_uniform(static_cast<std::uint32_t>(kLetters.size()))]);
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalise_recovery_code(std::string_view typed) {
  std::string out;
  for (unsigned char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

std::string recovery_code_hash(std::string_view typed) {
  return sha256_hex("vg-recovery-code:" + normalise_recovery_code(typed));
}

}  // namespace vg::app
