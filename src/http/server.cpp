// The only translation unit that compiles Beast and Asio (they are heavy; see DESIGN.md).
//
// Threading: N threads, each running its own io_context (concurrency hint 1). The acceptor lives
// on loop 0 and hands each new socket to the next loop round-robin; from then on a connection is
// touched only by its loop's thread, so sessions need no strands or locks, and loops never
// contend on one shared scheduler queue. Handlers run inline on that thread: they are short, or
// asynchronous (their reply is dispatched back to the connection's loop).
//
// Connection life: wait for the first byte (idle timeout) -> read the head (request timeout,
// header limit; 100-continue honoured) -> read the body (body limit) -> run the pipeline ->
// write -> keep-alive or close. On stop, idle connections are closed at once; a connection that
// has started a request finishes it and then closes.
#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <typeinfo>
#include <unordered_set>
#include <vector>

#include "http/metrics.h"
#include "http/websocket_connection.h"

namespace vg::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// What a closing connection will still read and throw away so the client sees our response
// instead of a reset (RFC 9112 §9.6), and for how long.
constexpr std::size_t kLingerBytes = 4u << 20;
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::chrono::milliseconds kAcceptRetry{100};
// What one read may add to the buffer beyond a request head; Beast reads bodies in pieces of
// this size, so the buffer never needs more than a head plus one piece. Bounding it bounds what a
// chunk-size line (with its extensions) may take, which the header limit does not cover.
constexpr std::size_t kReadPiece = 64 * 1024;
constexpr int kMaxLoopRestarts = 100;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool header_safe(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// Fills method, target, path, query and headers from what the parser has so far (a refused
// request may stop half-way through its head). Returns false when the target is not a path.
bool fill_request(const bhttp::request<bhttp::string_body>& in, Request& out) {
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  for (const auto& field : in) {
    auto name = lower(field.name_string());
    auto [it, inserted] = out.headers.try_emplace(name, std::string(field.value()));
    if (!inserted) {
      // Repeated fields fold into one, as RFC 9110 §5.3 allows (cookies use "; ").
      it->second += name == "cookie" ? "; " : ", ";
      it->second += field.value();
    }
  }
  return read_target(out.target, out);
}

}  // namespace

namespace {

class Session;

// Each loop: one thread, one io_context, and the sessions it owns (touched only on that thread).
// `sessions` is declared first so it outlives the io_context, whose destruction may release the
// last reference to a session that then unregisters itself.
struct Loop {
  std::unordered_set<Session*> sessions;
  std::vector<std::weak_ptr<UpgradedConnection>> upgraded;  // WebSockets, closed on stop
  net::io_context ioc{1};
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
};

struct Shared {
  const ServerOptions& options;
  const Pipeline& pipeline;
  std::atomic<bool>& stopping;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Loop& loop, const Shared& shared)
      : stream_(std::move(socket)),
        loop_(loop),
        shared_(shared),
        buffer_(shared.options.max_header_bytes + kReadPiece),
        request_timer_(stream_.get_executor()) {}

  ~Session() { loop_.sessions.erase(this); }

  void start() {
    loop_.sessions.insert(this);
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = remote.address().to_string();
    wait_for_request();
  }

  // Called on this session's thread when the server stops.
  void on_shutdown() {
    if (phase_ == Phase::kIdle) stream_.cancel();
  }

 private:
  enum class Phase { kIdle, kReading, kWriting, kClosing };

  std::chrono::seconds idle_timeout() const {
    auto t = shared_.options.idle_timeout;
    return t.count() > 0 ? t : shared_.options.request_timeout;
  }

