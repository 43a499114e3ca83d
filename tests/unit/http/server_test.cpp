// The real server on 127.0.0.1 with a small router, driven over plain sockets so the test needs
// no HTTP client library. Every read has a receive timeout, so no test can hang.
#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http/metrics.h"

namespace vg::http {
namespace {

using namespace std::chrono_literals;

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }

  bool connected() const { return connected_; }

  void send(std::string_view data) {
    while (!data.empty()) {
      auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      data.remove_prefix(static_cast<size_t>(n));
    }
  }

  // Reads one response; `head` for a HEAD request (no body follows whatever Content-Length says).
  std::optional<RawResponse> read(bool head = false) {
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    RawResponse r;
    std::string head_text = buf_.substr(0, end);
    buf_.erase(0, end + 4);
    r.status = std::stoi(head_text.substr(9, 3));
    size_t pos = head_text.find("\r\n");
    while (pos != std::string::npos) {
      auto next = head_text.find("\r\n", pos + 2);
      auto line =
          head_text.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
      auto colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = line.substr(colon + 2);
      pos = next;
    }
    size_t length = 0;
    if (!head && r.headers.contains("content-length"))
      length = std::stoul(r.headers["content-length"]);
    while (buf_.size() < length) {
      if (!fill()) return std::nullopt;
    }
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return r;
  }

  // True when the server closed the connection (recv returns 0) before the timeout.
  bool closed_by_server() {
    char c;
    return buf_.empty() && ::recv(fd_, &c, 1, 0) == 0;
  }

 private:
  bool fill() {
    char chunk[4096];
    auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

std::string get(std::string_view path, std::string_view extra = "") {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra) + "\r\n";
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add("GET", "/hello", Guard::everyone(),
                [](Request&) { return json_response(200, R"({"hello":"world"})"); });
    router_.add("GET", "/echo", Guard::everyone(), [](Request& r) {
      boost::json::object o{{"path", r.path}, {"q", r.query_param("q").value_or("")}};
      return json_response(200, boost::json::serialize(o));
    });
    router_.add("POST", "/api/v1/things", Guard::everyone(), [](Request& r) {
      return json_response(201, "{\"length\":" + std::to_string(r.body.size()) + "}");
    });
    // Asynchronous: replied to later, from the test's thread (see reply_later).
    router_.add_async("GET", "/later", Guard::everyone(), [this](Request&, Reply reply) {
      std::lock_guard lock(later_mutex_);
      later_.push_back(std::move(reply));
      later_arrived_.notify_all();
    });
    router_.add_async("GET", "/api/v1/dropped", Guard::everyone(), [](Request&, Reply) {});
    // Runs until the test lets it go (release_held), so the test decides what happens meanwhile.
    router_.add("GET", "/held", Guard::everyone(), [this](Request&) {
      held_started_.set_value();
      held_released_.wait_for(5s);  // bounded: a failing test must not hang its server
      return json_response(200, R"({"held":true})");
    });
  }

  void start(std::chrono::seconds idle = 5s, int threads = 2) {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.threads = threads;
    options.max_body_bytes = 1024;
    options.request_timeout = 5s;
    options.idle_timeout = idle;
    options.shutdown_grace = 5s;
    options.handle_signals = false;
    options.pipeline.access_log = false;
    server_ = std::make_unique<Server>(router_, &metrics_, options);
    ASSERT_TRUE(server_->bind());
    ASSERT_NE(server_->port(), 0);
    runner_ = std::async(std::launch::async, [this] { server_->run(); });
  }

  // Stops the server and says whether run() returned within the bound.
  bool stop_and_wait(std::chrono::milliseconds bound = 5000ms) {
    server_->stop();
    return runner_.wait_for(bound) == std::future_status::ready;
  }

  void TearDown() override {
    {
      // Replies still waiting are dropped (answered 500) while their loops still run.
      std::lock_guard lock(later_mutex_);
      later_.clear();
    }
    if (server_) {
      server_->stop();
      if (runner_.valid()) runner_.wait();
    }
  }

  // Waits until `n` /later requests are waiting for their reply.
  bool later_waiting(std::size_t n) {
    std::unique_lock lock(later_mutex_);
    return later_arrived_.wait_for(lock, 5s, [&] { return later_.size() >= n; });
  }
  // Replies to the oldest waiting /later request from a thread of its own, as a group commit
  // would.
  void reply_later(std::string body) {
    std::unique_lock lock(later_mutex_);
    Reply reply = later_.front();
    later_.erase(later_.begin());
    lock.unlock();
    std::thread([reply, body = std::move(body)] { reply(json_response(201, body)); }).join();
  }

  Router router_;
  Metrics metrics_;
  std::mutex later_mutex_;
  std::condition_variable later_arrived_;
  std::vector<Reply> later_;
  std::unique_ptr<Server> server_;
  std::future<void> runner_;
  std::promise<void> held_started_;
  std::promise<void> release_held_;
  std::shared_future<void> held_released_ = release_held_.get_future().share();
};

