#include "http/pipeline.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <atomic>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>

#include "http/gzip.h"
#include "http/metrics.h"

namespace vg::http {
namespace {

// Set only on the thread a test's resume runs on.
thread_local bool made_on_resumed_thread = false;

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() {
    router_.add("GET", "/hello", Guard::everyone(),
                [](Request&) { return json_response(200, R"({"hello":"world"})"); });
    router_.add("GET", "/api/v1/services/{id}", Guard::everyone(), [](Request& r) {
      return json_response(200, "{\"id\":\"" + r.path_param("id") + "\"}");
    });
    router_.add("POST", "/api/v1/services", Guard::everyone(), [](Request&) { return json_response(201, "{}"); });
    router_.add("GET", "/boom", Guard::everyone(), [](Request&) -> Response { throw std::runtime_error("secret"); });
    router_.add("GET", "/api/boom", Guard::everyone(), [](Request&) -> Response { throw 42; });
    router_.add("GET", "/cached", Guard::everyone(), [](Request&) {
      auto r = html_response(200, "<p>hi</p>");
      r.set_header("Cache-Control", "public, max-age=60");
      return r;
    });
    router_.add("GET", "/big", Guard::everyone(), [](Request&) { return html_response(200, std::string(5000, 'x')); });
    router_.add_async("POST", "/api/v1/later", Guard::everyone(), [](Request& r, Reply reply) {
      std::thread([reply, length = r.body.size()] {
        reply(json_response(201, "{\"length\":" + std::to_string(length) + "}"));
      }).detach();
    });
    router_.add_async("GET", "/api/v1/dropped", Guard::everyone(), [](Request&, Reply) {});
    router_.add_async("GET", "/dropped-page", Guard::everyone(), [](Request&, Reply) {});
    router_.add_async("GET", "/api/v1/async-boom", Guard::everyone(),
                      [](Request&, Reply) { throw std::runtime_error("secret"); });
    router_.add_async("POST", "/api/v1/made-later", Guard::everyone(), [](Request&, Reply reply) {
      std::thread([reply] {
        reply.later([] {
          return json_response(201, "{\"made_on_resumed_thread\":" +
                                        std::string(made_on_resumed_thread ? "true" : "false") + "}");
        });
      }).detach();
    });
    router_.add_async("GET", "/api/v1/made-later-boom", Guard::everyone(), [](Request&, Reply reply) {
      reply.later([]() -> Response { throw std::runtime_error("secret"); });
    });
    router_.add_async("GET", "/api/v1/twice", Guard::everyone(), [](Request&, Reply reply) {
      reply(json_response(200, R"({"first":true})"));
      reply(json_response(500, R"({"second":true})"));
    });
  }

