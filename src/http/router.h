// Maps method + path pattern ("/api/v1/services/{id}") to a handler. Patterns, not raw paths,
// are what metrics and access logs record, so ids never reach them.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/access/access_table.h"
#include "http/http_message.h"

namespace vg::http {

using Handler = std::function<Response(Request&)>;

// How an asynchronous handler answers: call it once, from any thread, when the answer is ready.
// Copies share one answer; later calls do nothing. A reply dropped unanswered (a bug) sends the
// `dropped` response instead, so a request can never hang.
class Reply {
 public:
  // `send` runs what it is given on the connection's own thread and sends the response made.
  using Make = std::function<Response()>;
  Reply(std::function<void(Make)> send, Make dropped);
  void operator()(Response response) const;
  // Answers with what `make` returns, made on the connection's thread: for work that finishes on
  // some other thread (the referral writer's) but has more to do before the answer, such as
  // saving a draft or rendering a page, which should not hold that thread up.
  void later(Make make) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// For handlers that wait on something slow (a group commit) without holding the connection's
// thread: start the work, return, and reply later. `request` lives until the reply.
using AsyncHandler = std::function<void(Request&, Reply)>;

struct RouteMatch {
  const Handler* handler = nullptr;
  const AsyncHandler* async_handler = nullptr;
  std::string pattern;  // the route's pattern, for logs and metrics
  bool method_not_allowed = false;
};

// Who a route is for, declared where it is added. The route's handler and its use case still
// decide (the access table, per record); the guard says what they decide at the door, so
// `victim-gateway serve --list-routes` can list every route with it and one test
// (tests/integration/http/route_access.test.mjs) checks each against the access table.
struct Guard {
  enum class Kind {
    kEveryone,  // public pages and the public API
    kSignedIn,  // any signed-in member of staff
    kApiKey,    // a police or partner system's key (Authorization: Bearer)
    kOperator,  // the addresses in metrics_allow
    kAction,    // a signed-in member of staff whose role may do `action` (access::role_may)
  };
  Kind kind = Kind::kEveryone;
  access::Action action = {};

  static Guard everyone() { return {Kind::kEveryone, {}}; }
  static Guard signed_in() { return {Kind::kSignedIn, {}}; }
  static Guard api_key() { return {Kind::kApiKey, {}}; }
  static Guard operators() { return {Kind::kOperator, {}}; }
  static Guard may(access::Action action) { return {Kind::kAction, action}; }
};

// "everyone", "signed_in", "api_key", "operator", or the action's code ("enter_referral").
std::string_view to_code(const Guard& guard);

class Router {
 public:
  void add(std::string method, std::string pattern, Guard guard, Handler handler);
  void add_async(std::string method, std::string pattern, Guard guard, AsyncHandler handler);
  // Fills request.path_params on a match.
  RouteMatch match(Request& request) const;

  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Guard guard;
    Handler handler;              // one of these two
    AsyncHandler async_handler;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace vg::http
