#include "app/accounts/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "app/security/random_token.h"

namespace vg::app {
namespace {

// liboath must be initialised once before use (it sets up its crypto back end).
void ensure_oath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath failed to initialise");
  });
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '-'; }

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

}  // namespace

std::string totp_code(std::string_view key, std::int64_t step, int digits) {
  ensure_oath();
  char out[16] = {};
  if (step < 0 || digits < 6 || digits > 8 ||
      oath_hotp_generate(key.data(), key.size(), static_cast<std::uint64_t>(step),
                         static_cast<unsigned>(digits), false, OATH_HOTP_DYNAMIC_TRUNCATION,
                         out) != OATH_OK) {
    return {};
  }
  return out;
}

std::optional<std::int64_t> totp_matching_step(std::string_view key, std::string_view typed,
                                               std::int64_t first, std::int64_t last) {
  std::string code;
  for (char c : typed) {
    if (!is_space(c)) code.push_back(c);
  }
  if (code.empty()) return std::nullopt;
  std::optional<std::int64_t> matched;
  // Every step is computed and compared, matched or not, so the time taken says nothing.
  for (std::int64_t step = first; step <= last; ++step) {
    const std::string expected = totp_code(key, step);
    if (!expected.empty() && constant_time_equals(expected, code) && !matched) matched = step;
  }
  return matched;
}

std::string new_totp_secret() {
  random_hex(1);  // initialises libsodium
  std::string key(kTotpSecretBytes, '\0');
  randombytes_buf(key.data(), key.size());
  std::string text = base32_encode(key);
  sodium_memzero(key.data(), key.size());
  return text;
}

std::string base32_encode(std::string_view bytes) {
  ensure_oath();
  char* out = nullptr;
  std::size_t length = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &length) != OATH_OK) return {};
  std::string text(out, length);
  std::free(out);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::optional<std::string> base32_decode(std::string_view text) {
  ensure_oath();
  std::string clean;
  for (char c : text) {
    if (is_space(c)) continue;
    clean.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  // liboath wants whole 8-character groups: pad as RFC 4648 does.
  while (clean.size() % 8 != 0) clean.push_back('=');
  char* out = nullptr;
  std::size_t length = 0;
  if (clean.empty() || oath_base32_decode(clean.data(), clean.size(), &out, &length) != OATH_OK) {
    return std::nullopt;
  }
  std::string bytes(out, length);
  sodium_memzero(out, length);
  std::free(out);
  return bytes;
}

std::string base32_groups(std::string_view secret) {
  std::string out;
  for (std::size_t i = 0; i < secret.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(secret[i]);
  }
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret_base32) {
  return "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account) +
         "?secret=" + std::string(secret_base32) + "&issuer=" + percent_encode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace vg::app
