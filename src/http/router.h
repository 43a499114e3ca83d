// Maps method + path pattern ("/api/v1/services/{id}") to a handler. Patterns, not raw paths,
// are what metrics and access logs record, so ids never reach them.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  void add_async(std::string method, std::string pattern, AsyncHandler handler);
  // Fills request.path_params on a match.
  RouteMatch match(Request& request) const;

  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;              // one of these two
    AsyncHandler async_handler;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace vg::http
