#include "http/router.h"

#include <gtest/gtest.h>

namespace vg::http {
namespace {

Request get(std::string path) {
  Request r;
  r.method = "GET";
  r.path = std::move(path);
  return r;
}

TEST(Router, MatchesPatternAndFillsParams) {
  Router router;
  router.add("GET", "/api/v1/services/{id}", Guard::everyone(), [](Request& r) {
    return json_response(200, r.path_param("id"));
  });
  auto req = get("/api/v1/services/abc");
  auto m = router.match(req);
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.pattern, "/api/v1/services/{id}");
  EXPECT_EQ((*m.handler)(req).body, "abc");
}

TEST(Router, TrailingSlashIsItsOwnRoute) {
  Router router;
  router.add("GET", "/api/v1/", Guard::everyone(), [](Request&) { return json_response(200, "root"); });
  auto root = get("/api/v1/");
  EXPECT_NE(router.match(root).handler, nullptr);
  auto bare = get("/api/v1");
  EXPECT_EQ(router.match(bare).handler, nullptr);
}

TEST(Router, WrongMethodIsReportedNotFound) {
  Router router;
  router.add("POST", "/login", Guard::everyone(), [](Request&) { return json_response(200, ""); });
  auto req = get("/login");
  auto m = router.match(req);
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_TRUE(m.method_not_allowed);
}

TEST(Router, EmptySegmentDoesNotMatchParam) {
  Router router;
  router.add("GET", "/services/{id}", Guard::everyone(), [](Request&) { return json_response(200, ""); });
  auto req = get("/services/");
  EXPECT_EQ(router.match(req).handler, nullptr);
}

}  // namespace
}  // namespace vg::http
