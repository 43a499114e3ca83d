// The one rule for a web address that becomes a link or a redirect.
#include "domain/text/web_address.h"

#include <gtest/gtest.h>

namespace vg {
namespace {

TEST(WebAddress, HttpAndHttpsWithAHostAreWebAddresses) {
  EXPECT_TRUE(is_web_address("https://www.example.org/help"));
  EXPECT_TRUE(is_web_address("http://example.org"));
  EXPECT_TRUE(is_web_address("HTTPS://www.bbc.co.uk/weather"));
}

TEST(WebAddress, ScriptsRelativeAddressesAndMissingHostsAreNot) {
  for (const char* bad : {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>",
                          "/weather", "www.bbc.co.uk", "https://", "https:///nohost", "https://@evil",
                          "https://:80"}) {
    EXPECT_FALSE(is_web_address(bad)) << bad;
  }
}

TEST(WebAddress, NothingThatCouldBreakAnAttributeOrAHeader) {
  for (const char* bad : {"https://exa mple.org", "https://a\r\nSet-Cookie: x=1", "https://a\"b",
                          "https://a<b", "https://a>b", "https://a\\b", "https://a\x7f"}) {
    EXPECT_FALSE(is_web_address(bad)) << bad;
  }
}

}  // namespace
}  // namespace vg
