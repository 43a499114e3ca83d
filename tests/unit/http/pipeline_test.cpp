#include "http/pipeline.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "http/gzip.h"
#include "http/metrics.h"

namespace vg::http {
namespace {

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() {
    router_.add("GET", "/hello",
                [](Request&) { return json_response(200, R"({"hello":"world"})"); });
    router_.add("GET", "/api/v1/services/{id}", [](Request& r) {
      return json_response(200, "{\"id\":\"" + r.path_param("id") + "\"}");
    });
    router_.add("POST", "/api/v1/services", [](Request&) { return json_response(201, "{}"); });
    router_.add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("secret"); });
    router_.add("GET", "/api/boom", [](Request&) -> Response { throw 42; });
    router_.add("GET", "/cached", [](Request&) {
      auto r = html_response(200, "<p>hi</p>");
      r.set_header("Cache-Control", "public, max-age=60");
      return r;
    });
    router_.add("GET", "/big", [](Request&) { return html_response(200, std::string(5000, 'x')); });
  }

  Response run(std::string method, std::string path,
               std::map<std::string, std::string> headers = {}) {
    Pipeline pipeline(router_, &metrics_, options_);
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.target = r.path;
    r.headers = std::move(headers);
    return pipeline.handle(r);
  }

  Router router_;
  Metrics metrics_;
  PipelineOptions options_{{}, false};
};

TEST_F(PipelineTest, EchoesAnAcceptableRequestIdAndReplacesOthers) {
  auto kept = run("GET", "/hello", {{"x-request-id", "abc-123"}});
  EXPECT_EQ(kept.header("X-Request-Id"), "abc-123");
  auto replaced = run("GET", "/hello", {{"x-request-id", "bad id!"}});
  EXPECT_EQ(replaced.header("X-Request-Id")->size(), 32u);
  auto fresh = run("GET", "/hello");
  EXPECT_EQ(fresh.header("X-Request-Id")->size(), 32u);
}

TEST_F(PipelineTest, SecurityHeadersAndNoStoreOnEveryDynamicResponse) {
  for (const char* path : {"/hello", "/nope", "/api/nope", "/boom"}) {
    auto r = run("GET", path);
    EXPECT_TRUE(r.header("Content-Security-Policy")) << path;
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r.header("Cache-Control"), "no-store") << path;
  }
  EXPECT_EQ(run("GET", "/cached").header("Cache-Control"), "public, max-age=60");
}

TEST_F(PipelineTest, CorsOnlyUnderApi) {
  EXPECT_EQ(run("GET", "/api/v1/services/x").header("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(run("GET", "/api/missing").header("Access-Control-Allow-Origin"), "*");
  EXPECT_FALSE(run("GET", "/hello").header("Access-Control-Allow-Origin"));
}

TEST_F(PipelineTest, PreflightUnderApiAnswers204) {
  auto r = run("OPTIONS", "/api/v1/services");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.header("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(r.header("Access-Control-Allow-Methods"), "GET, POST, OPTIONS");
  EXPECT_EQ(r.header("Access-Control-Allow-Headers"),
            "Authorization, Content-Type, Idempotency-Key, If-Match");
  EXPECT_TRUE(r.body.empty());
}

TEST_F(PipelineTest, UnknownApiPathIsProblemJsonAndPagesGetHtml) {
  auto api = run("GET", "/api/v1/nothing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.content_type, "application/problem+json");
  EXPECT_EQ(boost::json::parse(api.body).at("status").as_int64(), 404);
  auto page = run("GET", "/nothing");
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("Page not found"), std::string::npos);
}

TEST_F(PipelineTest, WrongMethodIs405WithAllow) {
  auto r = run("DELETE", "/api/v1/services/x");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(r.header("Allow"), "GET, HEAD, OPTIONS");
}

TEST_F(PipelineTest, ErrorPageHookRendersNonApiErrors) {
  options_.error_page = [](const Request& r, int status) {
    return html_response(status, "custom " + std::to_string(status) + " for " + r.path);
  };
  EXPECT_EQ(run("GET", "/nothing").body, "custom 404 for /nothing");
  EXPECT_EQ(run("GET", "/boom").body, "custom 500 for /boom");
  EXPECT_EQ(run("GET", "/api/nothing").content_type, "application/problem+json");
}

TEST_F(PipelineTest, AThrowingErrorPageFallsBackToThePlainOne) {
  options_.error_page = [](const Request&, int) -> Response { throw std::runtime_error("x"); };
  auto r = run("GET", "/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("Page not found"), std::string::npos);
}

TEST_F(PipelineTest, HandlerExceptionsBecome500WithoutTheirMessage) {
  auto page = run("GET", "/boom");
  EXPECT_EQ(page.status, 500);
  EXPECT_EQ(page.body.find("secret"), std::string::npos);
  auto api = run("GET", "/api/boom");
  EXPECT_EQ(api.status, 500);
  EXPECT_EQ(api.content_type, "application/problem+json");
}

TEST_F(PipelineTest, HeadIsRoutedLikeGet) {
  auto r = run("HEAD", "/hello");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"hello":"world"})");  // the server drops it when writing
}

TEST_F(PipelineTest, GzipsLargeBodiesForClientsThatAsk) {
  auto r = run("GET", "/big", {{"accept-encoding", "gzip"}});
  EXPECT_EQ(r.header("Content-Encoding"), "gzip");
  EXPECT_EQ(gunzip(r.body), std::string(5000, 'x'));
  EXPECT_FALSE(run("GET", "/big").header("Content-Encoding"));
}

TEST_F(PipelineTest, MetricsRecordThePatternNotThePath) {
  run("GET", "/api/v1/services/0f8e2c9a");
  run("GET", "/api/v1/services/aa11");
  run("GET", "/nowhere/at/all");
  run("BREW", "/hello");
  auto text = metrics_.render({});
  EXPECT_NE(
      text.find(
          R"(vg_http_requests_total{route="/api/v1/services/{id}",method="GET",status="200"} 2)"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.find("0f8e2c9a"), std::string::npos);
  EXPECT_NE(text.find(R"(route="unmatched",method="GET",status="404")"), std::string::npos);
  EXPECT_NE(text.find(R"(method="OTHER",status="405")"), std::string::npos);
}

TEST_F(PipelineTest, RejectedRequestsGetTheSameTreatment) {
  Pipeline pipeline(router_, &metrics_, options_);
  Request r;
  r.path = "/api/v1/services";
  r.method = "POST";
  auto response = pipeline.reject(r, 413, "Too large");
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(response.content_type, "application/problem+json");
  EXPECT_TRUE(response.header("X-Request-Id"));
  EXPECT_TRUE(response.header("Content-Security-Policy"));
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "*");
  EXPECT_NE(metrics_.render({}).find(R"(route="unmatched",method="POST",status="413")"),
            std::string::npos);
}

}  // namespace
}  // namespace vg::http
