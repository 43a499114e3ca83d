// Maps method + path pattern ("/api/v1/services/{id}") to a handler. Patterns, not raw paths,
// are what metrics and access logs record, so ids never reach them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/http_message.h"

namespace vg::http {

using Handler = std::function<Response(Request&)>;

struct RouteMatch {
  const Handler* handler = nullptr;
  std::string pattern;  // the route's pattern, for logs and metrics
  bool method_not_allowed = false;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  // Fills request.path_params on a match.
  RouteMatch match(Request& request) const;

  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace vg::http
