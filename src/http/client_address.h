// The one answer to "which address is this caller?" for every per-address limit and check:
// the socket's peer, or, only when that peer is a trusted proxy, the rightmost X-Forwarded-For
// hop that is not itself trusted. Must never believe a header from a peer it does not trust.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace vg::http {

// An IPv4 or IPv6 network ("10.0.0.0/8", "::1/128"; a bare address is one host). IPv4 is kept
// as IPv4-mapped IPv6 so that "::ffff:10.1.2.3" from a dual-stack socket matches "10.0.0.0/8".
struct AddressRange {
  std::array<std::uint8_t, 16> network{};
  int prefix = 128;  // bits of `network` that must match, counted in the IPv6 form
};

// Parses one range; nullopt when it is not an address, the prefix is out of range, or bits are
// set beyond the prefix ("10.0.0.1/8" is a typing mistake more often than a meaning).
std::optional<AddressRange> parse_address_range(std::string_view text);

// Parses a list; a field error per bad entry, named `key[index]`.
Result<std::vector<AddressRange>> parse_address_ranges(const std::vector<std::string>& texts,
                                                       const std::string& key);

// Whether `address` (a textual IPv4 or IPv6 address) lies in one of `ranges`; false when it is
// not an address at all.
bool address_in(std::string_view address, const std::vector<AddressRange>& ranges);

// The caller's address. `forwarded_for` is the X-Forwarded-For header (all its values joined
// by commas), if any. With no trusted proxies, or a peer that is not one, this is `peer`.
// Otherwise the hops are read right to left, skipping trusted ones; the first untrusted hop is
// the client. A malformed hop stops the walk there and the last trusted hop is used instead, so
// a client cannot smuggle text into the limits' keys. All hops trusted: the leftmost.
std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                           const std::vector<AddressRange>& trusted_proxies);

}  // namespace vg::http
