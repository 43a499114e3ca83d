#include "http/router.h"

#include <utility>

namespace vg::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 1;  // skip the leading '/'
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

struct Reply::State {
  std::function<void(Make)> send;
  Make dropped;
  std::atomic<bool> sent{false};
  ~State() {
    if (sent.exchange(true)) return;
    try {
      send(std::move(dropped));
    } catch (...) {
      // Out of memory while answering a dropped reply: the connection's timeout ends it.
    }
  }
};

Reply::Reply(std::function<void(Make)> send, Make dropped) : state_(std::make_shared<State>()) {
  state_->send = std::move(send);
  state_->dropped = std::move(dropped);
}

void Reply::operator()(Response response) const {
  later([response = std::move(response)]() mutable { return std::move(response); });
}

void Reply::later(Make make) const {
  if (!state_->sent.exchange(true)) state_->send(std::move(make));
}

std::string_view to_code(const Guard& guard) {
  switch (guard.kind) {
    case Guard::Kind::kEveryone: return "everyone";
    case Guard::Kind::kSignedIn: return "signed_in";
    case Guard::Kind::kApiKey: return "api_key";
    case Guard::Kind::kOperator: return "operator";
    case Guard::Kind::kAction: return access::to_code(guard.action);
  }
  return "everyone";
}

void Router::add(std::string method, std::string pattern, Guard guard, Handler handler) {
  auto segments = split_path(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments), guard,
                          std::move(handler), {}});
}

void Router::add_async(std::string method, std::string pattern, Guard guard, AsyncHandler handler) {
  auto segments = split_path(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments), guard, {},
                          std::move(handler)});
}

RouteMatch Router::match(Request& request) const {
  auto segments = split_path(request.path);
  RouteMatch result;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      if (is_param(route.segments[i])) {
        if (segments[i].empty()) ok = false;
        else params[route.segments[i].substr(1, route.segments[i].size() - 2)] = segments[i];
      } else {
        ok = route.segments[i] == segments[i];
      }
    }
    if (!ok) continue;
    bool method_ok = route.method == request.method ||
                     (request.method == "HEAD" && route.method == "GET");
    if (!method_ok) {
      result.method_not_allowed = true;
      result.pattern = route.pattern;
      continue;
    }
    request.path_params = std::move(params);
    if (route.async_handler) return RouteMatch{nullptr, &route.async_handler, route.pattern, false};
    return RouteMatch{&route.handler, nullptr, route.pattern, false};
  }
  return result;
}

}  // namespace vg::http