// A keep-alive connection that has had one answer and now waits for its next request: the stop
// closes such a connection at once, on the loop that serves it, so its closing is the sign that
// the stop has reached that loop.
std::unique_ptr<Client> idle_connection(std::uint16_t port) {
  auto c = std::make_unique<Client>(port);
  c->send(get("/hello"));
  if (!c->read()) return nullptr;
  return c;
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start();
  Client c(server_->port());
  ASSERT_TRUE(c.connected());
  c.send(get("/hello"));
  auto first = c.read();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, R"({"hello":"world"})");
  EXPECT_EQ(first->headers["content-type"], "application/json");
  c.send(get("/echo?q=a+b%26c"));
  auto second = c.read();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, R"({"path":"/echo","q":"a b&c"})");
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start();
  Client c(server_->port());
  c.send(get("/echo?q=1") + get("/echo?q=2"));
  auto a = c.read();
  auto b = c.read();
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->body.find("\"q\":\"1\""), std::string::npos);
  EXPECT_NE(b->body.find("\"q\":\"2\""), std::string::npos);
}

TEST_F(ServerTest, EveryResponseCarriesRequestIdAndSecurityHeaders) {
  start();
  Client c(server_->port());
  c.send(get("/hello", "X-Request-Id: trace-1\r\n"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->headers["x-request-id"], "trace-1");
  EXPECT_NE(r->headers["content-security-policy"].find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(r->headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(r->headers["cache-control"], "no-store");
}

TEST_F(ServerTest, UnknownApiPathIs404ProblemJsonWithCors) {
  start();
  Client c(server_->port());
  c.send(get("/api/v1/nothing"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->headers["content-type"], "application/problem+json");
  EXPECT_EQ(r->headers["access-control-allow-origin"], "*");
  EXPECT_EQ(boost::json::parse(r->body).at("status").as_int64(), 404);
}

TEST_F(ServerTest, OversizedBodyIs413AndTheConnectionCloses) {
  start();
  Client c(server_->port());
  std::string body(5000, 'x');
  c.send(
      "POST /api/v1/things HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
      "Content-Length: 5000\r\n\r\n" +
      body);
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->headers["content-type"], "application/problem+json");
  EXPECT_EQ(r->headers["connection"], "close");
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(ServerTest, OversizedChunkedBodyIs413) {
  start();
  Client c(server_->port());
  std::string chunk(2000, 'y');
  c.send(
      "POST /api/v1/things HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
      "7d0\r\n" +
      chunk + "\r\n0\r\n\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
}

TEST_F(ServerTest, BodyWithinTheLimitReachesTheHandler) {
  start();
  Client c(server_->port());
  c.send("POST /api/v1/things HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\n" +
         std::string(1000, 'z'));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, R"({"length":1000})");
}

TEST_F(ServerTest, ExpectContinueGets100ThenTheAnswer) {
  start();
  Client c(server_->port());
  c.send(
      "POST /api/v1/things HTTP/1.1\r\nHost: test\r\nContent-Length: 10\r\n"
      "Expect: 100-continue\r\n\r\n");
  auto interim = c.read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  c.send("0123456789");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
}

TEST_F(ServerTest, HeadSendsHeadersWithLengthButNoBody) {
  start();
  Client c(server_->port());
  c.send("HEAD /hello HTTP/1.1\r\nHost: test\r\n\r\n");
  auto head = c.read(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->headers["content-length"], "17");
  // Had the server sent a body, this read would see it instead of the next response.
  c.send(get("/echo?q=after"));
  auto next = c.read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_NE(next->body.find("after"), std::string::npos);
}

TEST_F(ServerTest, MalformedRequestIs400) {
  start();
  Client c(server_->port());
  c.send("GET /hello HTTP/1.1\r\nHost: test\r\nBad Header Line\r\n\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(r->headers["content-type"], "application/problem+json");
}

TEST_F(ServerTest, AbsoluteFormTargetIs400) {
  start();
  Client c(server_->port());
  c.send("GET http://elsewhere.example/hello HTTP/1.1\r\nHost: test\r\n\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

TEST_F(ServerTest, HttpOneZeroClosesAfterTheResponse) {
  start();
  Client c(server_->port());
  c.send("GET /hello HTTP/1.0\r\n\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(c.closed_by_server());
}

TEST_F(ServerTest, IdleKeepAliveConnectionsTimeOut) {
  start(1s);
  Client c(server_->port());
  c.send(get("/hello"));
  ASSERT_TRUE(c.read());
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s);
}

TEST_F(ServerTest, StopFinishesARequestWhoseHeadIsStillArriving) {
  // One loop: it takes the connections' events in the order they came.
  start(5s, /*threads=*/1);
  Client c(server_->port());
  c.send("GET /hello HTTP/1.1\r\nHost: test\r\n");  // head not finished
  // Connected and answered after the half head was sent: the loop has read that by now.
  auto idle = idle_connection(server_->port());
  ASSERT_TRUE(idle);
  server_->stop();
  ASSERT_TRUE(idle->closed_by_server());  // the stop has reached the loop
  c.send("\r\n");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->headers["connection"], "close");
  EXPECT_TRUE(runner_.wait_for(5s) == std::future_status::ready);
}

TEST_F(ServerTest, StopLetsARunningHandlerFinish) {
  start(5s, /*threads=*/2);
  // Connections go to the loops in turn: the idle one to loop 0, which takes the stop, and the
  // held request to loop 1, which is busy running its handler meanwhile.
  auto idle = idle_connection(server_->port());
  ASSERT_TRUE(idle);
  Client c(server_->port());
  c.send(get("/held"));
  ASSERT_EQ(held_started_.get_future().wait_for(5s), std::future_status::ready);
  server_->stop();
  ASSERT_TRUE(idle->closed_by_server());  // the stop is under way while the handler runs
  release_held_.set_value();
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, R"({"held":true})");
  EXPECT_TRUE(c.closed_by_server());
  EXPECT_TRUE(runner_.wait_for(5s) == std::future_status::ready);
}

TEST_F(ServerTest, AnAsynchronousHandlerDoesNotHoldItsLoop) {
  start(5s, /*threads=*/1);
  Client waiting(server_->port());
  waiting.send(get("/later"));
  ASSERT_TRUE(later_waiting(1));
  // The only loop is free while /later waits: another connection is served meanwhile.
  Client other(server_->port());
  other.send(get("/hello"));
  auto hello = other.read();
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->status, 200);
  reply_later(R"({"later":true})");
  auto later = waiting.read();
  ASSERT_TRUE(later);
  EXPECT_EQ(later->status, 201);
  EXPECT_EQ(later->body, R"({"later":true})");
  EXPECT_FALSE(later->headers["x-request-id"].empty());
  // Keep-alive carries on after an asynchronous answer.
  waiting.send(get("/hello"));
  auto again = waiting.read();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST_F(ServerTest, StopWaitsForAnAsynchronousReply) {
  // One loop, so the idle connection's closing shows the stop has reached the waiting request's.
  start(5s, /*threads=*/1);
  Client c(server_->port());
  c.send(get("/later"));
  ASSERT_TRUE(later_waiting(1));
  auto idle = idle_connection(server_->port());
  ASSERT_TRUE(idle);
  server_->stop();
  ASSERT_TRUE(idle->closed_by_server());  // the stop has reached the loop
  // Nothing else keeps the loop running now: a server that did not wait for the reply would
  // return at once. That it does not can only be shown by waiting a while for it.
  EXPECT_EQ(runner_.wait_for(200ms), std::future_status::timeout);  // still waiting for the reply
  reply_later(R"({"stored":true})");
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, R"({"stored":true})");
  EXPECT_TRUE(runner_.wait_for(5s) == std::future_status::ready);
}

TEST_F(ServerTest, AReplyDroppedUnansweredIs500) {
  start();
  Client c(server_->port());
  c.send(get("/api/v1/dropped"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->headers["content-type"], "application/problem+json");
}

TEST_F(ServerTest, StopClosesIdleConnectionsAndStopsAccepting) {
  start();
  Client idle(server_->port());
  idle.send(get("/hello"));
  ASSERT_TRUE(idle.read());
  const auto port = server_->port();
  EXPECT_TRUE(stop_and_wait());
  EXPECT_TRUE(idle.closed_by_server());
  Client late(port);
  EXPECT_FALSE(late.connected());
}

TEST_F(ServerTest, RequestsAreCountedInMetrics) {
  start();
  Client c(server_->port());
  c.send(get("/hello"));
  ASSERT_TRUE(c.read());
  c.send(get("/hello"));
  ASSERT_TRUE(c.read());
  auto text = metrics_.render({});
  EXPECT_NE(text.find(R"(vg_http_requests_total{route="/hello",method="GET",status="200"} 2)"),
            std::string::npos)
      << text;
}

TEST(ServerListen, ParsesHostAndPort) {
  auto a = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->first, "127.0.0.1");
  EXPECT_EQ(a->second, 8080);
  auto v6 = parse_listen_address("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->first, "::1");
  EXPECT_EQ(v6->second, 0);
  EXPECT_FALSE(parse_listen_address("127.0.0.1"));
  EXPECT_FALSE(parse_listen_address("127.0.0.1:99999"));
  EXPECT_FALSE(parse_listen_address(":80"));
  EXPECT_FALSE(parse_listen_address("host:8o"));
}

}  // namespace
}  // namespace vg::http
