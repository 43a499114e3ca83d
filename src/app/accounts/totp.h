// TOTP codes (RFC 6238 over RFC 4226 HOTP: HMAC-SHA1, 6 digits, 30-second steps) through liboath,
// for a time step the caller has worked out from its Clock; keys and their base32 text.
// Never reads the clock and never logs a key or a code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vg::app {

inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, as RFC 4226 recommends

// The code for `step` with the raw `key`: `digits` decimal digits with leading zeros.
std::string totp_code(std::string_view key, std::int64_t step, int digits = 6);

// Does `typed` (spaces ignored) equal the code for any step in [first, last]? The step it
// matched, compared in constant time per step.
std::optional<std::int64_t> totp_matching_step(std::string_view key, std::string_view typed,
                                               std::int64_t first, std::int64_t last);

// A new random key (libsodium's randombytes), as base32 text (32 characters, no padding).
std::string new_totp_secret();
// Base32 (RFC 4648) of raw bytes, upper case, no padding.
std::string base32_encode(std::string_view bytes);
// Raw bytes of base32 text (case and spaces ignored); nullopt when it is not base32.
std::optional<std::string> base32_decode(std::string_view text);
// "ABCD EFGH IJKL …": base32 in groups of four, easier to type from a screen.
std::string base32_groups(std::string_view secret);

// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30, the URI
// authenticator apps read (Key Uri Format), percent-encoded.
std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret_base32);

}  // namespace vg::app