  void wait_for_request() {
    phase_ = Phase::kIdle;
    if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
    if (shared_.stopping.load()) return close();
    stream_.expires_after(idle_timeout());
    stream_.async_read_some(buffer_.prepare(std::min<std::size_t>(4096, buffer_.max_size())),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->buffer_.commit(n);
                              if (ec) return self->close();
                              self->read_header();
                            });
  }

  void read_header() {
    phase_ = Phase::kReading;
    received_at_ = std::chrono::steady_clock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
    parser_->body_limit(shared_.options.max_body_bytes);
    start_request_clock();
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    auto& req = parser_->get();
    auto expect = req[bhttp::field::expect];
    if (!expect.empty() && iequals(expect, "100-continue") && !parser_->is_done()) {
      continue_.emplace(bhttp::status::continue_, req.version());
      bhttp::async_write(stream_, *continue_,
                         [self = shared_from_this()](beast::error_code wec, std::size_t) {
                           self->continue_.reset();
                           if (wec) return self->close();
                           self->read_body();
                         });
      return;
    }
    read_body();
  }

  void read_body() {
    // The clock may have run out just as the head arrived (too late to cancel that read).
    if (timed_out_) return reject_late();
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->on_read_error(ec);
                        self->on_request();
                      });
  }

  // The request's head and body must arrive within request_timeout. Timed apart from the stream
  // (whose own timeout closes the socket) so that a late request can still be told 408.
  void start_request_clock() {
    stream_.expires_never();
    timed_out_ = false;
    request_timer_.expires_after(shared_.options.request_timeout);
    request_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;  // cancelled: the request arrived, or the connection closed
      self->timed_out_ = true;
      self->stream_.cancel();
    });
  }

  void stop_request_clock() { request_timer_.cancel(); }

  void reject_late() { reject(408, "The request was not received in time."); }

  void on_read_error(beast::error_code ec) {
    if (timed_out_ && ec == net::error::operation_aborted) {
      return reject_late();
    }
    stop_request_clock();
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset) {
      return close();
    }
    if (ec == bhttp::error::body_limit) {
      return reject(413, "The request body is larger than this server accepts.");
    }
    if (ec == bhttp::error::header_limit) {
      return reject(431, "The request head is larger than this server accepts.");
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
      return reject(400, "The request is not valid HTTP/1.1.");
    }
    close();
  }

  Request base_request() {
    Request request;
    request.peer_address = remote_address_;  // the pipeline works out remote_address
    request.received_at = received_at_;
    return request;
  }

  void on_request() {
    stop_request_clock();
    auto message = parser_->release();
    parser_.reset();
    auto request = std::make_shared<Request>(base_request());
    const bool target_ok = fill_request(message, *request);
    request->body = std::move(message.body());
    const bool keep_alive = message.keep_alive() && !shared_.stopping.load();
    const unsigned version = message.version();
    if (!target_ok) {
      auto response = shared_.pipeline.reject(*request, 400, "The request target is not a path.");
      return write(std::move(response), version, false, false, false);
    }
    if (shared_.options.upgrade && beast::websocket::is_upgrade(message)) {
      if (auto decision = shared_.options.upgrade(*request)) return upgrade(std::move(message), *request, *decision);
    }
    const bool head = request->method == "HEAD";
    // A reply from another thread comes back to this loop; the tracked executor counts as work,
    // so a stopping loop waits for the answer instead of leaving the client without one.
    auto home = net::prefer(loop_.ioc.get_executor(), net::execution::outstanding_work.tracked);
    shared_.pipeline.handle_async(
        std::move(request),
        [home](std::function<void()> resume) { net::dispatch(home, std::move(resume)); },
        [self = shared_from_this(), version, keep_alive, head](Response response) {
          self->write(std::move(response), version, keep_alive, head, false);
        });
  }

  // A WebSocket handshake: refused as a problem response, or handed over with the stream (this
  // session then ends).
  void upgrade(bhttp::request<bhttp::string_body> message, Request& request, const UpgradeDecision& decision) {
    if (!decision.handler) {
      auto response = shared_.pipeline.refuse_upgrade(request, decision.route, decision.status, decision.detail);
      return write(std::move(response), message.version(), false, false, false);
    }
    shared_.pipeline.record_upgrade(request, decision.route);
    phase_ = Phase::kClosing;
    std::erase_if(loop_.upgraded, [](const auto& c) { return c.expired(); });
    loop_.upgraded.push_back(start_websocket(std::move(stream_), std::move(buffer_), std::move(message),
                                             decision.handler, shared_.options.socket_limits));
  }

  // Answers a request that could not be read in full, then closes the connection.
  void reject(int status, std::string detail) {
    stop_request_clock();
    Request request = base_request();
    unsigned version = 11;
    if (parser_) {
      fill_request(parser_->get(), request);
      if (parser_->get().version() == 10) version = 10;
    }
    const bool head = request.method == "HEAD";
    parser_.reset();
    auto response = shared_.pipeline.reject(request, status, std::move(detail));
    write(std::move(response), version, false, head, true);
  }

  void write(Response response, unsigned version, bool keep_alive, bool head, bool drain) {
    phase_ = Phase::kWriting;
    res_ = {};
    res_.version(version);
    int status = response.status;
    if (status < 100 || status > 599) status = 500;
    res_.result(static_cast<unsigned>(status));
    const bool bodiless = status == 204 || status == 304 || status < 200;
    if (!bodiless && !response.content_type.empty()) {
      res_.set(bhttp::field::content_type, response.content_type);
    }
    for (auto& [name, value] : response.headers) {
      if (name.empty() || !header_safe(name) || !header_safe(value)) {
        spdlog::error("dropped a response header with a control character");
        continue;
      }
      res_.insert(name, value);
    }
    res_.keep_alive(keep_alive);
    if (bodiless) {
      res_.body().clear();
      res_.prepare_payload();
    } else if (head) {
      // HEAD: the headers GET would send, Content-Length included, and no body.
      res_.content_length(response.body.size());
    } else {
      res_.body() = std::move(response.body);
      res_.prepare_payload();
    }
    stream_.expires_after(shared_.options.request_timeout);
    bhttp::async_write(
        stream_, res_,
        [self = shared_from_this(), keep_alive, drain](beast::error_code ec, std::size_t) {
          self->res_ = {};
          if (ec) return self->close();
          if (!keep_alive) return drain ? self->linger_close() : self->close();
          self->wait_for_request();
        });
  }

  // Stops sending, reads and drops what the client still sends (bounded), then closes.
  void linger_close() {
    phase_ = Phase::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    buffer_.clear();
    stream_.expires_after(kLingerTime);
    drain_some();
  }

  void drain_some() {
    stream_.async_read_some(buffer_.prepare(16384),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              self->buffer_.clear();
                              if (ec || self->drained_ >= kLingerBytes) return self->close();
                              self->drain_some();
                            });
  }

  void close() {
    phase_ = Phase::kClosing;
    stop_request_clock();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Loop& loop_;
  const Shared& shared_;
  beast::flat_buffer buffer_;
  net::steady_timer request_timer_;
  bool timed_out_ = false;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::empty_body>> continue_;
  bhttp::response<bhttp::string_body> res_;
  std::string remote_address_;
  std::chrono::steady_clock::time_point received_at_{};
  Phase phase_ = Phase::kIdle;
  std::size_t drained_ = 0;
};

}  // namespace

