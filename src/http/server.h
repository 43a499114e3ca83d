// The HTTP/1.1 server: Boost.Beast over Asio with one io_context and one thread per core,
// keep-alive, size limits, timeouts and graceful shutdown. Beast stays inside server.cpp.
// Must never let a handler's exception, a slow client or a signal end the process uncleanly.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "domain/result.h"
#include "http/live_socket.h"
#include "http/pipeline.h"
#include "http/router.h"

namespace vg::http {

class Metrics;

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";     // "host:port"; port 0 picks a free one
  int threads = 0;                           // 0 = one per core
  std::size_t max_body_bytes = 1 << 20;      // larger bodies get 413
  std::size_t max_header_bytes = 16 * 1024;  // larger request heads get 431
  // Time allowed to receive one request (head and body) and to send its response.
  std::chrono::seconds request_timeout{30};
  // How long a keep-alive connection may wait for its next request; 0 = request_timeout.
  std::chrono::seconds idle_timeout{0};
  // After a stop, how long in-flight requests may take before the loops are cut; 0 =
  // request_timeout + 5 s.
  std::chrono::seconds shutdown_grace{0};
  bool handle_signals = true;  // SIGTERM and SIGINT stop the server gracefully
  PipelineOptions pipeline;    // error pages, access log
  // WebSocket upgrades (http/live_socket.h); empty: none, every request goes to the pipeline.
  UpgradeHandler upgrade;
  SocketLimits socket_limits;
};

class Server {
 public:
  // Router and metrics (may be null) must outlive the server.
  Server(const Router& router, Metrics* metrics, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Resolves and binds the listen address and starts listening. Call once, before run().
  Result<void> bind();
  std::uint16_t port() const;
  std::string url() const;  // "http://127.0.0.1:PORT" (IPv6 hosts in brackets)

  // Serves until stop() or a signal, then stops accepting, lets in-flight requests finish
  // (closing idle keep-alive connections at once) and returns. Call once, from one thread.
  void run();

  // Thread-safe and idempotent; also safe before run() (run() then returns at once).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "host:port" or "[v6]:port". Port must be 0–65535.
Result<std::pair<std::string, std::uint16_t>> parse_listen_address(const std::string& listen);

}  // namespace vg::http
