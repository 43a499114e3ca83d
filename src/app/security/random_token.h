// Random identifiers, hashing and constant-time comparison for secrets (libsodium).
// Never returns or logs the secret it hashes; callers store only the hash.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace vg::app {

// Lower-case hex of bytes (a digest, a key), 2 characters a byte.
std::string to_hex(const unsigned char* bytes, std::size_t size);
std::string to_hex(std::string_view bytes);

// `bytes` random bytes from the OS CSPRNG, hex-encoded (2×bytes characters).
std::string random_hex(std::size_t bytes);
// A random version-4 UUID string.
std::string random_uuid();
// A version-7 UUID (RFC 9562): the millisecond `at` first, then 74 random bits. Ids made one
// after another sort one after another, so a table keyed by them grows at its end instead of
// touching a random page of its index for every row (what makes bulk imports slow at scale).
std::string time_ordered_uuid(std::chrono::system_clock::time_point at);
// SHA-256 of `text`, lower-case hex.
std::string sha256_hex(std::string_view text);
// Compares two strings in time independent of where they differ.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace vg::app
