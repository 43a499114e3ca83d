// Operational routes: liveness, readiness (the database answers), Prometheus metrics, the hello
// baseline the benchmark compares against, and the API description. None of them read personal
// data; /readyz reports only that the database is reachable, never why not in detail; /metrics
// answers only the configured addresses (metrics_allow).
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "http/client_address.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "http/routes.h"

namespace vg::http {
namespace {

// docs/api/openapi.yaml sits beside web/ in the source tree and in an install.
std::shared_ptr<const std::string> load_openapi(const std::string& web_root) {
  const auto path = std::filesystem::path(web_root) / ".." / "docs" / "api" / "openapi.yaml";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    spdlog::warn("API description not found at {}; /api/openapi.yaml will answer 404",
                 path.lexically_normal().string());
    return nullptr;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return std::make_shared<const std::string>(text.str());
}

}  // namespace

void add_system_routes(Router& router, AppContext& ctx) {
  router.add("GET", "/healthz", Guard::everyone(), [](Request&) { return json_response(200, R"({"status":"ok"})"); });

  router.add("GET", "/readyz", Guard::everyone(), [&ctx](Request&) {
    auto backend = ctx.system.ready();
    if (!backend) {
      spdlog::warn("readiness check failed: database did not answer");
      return problem_response(503, "Not ready", "The database is not reachable.");
    }
    return json_response(200, R"({"status":"ready","database":")" + *backend + "\"}");
  });

  // Counts by route and status are for operators, not for the public: only the configured
  // addresses get them. A request that says it was forwarded, by a peer not trusted to say so,
  // is refused too: it came through a proxy nobody listed, so its peer address says nothing.
  router.add("GET", "/metrics", Guard::operators(), [&ctx](Request& request) {
    const bool unvouched_forward = request.header("x-forwarded-for").has_value() &&
                                   !address_in(request.peer_address, ctx.settings.trusted_proxies);
    if (unvouched_forward || !address_in(request.remote_address, ctx.settings.metrics_allow)) {
      return Response{403, "text/plain; charset=utf-8", {},
                      "Forbidden: /metrics answers only the addresses in metrics_allow.\n"};
    }
    Response r;
    r.content_type = std::string(Metrics::kContentType);
    r.body = ctx.metrics.render(ctx.system.pool());
    return r;
  });

  // The benchmark's baseline: the cheapest JSON answer, through the same middleware as any route.
  router.add("GET", "/hello", Guard::everyone(), [](Request&) { return json_response(200, R"({"hello":"world"})"); });

  auto openapi = load_openapi(ctx.settings.web_root);
  router.add("GET", "/api/openapi.yaml", Guard::everyone(), [openapi](Request&) {
    if (!openapi)
      return problem_response(404, "Not Found", "The API description is not installed.");
    Response r;
    r.content_type = "application/yaml";
    r.body = *openapi;
    // Changes only with a deployment; a short cache saves tools refetching it.
    r.set_header("Cache-Control", "public, max-age=300");
    return r;
  });
}

}  // namespace vg::http
