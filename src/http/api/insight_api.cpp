// Insight as JSON, for commissioners' own tools: GET /api/v1/insight/demand, /support, /cost and
// /compliance (?area=&from=&to=) and /capacity (?area=, as it stands now) answer the figures the
// /insight pages show, suppressed the same way (a suppressed count carries no number, only its
// state), for a signed-in person whose role reads insight; /grant-return answers the exact grant
// return, only to roles that submit it. Bad parameters are a 400 problem naming each; an area
// that is not one of the caller's is a 404.
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
  json::object o{{"code", row.code},
                 {"label", row.label},
                 {"current", cell_json(row.current)},
                 {"previous", cell_json(row.previous)},
                 {"change", cell_json(row.change)}};
  // Optional fields are left out, never null.
  if (row.current_per_thousand) o["current_per_1000_residents"] = *row.current_per_thousand;
  if (row.previous_per_thousand) o["previous_per_1000_residents"] = *row.previous_per_thousand;
  return o;
}

json::object period_json(const insight::MonthPeriod& p) {
  return json::object{{"from", insight::month_code(p.first)}, {"to", insight::month_code(p.last)}};
}

json::object figure_table_json(const insight::FigureTable& table);

json::object report_json(const insight::DemandReport& r) {
  json::object o{{"area", r.area},
                 {"period", period_json(r.period)},
                 {"previous_period", period_json(r.previous)},
                 {"suppression_threshold", r.threshold},
                 {"referrals", row_json(r.referrals)}};
  json::array figures;
  for (const auto& table : r.tables) figures.push_back(figure_table_json(table));
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
  if (!r.population_source.empty()) o["population_source"] = r.population_source;
  return o;
}

json::object figure_table_json(const insight::FigureTable& table) {
  json::array rows;
  for (const auto& row : table.rows) rows.push_back(row_json(row));
  json::object t{{"code", table.code}, {"title", table.title}, {"rows", std::move(rows)}};
  if (table.total) t["total"] = row_json(*table.total);
  return t;
}

json::object matrix_json(const insight::MatrixTable& table) {
  json::array columns;
  for (std::size_t c = 0; c < table.column_codes.size(); ++c) {
    columns.push_back(json::object{{"code", table.column_codes[c]}, {"label", table.column_labels[c]}});
  }
  auto row_of = [&](const insight::MatrixRow& row) {
    json::array cells;
    for (const auto& cell : row.cells) cells.push_back(cell_json(cell));
    json::object o{{"code", row.code}, {"label", row.label}, {"cells", std::move(cells)}};
    if (table.rows_totalled) o["total"] = cell_json(row.total);
    return o;
  };
  json::array rows;
  for (const auto& row : table.rows) rows.push_back(row_of(row));
  json::object o{{"code", table.code}, {"title", table.title}, {"columns", std::move(columns)}, {"rows", std::move(rows)}};
  if (table.total) o["total"] = row_of(*table.total);
  return o;
}

json::object streams_json(const insight::DemandReport& r) {
  json::array figures;
  for (const auto& table : r.by_stream.tables) figures.push_back(matrix_json(table));
  json::array support;
  for (const auto& table : r.by_stream.support_tables) support.push_back(matrix_json(table));
  return json::object{{"area", r.area},
                      {"period", period_json(r.period)},
                      {"suppression_threshold", r.threshold},
                      {"referrals", matrix_json(insight::referrals_table(r.by_stream))},
                      {"figures", std::move(figures)},
                      {"support_figures", std::move(support)}};
}

json::object support_json(const insight::SupportReport& r) {
  json::array days;
  for (const auto& table : r.days) days.push_back(figure_table_json(table));
  return json::object{{"area", r.area},
                      {"period", period_json(r.period)},
                      {"previous_period", period_json(r.previous)},
                      {"suppression_threshold", r.threshold},
                      {"days_taken", std::move(days)},
                      {"needs_at_assessment", matrix_json(r.needs)},
                      {"outcomes_at_close", matrix_json(r.outcomes)},
                      {"onward_referrals", matrix_json(r.onward)},
                      {"previous_needs_at_assessment", matrix_json(r.needs_before)},
                      {"previous_outcomes_at_close", matrix_json(r.outcomes_before)},
                      {"previous_onward_referrals", matrix_json(r.onward_before)},
                      {"repeat_victims", figure_table_json(r.repeat_victims)}};
}

