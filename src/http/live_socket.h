// A WebSocket connection as handlers see it, free of Beast (which only the server's own files
// compile): the server lets a request upgrade when the UpgradeHandler accepts it, then gives its
// SocketHandler each text message and says when it closed. Handlers must never block the
// connection's thread for long, and must not assume which thread calls send() or close().
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/http_message.h"

namespace vg::http {

// The server's side of one connection. Thread-safe; after the connection closed, does nothing.
class SocketChannel {
 public:
  virtual ~SocketChannel() = default;
  // Queues a text message. A connection whose client does not read fast enough (its queue full)
  // is dropped: a live client catches up when it reconnects.
  virtual void send(std::string text) = 0;
  // Sends what is queued, then closes with `code` (RFC 6455 §7.4) and `reason`.
  virtual void close(int code, std::string reason) = 0;
};

// What a handler does with one connection; called on the connection's own thread, in order:
// on_open once, on_text for each message, on_close once (also after a failed open).
class SocketHandler {
 public:
  virtual ~SocketHandler() = default;
  virtual void on_open(std::shared_ptr<SocketChannel> channel) = 0;
  virtual void on_text(std::string text) = 0;
  virtual void on_close() = 0;
};

// The answer to an upgrade request: a handler, or a refusal (status and the problem's detail).
struct UpgradeDecision {
  std::shared_ptr<SocketHandler> handler;
  int status = 404;
  std::string detail;
  // The path's template ("/staff/chats/{id}/live"): what the access log and metrics name the
  // handshake by, never the path (it may hold an id).
  std::string route;
};

// For a request asking to upgrade to WebSocket: nullopt when its path has no socket (it is then
// answered as any other request), else the decision.
using UpgradeHandler = std::function<std::optional<UpgradeDecision>(Request&)>;

// Each connection's bounds.
struct SocketLimits {
  std::size_t max_message_bytes = 16 * 1024;  // a larger message closes the connection (1009)
  std::size_t max_queued_messages = 256;      // outgoing; beyond it the connection is dropped
  // No frame from the client for this long closes it; pings go out at half of it.
  std::chrono::seconds idle_timeout{60};
};

}  // namespace vg::http
