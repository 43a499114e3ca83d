#include "http/security_headers.h"

#include <gtest/gtest.h>

namespace vg::http {
namespace {

TEST(SecurityHeaders, AddsEveryHeader) {
  Response r;
  add_security_headers(r);
  auto csp = r.header("Content-Security-Policy");
  ASSERT_TRUE(csp);
  EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
  EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp->find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(r.header("Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("Referrer-Policy"), "same-origin");
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.header("Permissions-Policy"), "camera=(), microphone=(), geolocation=()");
}

TEST(SecurityHeaders, KeepsAHandlersOwnValueAndDoesNotDuplicate) {
  Response r;
  r.set_header("Content-Security-Policy", "default-src 'none'");
  add_security_headers(r);
  add_security_headers(r);
  EXPECT_EQ(r.header("Content-Security-Policy"), "default-src 'none'");
  int count = 0;
  for (const auto& [k, v] : r.headers) count += k == "X-Frame-Options";
  EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace vg::http