  // A request as the server hands one to handle_async.
  static std::shared_ptr<Request> shared_request(std::string method, std::string path) {
    auto r = std::make_shared<Request>();
    r->method = std::move(method);
    r->path = r->target = std::move(path);
    return r;
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

TEST_F(PipelineTest, AnAsynchronousRouteIsAnsweredWithTheWholeChain) {
  Pipeline pipeline(router_, &metrics_, options_);
  Request r;
  r.method = "POST";
  r.path = r.target = "/api/v1/later";
  r.body = "12345";
  auto response = pipeline.handle(r);  // waits for the reply from the handler's thread
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"length":5})");
  EXPECT_TRUE(response.header("X-Request-Id"));
  EXPECT_EQ(response.header("Access-Control-Allow-Origin"), "*");
  EXPECT_NE(metrics_.render({}).find(R"(route="/api/v1/later",method="POST",status="201")"),
            std::string::npos);
}

TEST_F(PipelineTest, AnAsynchronousAnswerGoesThroughResume) {
  Pipeline pipeline(router_, &metrics_, options_);
  auto r = shared_request("POST", "/api/v1/later");
  std::promise<Response> answered;
  std::atomic<int> resumed{0};
  pipeline.handle_async(
      r,
      [&](std::function<void()> resume) {
        ++resumed;
        resume();
      },
      [&](Response response) { answered.set_value(std::move(response)); });
  auto answer = answered.get_future();
  ASSERT_EQ(answer.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(answer.get().status, 201);
  EXPECT_EQ(resumed.load(), 1);
}

// The writer's thread finishes the work; the rest of the answer (a page, a draft saved) is made
// where resume runs it, on the connection's own thread.
TEST_F(PipelineTest, AnAnswerMadeLaterIsMadeWhereResumeRunsIt) {
  Pipeline pipeline(router_, &metrics_, options_);
  auto r = shared_request("POST", "/api/v1/made-later");
  std::promise<Response> answered;
  pipeline.handle_async(
      r,
      [](std::function<void()> resume) {
        std::thread([resume = std::move(resume)] {
          made_on_resumed_thread = true;
          resume();
        }).join();
      },
      [&](Response response) { answered.set_value(std::move(response)); });
  auto answer = answered.get_future();
  ASSERT_EQ(answer.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  auto response = answer.get();
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"made_on_resumed_thread":true})");
  EXPECT_TRUE(response.header("X-Request-Id"));
}

TEST_F(PipelineTest, AnAnswerThatThrowsWhileMadeLaterIs500) {
  auto thrown = run("GET", "/api/v1/made-later-boom");
  EXPECT_EQ(thrown.status, 500);
  EXPECT_EQ(thrown.content_type, "application/problem+json");
  EXPECT_EQ(thrown.body.find("secret"), std::string::npos);
}

TEST_F(PipelineTest, AnOrdinaryRouteIsAnsweredInlineWithoutResume) {
  Pipeline pipeline(router_, &metrics_, options_);
  auto r = shared_request("GET", "/hello");
  std::optional<Response> answer;
  pipeline.handle_async(
      r, [](std::function<void()>) { FAIL() << "an ordinary route needs no resume"; },
      [&](Response response) { answer = std::move(response); });
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
}

TEST_F(PipelineTest, AReplyDroppedOrThrownIs500AndOnlyTheFirstReplyCounts) {
  auto dropped = run("GET", "/api/v1/dropped");
  EXPECT_EQ(dropped.status, 500);
  EXPECT_EQ(dropped.content_type, "application/problem+json");
  auto page = run("GET", "/dropped-page");
  EXPECT_EQ(page.status, 500);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  auto thrown = run("GET", "/api/v1/async-boom");
  EXPECT_EQ(thrown.status, 500);
  EXPECT_EQ(thrown.body.find("secret"), std::string::npos);
  auto twice = run("GET", "/api/v1/twice");
  EXPECT_EQ(twice.status, 200);
  EXPECT_EQ(twice.body, R"({"first":true})");
}

TEST_F(PipelineTest, ACrossSitePostNeverReachesItsHandler) {
  int calls = 0;
  router_.add("POST", "/refer/start", Guard::everyone(), [&calls](Request&) {
    ++calls;
    return redirect("/refer/safe-to-contact");
  });
  auto forged = run("POST", "/refer/start", {{"origin", "https://attacker.example"}, {"host", "gw"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(forged.header("Content-Security-Policy"));  // the whole chain still ran
  auto api = run("POST", "/api/v1/services", {{"sec-fetch-site", "cross-site"}});
  EXPECT_EQ(api.status, 403);
  EXPECT_EQ(api.content_type, "application/problem+json");
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(run("POST", "/refer/start", {{"origin", "http://gw"}, {"host", "gw"}}).status, 303);
  EXPECT_EQ(calls, 1);
}

TEST_F(PipelineTest, TheClientAddressIsWorkedOutOnceForEveryHandler) {
  std::string seen;
  router_.add("GET", "/who", Guard::everyone(), [&seen](Request& r) {
    seen = r.remote_address + " via " + r.peer_address;
    return json_response(200, "{}");
  });
  options_.trusted_proxies = parse_address_ranges({"10.0.0.0/8"}, "trusted_proxies").value();
  Pipeline pipeline(router_, &metrics_, options_);
  auto ask = [&](std::string peer, std::string forwarded) {
    Request r;
    r.method = "GET";
    r.path = r.target = "/who";
    r.remote_address = std::move(peer);
    if (!forwarded.empty()) r.headers["x-forwarded-for"] = std::move(forwarded);
    pipeline.handle(r);
    return seen;
  };
  EXPECT_EQ(ask("10.0.0.5", "1.2.3.4, 203.0.113.9"), "203.0.113.9 via 10.0.0.5");
  EXPECT_EQ(ask("198.51.100.2", "203.0.113.9"), "198.51.100.2 via 198.51.100.2");
  EXPECT_EQ(ask("10.0.0.5", ""), "10.0.0.5 via 10.0.0.5");
}

}  // namespace
}  // namespace vg::http
