// The per-request middleware chain, free of any socket or Beast type: request id, the client's
// address, routing, CORS, cross-site refusal, the handler, error pages, security and cache
// headers, gzip, metrics and the access log.
// Must never throw and never let a handler's failure reach the connection as anything but a 500.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "http/client_address.h"
#include "http/http_message.h"
#include "http/router.h"

namespace vg::http {

class Metrics;

// Renders the HTML page for a non-API error (404, 405, 500). Must not throw; if it does, the
// pipeline falls back to a small plain page.
using ErrorPageRenderer = std::function<Response(const Request&, int status)>;

struct PipelineOptions {
  ErrorPageRenderer error_page;  // empty: plain built-in pages
  bool access_log = true;
  // Peers whose X-Forwarded-For is believed when working out Request::remote_address.
  std::vector<AddressRange> trusted_proxies = {};
  // The configured public origin ("https://gateway.example"), accepted as a form's Origin
  // besides the request's own Host.
  std::string public_origin = {};
};

class Pipeline {
 public:
  // `metrics` may be null (tests). Router and metrics must outlive the pipeline.
  Pipeline(const Router& router, Metrics* metrics, PipelineOptions options = {});

  // Runs the whole chain. HEAD is routed like GET; the caller drops the body when writing.
  // An asynchronous route is waited for.
  Response handle(Request& request) const;

  // The same without waiting: `done` gets the response exactly once, inline for an ordinary
  // route; for an asynchronous one, inside a function given to `resume` once the handler
  // replies. `resume` must run that function on the connection's own thread (the reply may come
  // from any thread). `request` is kept alive until `done`.
  using Resume = std::function<void(std::function<void()>)>;
  void handle_async(std::shared_ptr<Request> request, Resume resume,
                    std::function<void(Response)> done) const;

  // A request the server refused before it could be routed (400, 408, 413, 431): a problem
  // response with the same headers, metrics and log line as any other.
  Response reject(Request& request, int status, std::string detail) const;

  // A WebSocket handshake (http/live_socket.h) on path template `route`: refused, a problem
  // response as reject's; accepted, the 101 counted and logged as any answer is (no body).
  Response refuse_upgrade(Request& request, const std::string& route, int status, std::string detail) const;
  void record_upgrade(Request& request, const std::string& route) const;

  // The route label metrics and logs use when no route matched.
  static constexpr const char* kUnmatchedRoute = "unmatched";

 private:
  void begin(Request& request) const;
  Response route(Request& request, const RouteMatch& match) const;
  Response failed_handler(const Request& request, const std::string& route_label, bool threw) const;
  Response error_response(const Request& request, int status) const;
  Response cross_site_refusal(const Request& request) const;
  Response finish(Request& request, Response response, const std::string& route_label) const;

  const Router& router_;
  Metrics* metrics_;
  PipelineOptions options_;
};

// The small built-in HTML page for `status` (used when no error_page renderer is set).
Response plain_error_page(int status);

}  // namespace vg::http
