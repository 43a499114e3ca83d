// Random identifiers, hashing and constant-time comparison for secrets (libsodium).
// Never returns or logs the secret it hashes; callers store only the hash.
#pragma once

#include <string>
#include <string_view>

namespace vg::app {

// `bytes` random bytes from the OS CSPRNG, hex-encoded (2×bytes characters).
std::string random_hex(std::size_t bytes);
// A random version-4 UUID string.
std::string random_uuid();
// SHA-256 of `text`, lower-case hex.
std::string sha256_hex(std::string_view text);
// Compares two strings in time independent of where they differ.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace vg::app
