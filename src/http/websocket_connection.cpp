// One WebSocket connection: Beast's stream, touched only on its loop's thread (as every server
// connection is); other threads reach it through SocketChannel, which posts there.
#include "http/websocket_connection.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <optional>

namespace vg::http {
namespace {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace net = boost::asio;

constexpr std::chrono::seconds kHandshakeTimeout{10};

class WebSocketConnection final : public UpgradedConnection,
                                  public SocketChannel,
                                  public std::enable_shared_from_this<WebSocketConnection> {
 public:
  WebSocketConnection(beast::tcp_stream stream, beast::flat_buffer buffer, std::shared_ptr<SocketHandler> handler,
                      const SocketLimits& limits)
      : ws_(std::move(stream)), buffer_(std::move(buffer)), handler_(std::move(handler)), limits_(limits) {}

  void start(beast::http::request<beast::http::string_body> request) {
    beast::get_lowest_layer(ws_).expires_never();  // the WebSocket's own timeouts from here
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = kHandshakeTimeout;
    timeout.idle_timeout = limits_.idle_timeout;
    timeout.keep_alive_pings = true;  // a ping at half the idle time; a live client's pong keeps it open
    ws_.set_option(timeout);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
      res.set(beast::http::field::cache_control, "no-store");
    }));
    ws_.read_message_max(limits_.max_message_bytes);
    ws_.text(true);
    request_ = std::move(request);
    ws_.async_accept(request_, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->finish();
      self->open_ = true;
      self->handler_->on_open(self);
      self->read();
    });
  }

  void send(std::string text) override {
    net::dispatch(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->enqueue(std::move(text));
    });
  }

  void close(int code, std::string reason) override {
    net::dispatch(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
      if (self->closing_ || self->finished_) return;
      websocket::close_reason why;
      why.code = static_cast<std::uint16_t>(code);
      why.reason = reason.substr(0, why.reason.max_size());
      self->close_with_ = why;
      if (!self->writing_) self->write_next();
    });
  }

  void on_shutdown() override { close(1001, "The server is stopping"); }

 private:
  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->finish();
      if (!self->ws_.got_text()) {
        self->buffer_.clear();
        return self->close(1003, "Text messages only");
      }
      std::string text = beast::buffers_to_string(self->buffer_.data());
      self->buffer_.clear();
      self->handler_->on_text(std::move(text));
      self->read();
    });
  }

  void enqueue(std::string text) {
    if (!open_ || closing_ || finished_ || close_with_) return;
    if (queue_.size() >= limits_.max_queued_messages) {
      // A reader this slow holds nothing back for anyone else: dropped, it catches up on
      // reconnecting.
      return drop();
    }
    queue_.push_back(std::move(text));
    if (!writing_) write_next();
  }

  void write_next() {
    if (finished_) return;
    if (queue_.empty()) {
      if (close_with_ && !closing_) {
        closing_ = true;
        writing_ = true;
        ws_.async_close(*close_with_, [self = shared_from_this()](beast::error_code) {
          self->writing_ = false;
          self->finish();
        });
      }
      return;
    }
    writing_ = true;
    ws_.async_write(net::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->writing_ = false;
      if (ec) return self->drop();
      self->queue_.pop_front();
      self->write_next();
    });
  }

  void drop() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close();
  }

  // The read loop ended (closed by either side, or dropped): the handler is told once.
  void finish() {
    if (finished_) return;
    finished_ = true;
    queue_.clear();
    handler_->on_close();
    drop();
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::shared_ptr<SocketHandler> handler_;
  SocketLimits limits_;
  beast::http::request<beast::http::string_body> request_;
  std::deque<std::string> queue_;
  std::optional<websocket::close_reason> close_with_;
  bool open_ = false;
  bool writing_ = false;
  bool closing_ = false;
  bool finished_ = false;
};

}  // namespace

std::weak_ptr<UpgradedConnection> start_websocket(beast::tcp_stream stream, beast::flat_buffer buffer,
                                                  beast::http::request<beast::http::string_body> request,
                                                  std::shared_ptr<SocketHandler> handler, const SocketLimits& limits) {
  auto connection = std::make_shared<WebSocketConnection>(std::move(stream), std::move(buffer), std::move(handler), limits);
  connection->start(std::move(request));
  return connection;
}

}  // namespace vg::http
