// Demand insight as JSON, for commissioners' own tools: GET /api/v1/insight/demand?area=&from=&to=
// answers the figures /insight shows, suppressed the same way (a suppressed count carries no
// number, only its state), for a signed-in person whose role reads insight. Bad parameters are a
// 400 problem naming each; an area that is not one of the caller's is a 404 like any other.
#include <boost/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "app/accounts/actor.h"
#include "domain/access/access_table.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

namespace json = boost::json;

// A count: its number only when shown; otherwise its state, never the value.
json::object cell_json(const insight::Cell& cell) {
  json::object o{{"state", insight::cell_state_code(cell)}};
  if (cell.shown()) o["count"] = cell.value;
  return o;
}

json::object row_json(const insight::FigureRow& row) {
  return json::object{{"code", row.code},
                      {"label", row.label},
                      {"current", cell_json(row.current)},
                      {"previous", cell_json(row.previous)},
                      {"change", cell_json(row.change)}};
}

json::object period_json(const insight::MonthPeriod& p) {
  return json::object{{"from", insight::month_code(p.first)}, {"to", insight::month_code(p.last)}};
}

json::object report_json(const insight::DemandReport& r) {
  json::object o{{"area", r.area},
                 {"period", period_json(r.period)},
                 {"previous_period", period_json(r.previous)},
                 {"suppression_threshold", r.threshold},
                 {"referrals", row_json(r.referrals)}};
  json::array figures;
  for (const auto& table : r.tables) {
    json::array rows;
    for (const auto& row : table.rows) rows.push_back(row_json(row));
    json::object t{{"code", table.code}, {"title", table.title}, {"rows", std::move(rows)}};
    if (table.total) t["total"] = row_json(*table.total);
    figures.push_back(std::move(t));
  }
  o["figures"] = std::move(figures);
  json::array rates;
  for (const auto& rate : r.rates) {
    json::object item{{"code", rate.code},
                      {"label", rate.label},
                      {"current", cell_json(rate.current)},
                      {"previous", cell_json(rate.previous)}};
    // Optional fields are left out, never null.
    if (rate.current_percent) item["current_percent"] = *rate.current_percent;
    if (rate.previous_percent) item["previous_percent"] = *rate.previous_percent;
    rates.push_back(std::move(item));
  }
  o["rates"] = std::move(rates);
  return o;
}

Response demand(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  // Like every staff route signed out (route_access.test.mjs): refused, not asked for a key.
  if (!user) return problem_response(403, "Forbidden", "Sign in to read insight");
  std::vector<std::pair<std::string, std::string>> query;
  if (const auto at = request.target.find('?'); at != std::string::npos) {
    query = parse_form(std::string_view(request.target).substr(at + 1));
  }
  auto report = ctx.insight.demand(app::actor_of(*user), query);
  if (!report) return problem_response(report.error());
  auto response = json_response(200, json::serialize(report_json(*report)));
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void add_insight_api_routes(Router& router, AppContext& ctx) {
  router.add("GET", "/api/v1/insight/demand", Guard::may(access::Action::kReadInsight), with_context(ctx, demand));
}

}  // namespace vg::http
