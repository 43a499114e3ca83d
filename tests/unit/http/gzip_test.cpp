#include "http/gzip.h"

#include <gtest/gtest.h>

namespace vg::http {
namespace {

std::string text_of_size(size_t n) {
  std::string s;
  while (s.size() < n) s += "Victim support services in Merseyside and Greater Manchester. ";
  s.resize(n);
  return s;
}

TEST(Gzip, RoundTrips) {
  auto original = text_of_size(50'000);
  auto packed = gzip_compress(original);
  EXPECT_LT(packed.size(), original.size() / 5);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  EXPECT_EQ(gunzip(packed), original);
  EXPECT_EQ(gunzip(gzip_compress("")), "");
}

TEST(Gzip, RefusesTruncatedOrForeignInput) {
  auto packed = gzip_compress(text_of_size(5000));
  EXPECT_FALSE(gunzip(packed.substr(0, packed.size() / 2)));
  EXPECT_FALSE(gunzip("not gzip at all"));
  EXPECT_FALSE(gunzip(packed, 100));  // would inflate past the cap
}

TEST(Gzip, ReadsAcceptEncoding) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("br, gzip;q=0.8, deflate"));
  EXPECT_TRUE(accepts_gzip("GZIP"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.000, *"));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("xgzip"));
}

TEST(Gzip, KnowsWhatIsCompressible) {
  EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
  EXPECT_TRUE(is_compressible("application/json"));
  EXPECT_TRUE(is_compressible("application/problem+json"));
  EXPECT_TRUE(is_compressible("text/javascript; charset=utf-8"));
  EXPECT_TRUE(is_compressible("image/svg+xml"));
  EXPECT_FALSE(is_compressible("image/png"));
  EXPECT_FALSE(is_compressible("font/woff2"));
}

Request accepting_gzip() {
  Request r;
  r.headers["accept-encoding"] = "gzip, deflate";
  return r;
}

TEST(Gzip, CompressesLargeCompressibleResponsesWhenAccepted) {
  auto response = html_response(200, text_of_size(4000));
  maybe_gzip(accepting_gzip(), response);
  EXPECT_EQ(response.header("Content-Encoding"), "gzip");
  EXPECT_EQ(response.header("Vary"), "Accept-Encoding");
  EXPECT_EQ(gunzip(response.body), text_of_size(4000));
}

TEST(Gzip, LeavesSmallUnacceptedOrBinaryResponsesAlone) {
  auto small = json_response(200, R"({"hello":"world"})");
  maybe_gzip(accepting_gzip(), small);
  EXPECT_FALSE(small.header("Content-Encoding"));
  EXPECT_EQ(small.header("Vary"), "Accept-Encoding");

  auto not_accepted = html_response(200, text_of_size(4000));
  maybe_gzip(Request{}, not_accepted);
  EXPECT_FALSE(not_accepted.header("Content-Encoding"));

  Response png{200, "image/png", {}, text_of_size(4000)};
  maybe_gzip(accepting_gzip(), png);
  EXPECT_FALSE(png.header("Content-Encoding"));
  EXPECT_FALSE(png.header("Vary"));
}

TEST(Gzip, NeverCompressesTwice) {
  auto response = html_response(200, text_of_size(4000));
  response.set_header("Content-Encoding", "gzip");
  auto before = response.body;
  maybe_gzip(accepting_gzip(), response);
  EXPECT_EQ(response.body, before);
}

}  // namespace
}  // namespace vg::http
