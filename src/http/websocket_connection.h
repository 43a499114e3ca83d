// The server's WebSocket connections (Beast), for server.cpp only: a request the UpgradeHandler
// accepted is handed over with its stream and what was read past it. Never include this from a
// handler: they see http/live_socket.h.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>

#include "http/live_socket.h"

namespace vg::http {

// What the server closes when it stops (on the connection's own thread).
class UpgradedConnection {
 public:
  virtual ~UpgradedConnection() = default;
  virtual void on_shutdown() = 0;
};

// Completes the handshake (the answer marked Cache-Control: no-store) and runs the connection
// until either side closes it. The returned pointer only observes it.
std::weak_ptr<UpgradedConnection> start_websocket(boost::beast::tcp_stream stream, boost::beast::flat_buffer buffer,
                                                  boost::beast::http::request<boost::beast::http::string_body> request,
                                                  std::shared_ptr<SocketHandler> handler, const SocketLimits& limits);

}  // namespace vg::http