Result<std::pair<std::string, std::uint16_t>> parse_listen_address(const std::string& listen) {
  auto bad = [&] {
    return fail("validation_failed", "listen must be host:port",
                {FieldError{"listen", "invalid", "Use host:port, for example 127.0.0.1:8080"}});
  };
  std::string host;
  std::string port_text;
  if (!listen.empty() && listen.front() == '[') {
    auto close_bracket = listen.find(']');
    if (close_bracket == std::string::npos || close_bracket + 1 >= listen.size() ||
        listen[close_bracket + 1] != ':') {
      return bad();
    }
    host = listen.substr(1, close_bracket - 1);
    port_text = listen.substr(close_bracket + 2);
  } else {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) return bad();
    host = listen.substr(0, colon);
    port_text = listen.substr(colon + 1);
  }
  if (host.empty() || port_text.empty() || port_text.size() > 5 ||
      !std::all_of(port_text.begin(), port_text.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return bad();
  }
  const int port = std::stoi(port_text);
  if (port > 65535) return bad();
  return std::pair{host, static_cast<std::uint16_t>(port)};
}

struct Server::Impl {
  Impl(const Router& router, Metrics* metrics, ServerOptions opts)
      : options(std::move(opts)),
        pipeline(router, metrics, options.pipeline),
        shared{options, pipeline, stopping} {
    int n = options.threads > 0 ? options.threads
                                : static_cast<int>(std::thread::hardware_concurrency());
    n = std::clamp(n, 1, 256);
    loops.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      auto loop = std::make_unique<Loop>();
      loop->work.emplace(loop->ioc.get_executor());
      loops.push_back(std::move(loop));
    }
    acceptor.emplace(loops[0]->ioc);
    signals.emplace(loops[0]->ioc);
  }

  ~Impl() {
    // Objects bound to loop 0 go before the loops; sessions left in a loop after a cut shutdown
    // are released when its io_context is destroyed (see Loop).
    signals.reset();
    acceptor.reset();
    pending.reset();
    retry_timer.reset();
    for (auto& loop : loops) loop->work.reset();
  }

  void accept_next() {
    if (stopping.load()) return;
    Loop& target = *loops[next_loop];
    next_loop = (next_loop + 1) % loops.size();
    pending.emplace(target.ioc);
    acceptor->async_accept(*pending, [this, &target](beast::error_code ec) {
      if (ec == net::error::operation_aborted || stopping.load()) return;
      if (ec) {
        // Out of descriptors and the like: wait a moment rather than spin on the error.
        spdlog::warn("accept failed: {}", ec.message());
        retry_timer.emplace(loops[0]->ioc, kAcceptRetry);
        retry_timer->async_wait([this](beast::error_code tec) {
          if (!tec) accept_next();
        });
        return;
      }
      net::post(target.ioc, [this, &target, socket = std::move(*pending)]() mutable {
        std::make_shared<Session>(std::move(socket), target, shared)->start();
      });
      accept_next();
    });
  }

  // Runs on loop 0: the acceptor and the signal set belong to it.
  void begin_shutdown() {
    beast::error_code ec;
    acceptor->close(ec);
    signals->cancel(ec);
    if (retry_timer) retry_timer->cancel();
    for (auto& loop : loops) {
      net::post(loop->ioc, [l = loop.get()] {
        // on_shutdown may end a session, which erases it from the set: iterate over a copy.
        std::vector<Session*> current(l->sessions.begin(), l->sessions.end());
        for (auto* s : current) {
          if (l->sessions.contains(s)) s->on_shutdown();
        }
        for (auto& socket : l->upgraded) {
          if (auto c = socket.lock()) c->on_shutdown();
        }
        l->work.reset();
      });
    }
  }

  ServerOptions options;
  Pipeline pipeline;
  std::atomic<bool> stopping{false};
  Shared shared;
  std::vector<std::unique_ptr<Loop>> loops;
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::signal_set> signals;
  std::optional<tcp::socket> pending;
  std::optional<net::steady_timer> retry_timer;
  std::size_t next_loop = 0;
  tcp::endpoint bound;

  std::mutex mutex;
  std::condition_variable changed;
  bool stop_requested = false;
  int running = 0;
};

