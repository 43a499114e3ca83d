#include "http/pipeline.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <exception>
#include <set>
#include <typeinfo>

#include "http/access_log.h"
#include "http/cors.h"
#include "http/cross_site.h"
#include "http/gzip.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "http/request_id.h"
#include "http/security_headers.h"

namespace vg::http {
namespace {

// Methods outside this set are counted as OTHER so a client cannot grow the metric label set.
std::string_view method_label(std::string_view method) {
  static constexpr std::string_view kKnown[] = {"GET",    "HEAD",    "POST", "PUT",
                                                "DELETE", "OPTIONS", "PATCH"};
  for (auto m : kKnown) {
    if (m == method) return m;
  }
  return "OTHER";
}

std::string allowed_methods(const Router& router, const std::string& pattern, bool api) {
  std::set<std::string> methods;
  for (const auto& r : router.routes()) {
    if (r.pattern != pattern) continue;
    methods.insert(r.method);
    if (r.method == "GET") methods.insert("HEAD");
  }
  if (api) methods.insert("OPTIONS");
  std::string out;
  for (const auto& m : methods) out += (out.empty() ? "" : ", ") + m;
  return out;
}

}  // namespace

Response plain_error_page(int status) {
  std::string_view title = "Sorry, there is a problem with the service";
  if (status == 404)
    title = "Page not found";
  else if (status == 405)
    title = "Method not allowed";
  else if (status == 400)
    title = "Bad request";
  else if (status == 413)
    title = "Request too large";
  else if (status == 403)
    title = "This form was sent from another website";
  std::string body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>";
  body += title;
  body += "</title></head><body><h1>";
  body += title;
  body += "</h1></body></html>\n";
  return html_response(status, std::move(body));
}

Pipeline::Pipeline(const Router& router, Metrics* metrics, PipelineOptions options)
    : router_(router), metrics_(metrics), options_(std::move(options)) {}

Response Pipeline::error_response(const Request& request, int status) const {
  if (is_api_path(request.path)) return problem_response(status, {});
  if (options_.error_page) {
    try {
      return options_.error_page(request, status);
    } catch (const std::exception& e) {
      spdlog::error("error page renderer threw {} for status {}", typeid(e).name(), status);
    } catch (...) {
      spdlog::error("error page renderer threw for status {}", status);
    }
  }
  return plain_error_page(status);
}

Response Pipeline::route(Request& request, const RouteMatch& match) const {
  const bool api = is_api_path(request.path);
  if (request.method == "OPTIONS" && api && !match.pattern.empty()) {
    return cors_preflight_response();
  }
  if (!match.handler) {
    const int status = match.method_not_allowed ? 405 : 404;
    auto response = error_response(request, status);
    if (status == 405) response.set_header("Allow", allowed_methods(router_, match.pattern, api));
    return response;
  }
  try {
    return (*match.handler)(request);
  } catch (const std::exception& e) {
    // The type names the failure without copying a message that might quote input.
    spdlog::error("handler for {} threw {} (request {})", match.pattern, typeid(e).name(),
                  request.request_id);
  } catch (...) {
    spdlog::error("handler for {} threw a non-exception (request {})", match.pattern,
                  request.request_id);
  }
  return failed_handler(request, match.pattern, true);
}

Response Pipeline::failed_handler(const Request& request, const std::string& route_label,
                                  bool threw) const {
  if (!threw) {
    spdlog::error("handler for {} dropped its reply (request {})", route_label, request.request_id);
  }
  if (is_api_path(request.path)) return problem_response(Error{"internal", {}, {}});
  return error_response(request, 500);
}

void Pipeline::begin(Request& request) const {
  if (request.received_at == std::chrono::steady_clock::time_point{}) {
    request.received_at = std::chrono::steady_clock::now();
  }
  request.request_id = request_id_for(request.header("x-request-id").value_or(""));
  // The server fills peer_address; a request made in a test may give only remote_address.
  if (request.peer_address.empty()) request.peer_address = request.remote_address;
  request.remote_address = client_address(request.peer_address, request.header("x-forwarded-for"),
                                          options_.trusted_proxies);
}

Response Pipeline::cross_site_refusal(const Request& request) const {
  if (is_api_path(request.path)) {
    return problem_response(403, "Forbidden",
                            "A request from another website, made with this browser's cookies, "
                            "is not accepted. API clients authenticate with a bearer key.");
  }
  if (options_.error_page) {
    try {
      return options_.error_page(request, 403);
    } catch (...) {
      spdlog::error("error page renderer threw for status 403");
    }
  }
  return plain_error_page(403);
}

Response Pipeline::handle(Request& request) const {
  std::optional<Response> answer;
  std::mutex mutex;
  std::condition_variable answered;
  // Not owned: `request` outlives this call, which waits for the answer.
  std::shared_ptr<Request> borrowed(&request, [](Request*) {});
  handle_async(
      borrowed, [](std::function<void()> resume) { resume(); },
      [&](Response response) {
        std::lock_guard lock(mutex);
        answer = std::move(response);
        answered.notify_one();
      });
  std::unique_lock lock(mutex);
  answered.wait(lock, [&] { return answer.has_value(); });
  return std::move(*answer);
}

void Pipeline::handle_async(std::shared_ptr<Request> request, Resume resume,
                            std::function<void(Response)> done) const {
  begin(*request);
  RouteMatch match;
  try {
    match = router_.match(*request);
  } catch (...) {
    // Only allocation can get here; answer rather than crash.
    return done(finish(*request, plain_error_page(500), kUnmatchedRoute));
  }
  const std::string route_label = match.pattern.empty() ? kUnmatchedRoute : match.pattern;
  // Cross-site forgery is refused here, once for every route, before any handler can change
  // anything; a form cannot opt out by forgetting a check.
  bool forged = false;
  try {
    forged = (match.handler || match.async_handler) &&
             is_cross_site_forgery(*request, options_.public_origin);
  } catch (...) {
    forged = true;  // only allocation can get here; refusing changes nothing
  }
  if (forged) return done(finish(*request, cross_site_refusal(*request), route_label));
  // An OPTIONS preflight never matches a route's method, so it has no async handler either.
  if (!match.async_handler) {
    Response response;
    try {
      response = route(*request, match);
    } catch (...) {
      // Only an error page renderer or allocation can get here; answer rather than crash.
      response = plain_error_page(500);
    }
    return done(finish(*request, std::move(response), route_label));
  }
  Reply reply(
      [this, request, route_label, resume = std::move(resume),
       done = std::move(done)](Reply::Make make) {
        resume([this, request, route_label, done, make = std::move(make)]() mutable {
          Response response;
          try {
            response = make();
          } catch (const std::exception& e) {
            spdlog::error("handler for {} threw {} while answering (request {})", route_label,
                          typeid(e).name(), request->request_id);
            response = failed_handler(*request, route_label, true);
          } catch (...) {
            spdlog::error("handler for {} threw a non-exception while answering (request {})",
                          route_label, request->request_id);
            response = failed_handler(*request, route_label, true);
          }
          done(finish(*request, std::move(response), route_label));
        });
      },
      [this, request, route_label] { return failed_handler(*request, route_label, false); });
  try {
    (*match.async_handler)(*request, reply);
  } catch (const std::exception& e) {
    spdlog::error("handler for {} threw {} (request {})", route_label, typeid(e).name(),
                  request->request_id);
    reply(failed_handler(*request, route_label, true));
  } catch (...) {
    spdlog::error("handler for {} threw a non-exception (request {})", route_label,
                  request->request_id);
    reply(failed_handler(*request, route_label, true));
  }
}

Response Pipeline::reject(Request& request, int status, std::string detail) const {
  begin(request);
  auto response = problem_response(status, {}, std::move(detail));
  return finish(request, std::move(response), kUnmatchedRoute);
}

Response Pipeline::refuse_upgrade(Request& request, const std::string& route, int status, std::string detail) const {
  begin(request);
  auto response = problem_response(status, {}, std::move(detail));
  response.set_header("Cache-Control", "no-store");
  return finish(request, std::move(response), route.empty() ? kUnmatchedRoute : route);
}

void Pipeline::record_upgrade(Request& request, const std::string& route) const {
  begin(request);
  const auto elapsed = std::chrono::steady_clock::now() - request.received_at;
  const std::string& label = route.empty() ? std::string(kUnmatchedRoute) : route;
  if (metrics_) metrics_->observe_request(label, method_label(request.method), 101, elapsed);
  if (options_.access_log) {
    log_access(AccessLogEntry{request.request_id, method_label(request.method), label, 101,
                              std::chrono::duration<double, std::milli>(elapsed).count(), 0});
  }
}

Response Pipeline::finish(Request& request, Response response,
                          const std::string& route_label) const {
  try {
    response.set_header(std::string(kRequestIdHeader), request.request_id);
    if (is_api_path(request.path)) add_cors_headers(response);
    add_security_headers(response);
    if (!response.header("Cache-Control"))
      response.headers.emplace_back("Cache-Control", "no-store");
    maybe_gzip(request, response);
  } catch (...) {
    spdlog::error("response headers failed (request {})", request.request_id);
  }

  const auto elapsed = std::chrono::steady_clock::now() - request.received_at;
  const auto method = method_label(request.method);
  if (metrics_) metrics_->observe_request(route_label, method, response.status, elapsed);
  if (options_.access_log) {
    log_access(AccessLogEntry{request.request_id, method, route_label, response.status,
                              std::chrono::duration<double, std::milli>(elapsed).count(),
                              request.method == "HEAD" ? 0 : response.body.size()});
  }
  return response;
}

}  // namespace vg::http
