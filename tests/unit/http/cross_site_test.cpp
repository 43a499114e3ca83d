#include "http/cross_site.h"

#include <gtest/gtest.h>

namespace vg::http {
namespace {

Request post(std::map<std::string, std::string> headers) {
  Request r;
  r.method = "POST";
  r.path = "/refer/start";
  r.headers = std::move(headers);
  if (!r.headers.contains("host")) r.headers["host"] = "127.0.0.1:8080";
  return r;
}

constexpr std::string_view kPublic = "https://gateway.example.org";

TEST(CrossSiteTest, ACrossSiteFetchMetadataPostIsRefused) {
  EXPECT_TRUE(is_cross_site_forgery(post({{"sec-fetch-site", "cross-site"}}), kPublic));
  EXPECT_TRUE(is_cross_site_forgery(post({{"sec-fetch-site", "same-site"}}), kPublic));
  EXPECT_FALSE(is_cross_site_forgery(post({{"sec-fetch-site", "same-origin"}}), kPublic));
  EXPECT_FALSE(is_cross_site_forgery(post({{"sec-fetch-site", "none"}}), kPublic));
}

TEST(CrossSiteTest, FetchMetadataWinsOverOrigin) {
  // A browser that sends both: Sec-Fetch-Site is the one it computed for this very request.
  EXPECT_TRUE(is_cross_site_forgery(
      post({{"sec-fetch-site", "cross-site"}, {"origin", "http://127.0.0.1:8080"}}), kPublic));
  EXPECT_FALSE(is_cross_site_forgery(post({{"sec-fetch-site", "same-origin"}, {"origin", "null"}}),
                                     kPublic));
}

TEST(CrossSiteTest, AForeignOrNullOriginIsRefused) {
  EXPECT_TRUE(is_cross_site_forgery(post({{"origin", "https://attacker.example"}}), kPublic));
  EXPECT_TRUE(is_cross_site_forgery(post({{"origin", "null"}}), kPublic));
  EXPECT_TRUE(is_cross_site_forgery(post({{"origin", "http://127.0.0.1:9999"}}), kPublic));
}

TEST(CrossSiteTest, TheRequestsOwnHostOrThePublicOriginIsAllowed) {
  EXPECT_FALSE(is_cross_site_forgery(post({{"origin", "http://127.0.0.1:8080"}}), kPublic));
  // Behind a proxy the Host may be the upstream's; the configured public origin still matches.
  EXPECT_FALSE(is_cross_site_forgery(post({{"origin", "https://Gateway.example.org"}}), kPublic));
  EXPECT_FALSE(is_cross_site_forgery(
      post({{"origin", "https://gw.example"}, {"host", "gw.example"}}), kPublic));
  EXPECT_FALSE(is_cross_site_forgery(
      post({{"origin", "https://gw.example"}, {"host", "gw.example:443"}}), kPublic));
}

TEST(CrossSiteTest, NoBrowserHeadersIsAProgramAndAllowed) {
  EXPECT_FALSE(is_cross_site_forgery(post({}), kPublic));
}

TEST(CrossSiteTest, SafeMethodsAndBearerCallsAreNotChecked) {
  auto get = post({{"origin", "https://attacker.example"}});
  get.method = "GET";
  EXPECT_FALSE(is_cross_site_forgery(get, kPublic));
  auto api = post({{"origin", "https://partner.example"}, {"authorization", "Bearer vgk_abc"}});
  EXPECT_FALSE(is_cross_site_forgery(api, kPublic));
  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    auto r = post({{"origin", "https://attacker.example"}});
    r.method = method;
    EXPECT_TRUE(is_cross_site_forgery(r, kPublic)) << method;
  }
}

TEST(CrossSiteTest, OriginOfNormalisesCaseAndDefaultPorts) {
  EXPECT_EQ(origin_of("https://Gateway.Example.org:443/path?q=1"), "https://gateway.example.org");
  EXPECT_EQ(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  EXPECT_EQ(origin_of("null"), "");
}

}  // namespace
}  // namespace vg::http