json::object capacity_row_json(const insight::CapacityRow& row) {
  json::object o{{"code", row.code}, {"label", row.label}, {"open_cases", cell_json(row.open_cases)}};
  // Optional fields are left out, never null: no capacity is not limited.
  if (row.capacity) o["capacity"] = *row.capacity;
  if (row.caseworkers) o["caseworkers"] = *row.caseworkers;
  if (row.percent_used) o["percent_used"] = *row.percent_used;
  return o;
}

json::object capacity_json(const insight::CapacityReport& r) {
  json::array services, teams;
  for (const auto& row : r.services) services.push_back(capacity_row_json(row));
  for (const auto& row : r.teams) teams.push_back(capacity_row_json(row));
  return json::object{{"area", r.area},
                      {"as_at", text::iso_date(r.as_at)},
                      {"suppression_threshold", r.threshold},
                      {"services", std::move(services)},
                      {"teams", std::move(teams)}};
}

// Optional figures are left out, never null.
void set_if(json::object& o, std::string_view key, const std::optional<std::int64_t>& v) {
  if (v) o[key] = *v;
}
void set_if(json::object& o, std::string_view key, const std::optional<double>& v) {
  if (v) o[key] = *v;
}

json::object cost_row_json(const insight::CostRow& row) {
  json::object o{{"service_id", row.service_id},
                 {"service", row.service},
                 {"cases", cell_json(row.cases)},
                 {"supported", cell_json(row.supported)},
                 {"improved_outcomes", cell_json(row.improved)},
                 {"partly_priced", row.partly_priced}};
  if (!row.funding_stream.empty()) {
    o["funding_stream"] = row.funding_stream;
    o["funding_stream_label"] = row.funding_stream_label;
  }
  set_if(o, "unit_cost_pence", row.unit_cost);
  set_if(o, "estimated_cost_pence", row.estimated_cost);
  set_if(o, "per_case_pence", row.per_case);
  set_if(o, "per_supported_pence", row.per_supported);
  set_if(o, "per_improved_pence", row.per_improved);
  return o;
}

json::object cost_json(const insight::CostReport& r) {
  json::array rows;
  for (const auto& row : r.rows) rows.push_back(cost_row_json(row));
  return json::object{{"area", r.area},
                      {"period", period_json(r.period)},
                      {"suppression_threshold", r.threshold},
                      {"estimates", true},
                      {"rows", std::move(rows)},
                      {"total", cost_row_json(r.total)}};
}

json::object split_json(const insight::RightsSplit& s) {
  return json::object{{"basic", s.basic}, {"enhanced", s.enhanced}, {"all", s.all()}};
}

json::object grant_line_json(const insight::GrantReturnLine& line) {
  json::object outcomes;
  for (const auto& [need, by_outcome] : line.outcomes) {
    json::object o;
    for (const auto& [outcome, split] : by_outcome) o[outcome] = split_json(split);
    outcomes[need] = std::move(o);
  }
  return json::object{{"funding_stream", line.funding_stream},
                      {"label", line.label},
                      {"referred", split_json(line.referred)},
                      {"contacted", split_json(line.contacted)},
                      {"supported", split_json(line.supported)},
                      {"closed", split_json(line.closed)},
                      {"outcomes", std::move(outcomes)}};
}

json::object grant_return_json(const insight::GrantReturn& r) {
  json::array streams;
  for (const auto& line : r.streams) streams.push_back(grant_line_json(line));
  return json::object{
      {"area", r.area}, {"period", period_json(r.period)}, {"streams", std::move(streams)}, {"all", grant_line_json(r.all)}};
}

json::object compliance_figures_json(const insight::ComplianceFigures& f) {
  json::object o{{"met", cell_json(f.met)}, {"breached", cell_json(f.breached)}, {"evidenced", cell_json(f.evidenced)}};
  set_if(o, "percent_met", f.percent_met);
  return o;
}

// A service's line (all streams), or a stream's (all services).
json::object compliance_line_json(const insight::ComplianceLine& l) {
  auto o = l.funding_stream.empty()
               ? json::object{{"service_id", l.service_id}, {"service", l.service}}
               : json::object{{"funding_stream", l.funding_stream}, {"label", l.funding_stream_label}};
  o["current"] = compliance_figures_json(l.current);
  o["previous"] = compliance_figures_json(l.previous);
  set_if(o, "change_percentage_points", l.change_points);
  return o;
}