Server::Server(const Router& router, Metrics* metrics, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, metrics, std::move(options))) {}

Server::~Server() = default;

Result<void> Server::bind() {
  auto address = VG_TRY(parse_listen_address(impl_->options.listen));
  beast::error_code ec;
  tcp::resolver resolver(impl_->loops[0]->ioc);
  auto results = resolver.resolve(address.first, std::to_string(address.second),
                                  tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return fail("unavailable", "cannot resolve listen host " + address.first);
  }
  auto& acceptor = *impl_->acceptor;
  std::string last_error;
  for (const auto& entry : results) {
    beast::error_code e;
    acceptor.open(entry.endpoint().protocol(), e);
    if (!e) acceptor.set_option(net::socket_base::reuse_address(true), e);
    if (!e) acceptor.bind(entry.endpoint(), e);
    if (!e) acceptor.listen(net::socket_base::max_listen_connections, e);
    if (!e) {
      impl_->bound = acceptor.local_endpoint(e);
      if (!e) return {};
    }
    last_error = e.message();
    beast::error_code ignored;
    acceptor.close(ignored);
  }
  return fail("unavailable", "cannot listen on " + impl_->options.listen + ": " + last_error);
}

std::uint16_t Server::port() const { return impl_->bound.port(); }

std::string Server::url() const {
  auto address = impl_->bound.address();
  std::string host = address.to_string();
  if (address.is_unspecified()) host = address.is_v6() ? "::1" : "127.0.0.1";
  if (address.is_v6()) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(port());
}

void Server::run() {
  auto& impl = *impl_;
  {
    std::lock_guard lock(impl.mutex);
    if (impl.stop_requested) return;
  }
  if (impl.options.handle_signals) {
    impl.signals->add(SIGTERM);
    impl.signals->add(SIGINT);
    impl.signals->async_wait([this](beast::error_code ec, int) {
      if (!ec) stop();
    });
  }
  net::post(impl.loops[0]->ioc, [&impl] { impl.accept_next(); });

  std::vector<std::thread> threads;
  {
    std::lock_guard lock(impl.mutex);
    impl.running = static_cast<int>(impl.loops.size());
  }
  for (auto& loop : impl.loops) {
    threads.emplace_back([&impl, l = loop.get()] {
      // A handler that throws past the pipeline is a bug; log it and keep the loop alive.
      for (int restarts = 0; restarts < kMaxLoopRestarts; ++restarts) {
        try {
          l->ioc.run();
          break;
        } catch (const std::exception& e) {
          spdlog::error("server loop caught {}", typeid(e).name());
        }
      }
      std::lock_guard lock(impl.mutex);
      --impl.running;
      impl.changed.notify_all();
    });
  }

  std::unique_lock lock(impl.mutex);
  impl.changed.wait(lock, [&] { return impl.stop_requested || impl.running == 0; });
  auto grace = impl.options.shutdown_grace.count() > 0
                   ? impl.options.shutdown_grace
                   : impl.options.request_timeout + std::chrono::seconds(5);
  if (!impl.changed.wait_for(lock, grace, [&] { return impl.running == 0; })) {
    spdlog::warn("shutdown grace period over; closing remaining connections");
    for (auto& loop : impl.loops) loop->ioc.stop();
  }
  lock.unlock();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  auto& impl = *impl_;
  {
    std::lock_guard lock(impl.mutex);
    if (impl.stop_requested) return;
    impl.stop_requested = true;
  }
  impl.stopping.store(true);
  net::post(impl.loops[0]->ioc, [&impl] { impl.begin_shutdown(); });
  impl.changed.notify_all();
}

}  // namespace vg::http
