// The per-request middleware chain, free of any socket or Beast type: request id, routing,
// CORS, the handler, error pages, security and cache headers, gzip, metrics and the access log.
// Must never throw and never let a handler's failure reach the connection as anything but a 500.
#pragma once

#include <functional>
#include <string>

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
};

class Pipeline {
 public:
  // `metrics` may be null (tests). Router and metrics must outlive the pipeline.
  Pipeline(const Router& router, Metrics* metrics, PipelineOptions options = {});

  // Runs the whole chain. HEAD is routed like GET; the caller drops the body when writing.
  Response handle(Request& request) const;

  // A request the server refused before it could be routed (400, 408, 413, 431): a problem
  // response with the same headers, metrics and log line as any other.
  Response reject(Request& request, int status, std::string detail) const;

  // The route label metrics and logs use when no route matched.
  static constexpr const char* kUnmatchedRoute = "unmatched";

 private:
  Response route(Request& request, std::string& route_label) const;
  Response error_response(const Request& request, int status) const;
  Response finish(Request& request, Response response, const std::string& route_label) const;

  const Router& router_;
  Metrics* metrics_;
  PipelineOptions options_;
};

// The small built-in HTML page for `status` (used when no error_page renderer is set).
Response plain_error_page(int status);

}  // namespace vg::http