json::object compliance_json(const insight::ComplianceReport& r) {
  json::array entitlements;
  for (const auto& e : r.entitlements) {
    json::object item{{"code", e.code}, {"label", e.label}, {"recorded", e.recorded}};
    // Nothing to evidence: no figures at all, rather than a 0 that reads as none met.
    if (e.recorded) {
      json::array services;
      for (const auto& l : e.services) services.push_back(compliance_line_json(l));
      item["services"] = std::move(services);
      json::array streams;
      for (const auto& l : e.streams) streams.push_back(compliance_line_json(l));
      item["funding_streams"] = std::move(streams);
      item["all"] = compliance_line_json(e.all);
    }
    entitlements.push_back(std::move(item));
  }
  return json::object{{"area", r.area},
                      {"period", period_json(r.period)},
                      {"previous_period", period_json(r.previous)},
                      {"suppression_threshold", r.threshold},
                      {"entitlements", std::move(entitlements)}};
}

std::vector<std::pair<std::string, std::string>> query_of(const Request& request) {
  const auto at = request.target.find('?');
  if (at == std::string::npos) return {};
  return parse_form(std::string_view(request.target).substr(at + 1));
}

// One insight answer: the signed-in caller's report from `ask`, as JSON by `render`, or its problem.
template <typename Ask, typename Render>
Response answer(Request& request, AppContext& ctx, Ask ask, Render render) {
  auto user = current_user(request, ctx);
  // Like every staff route signed out (route_access.test.mjs): refused, not asked for a key.
  if (!user) return problem_response(403, "Forbidden", "Sign in to read insight");
  auto report = ask(app::actor_of(*user), query_of(request));
  if (!report) return problem_response(report.error());
  auto response = json_response(200, json::serialize(render(*report)));
  response.set_header("Cache-Control", "no-store");
  return response;
}

using Params = std::vector<std::pair<std::string, std::string>>;

Response demand(Request& request, AppContext& ctx) {
  return answer(
      request, ctx, [&](const access::Actor& a, const Params& q) { return ctx.insight.demand(a, q); }, report_json);
}

Response support(Request& request, AppContext& ctx) {
  return answer(
      request, ctx, [&](const access::Actor& a, const Params& q) { return ctx.insight.support(a, q); }, support_json);
}

Response streams(Request& request, AppContext& ctx) {
  return answer(
      request, ctx, [&](const access::Actor& a, const Params& q) { return ctx.insight.demand(a, q); }, streams_json);
}

Response capacity(Request& request, AppContext& ctx) {
  return answer(
      request, ctx,
      [&](const access::Actor& a, const Params& q) -> Result<insight::CapacityReport> {
        if (!ctx.capacity) return not_found("Insight");
        return ctx.capacity->capacity(a, q);
      },
      capacity_json);
}

Result<void> commissioning_served(AppContext& ctx) {
  if (!ctx.commissioning) return not_found("Insight");
  return {};
}

Response cost(Request& request, AppContext& ctx) {
  return answer(
      request, ctx,
      [&](const access::Actor& a, const Params& q) -> Result<insight::CostReport> {
        VG_CHECK(commissioning_served(ctx));
        return ctx.commissioning->cost(a, q);
      },
      cost_json);
}

Response compliance(Request& request, AppContext& ctx) {
  return answer(
      request, ctx,
      [&](const access::Actor& a, const Params& q) -> Result<insight::ComplianceReport> {
        VG_CHECK(commissioning_served(ctx));
        return ctx.commissioning->compliance(a, q);
      },
      compliance_json);
}

Response grant_return(Request& request, AppContext& ctx) {
  return answer(
      request, ctx,
      [&](const access::Actor& a, const Params& q) -> Result<insight::GrantReturn> {
        VG_CHECK(commissioning_served(ctx));
        return ctx.commissioning->grant_return(a, q);
      },
      grant_return_json);
}

}  // namespace

void add_insight_api_routes(Router& router, AppContext& ctx) {
  router.add("GET", "/api/v1/insight/demand", Guard::may(access::Action::kReadInsight), with_context(ctx, demand));
  router.add("GET", "/api/v1/insight/support", Guard::may(access::Action::kReadInsight), with_context(ctx, support));
  router.add("GET", "/api/v1/insight/streams", Guard::may(access::Action::kReadInsight), with_context(ctx, streams));
  router.add("GET", "/api/v1/insight/capacity", Guard::may(access::Action::kReadInsight), with_context(ctx, capacity));
  router.add("GET", "/api/v1/insight/cost", Guard::may(access::Action::kReadInsight), with_context(ctx, cost));
  router.add("GET", "/api/v1/insight/compliance", Guard::may(access::Action::kReadInsight),
             with_context(ctx, compliance));
  router.add("GET", "/api/v1/insight/grant-return", Guard::may(access::Action::kSubmitGrantReturn),
             with_context(ctx, grant_return));
}

}  // namespace vg::http
