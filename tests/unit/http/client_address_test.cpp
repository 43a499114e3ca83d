#include "http/client_address.h"

#include <gtest/gtest.h>

namespace vg::http {
namespace {

std::vector<AddressRange> ranges(std::vector<std::string> texts) {
  return parse_address_ranges(texts, "trusted_proxies").value();
}

TEST(ClientAddressTest, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(client_address("203.0.113.7", "198.51.100.1", {}), "203.0.113.7");
}

TEST(ClientAddressTest, AForgedHeaderFromAnUntrustedPeerIsIgnored) {
  EXPECT_EQ(client_address("203.0.113.7", "198.51.100.1", ranges({"10.0.0.0/8"})), "203.0.113.7");
}

TEST(ClientAddressTest, FromATrustedProxyTheRightmostUntrustedHopIsTheClient) {
  // The client forged the leftmost hop; the proxies appended the real address and each other.
  const auto trusted = ranges({"10.0.0.0/8", "192.168.1.1"});
  EXPECT_EQ(client_address("10.1.2.3", "1.1.1.1, 203.0.113.9, 192.168.1.1", trusted),
            "203.0.113.9");
  EXPECT_EQ(client_address("10.1.2.3", "203.0.113.9", trusted), "203.0.113.9");
}

TEST(ClientAddressTest, AllHopsTrustedGivesTheLeftmost) {
  EXPECT_EQ(client_address("10.1.2.3", "10.9.9.9,10.8.8.8", ranges({"10.0.0.0/8"})), "10.9.9.9");
}

TEST(ClientAddressTest, GarbageStopsTheWalkAtTheLastVouchedAddress) {
  const auto trusted = ranges({"10.0.0.0/8"});
  EXPECT_EQ(client_address("10.1.2.3", "<script>", trusted), "10.1.2.3");
  EXPECT_EQ(client_address("10.1.2.3", "unknown, 10.4.4.4", trusted), "10.4.4.4");
  EXPECT_EQ(client_address("10.1.2.3", "", trusted), "10.1.2.3");
  // Found by afl-fuzz: inet_pton stops at a NUL, so an address with bytes after one passed whole.
  EXPECT_EQ(client_address("10.1.2.3", std::string_view("203.0.113.7\0\xff", 13), trusted), "10.1.2.3");
  EXPECT_EQ(client_address("10.1.2.3", "203.0.113.7 x", trusted), "10.1.2.3");
  EXPECT_FALSE(parse_address_range(std::string_view("10.0.0.0\0/8", 11)));
}

TEST(ClientAddressTest, PortsAndIpv6HopsAreUnderstood) {
  const auto trusted = ranges({"::1/128", "127.0.0.1/32"});
  EXPECT_EQ(client_address("::1", "203.0.113.9:51234", trusted), "203.0.113.9");
  EXPECT_EQ(client_address("127.0.0.1", "[2001:db8::5]:443", trusted), "2001:db8::5");
  EXPECT_EQ(client_address("127.0.0.1", "2001:db8::5", trusted), "2001:db8::5");
}

TEST(ClientAddressTest, RangesMatchIpv4MappedPeers) {
  const auto allowed = ranges({"127.0.0.1/32", "::1"});
  EXPECT_TRUE(address_in("127.0.0.1", allowed));
  EXPECT_TRUE(address_in("::ffff:127.0.0.1", allowed));
  EXPECT_TRUE(address_in("::1", allowed));
  EXPECT_FALSE(address_in("127.0.0.2", allowed));
  EXPECT_FALSE(address_in("not an address", allowed));
}

TEST(ClientAddressTest, BadRangesAreNamedByIndex) {
  auto parsed =
      parse_address_ranges({"10.0.0.0/8", "10.0.0.1/8", "10.0.0.0/33", "proxy"}, "trusted_proxies");
  ASSERT_FALSE(parsed.has_value());
  ASSERT_EQ(parsed.error().fields.size(), 3u);
  EXPECT_EQ(parsed.error().fields[0].field, "trusted_proxies[1]");
  EXPECT_EQ(parsed.error().fields[1].field, "trusted_proxies[2]");
  EXPECT_EQ(parsed.error().fields[2].field, "trusted_proxies[3]");
}

}  // namespace
}  // namespace vg::http
