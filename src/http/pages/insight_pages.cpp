// Demand insight for commissioners: /insight (the figures for one of their areas and a run of
// whole months, beside the months before, each table with its bar chart) and
// /insight/demand.csv (the same figures to download). Figures only, every one suppressed by
// app::DemandInsight before it gets here; the use case decides which areas the person may see.
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts/actor.h"
#include "app/insight/area_outlines.h"
#include "app/insight/bar_chart_svg.h"
#include "app/insight/choropleth_svg.h"
#include "app/insight/demand_csv.h"
#include "domain/access/access_table.h"
#include "http/pages/page_data.h"
#include "http/problem.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

constexpr std::string_view kSection = "Insight";

std::vector<std::pair<std::string, std::string>> query_of(const Request& request) {
  const auto at = request.target.find('?');
  if (at == std::string::npos) return {};
  return parse_form(std::string_view(request.target).substr(at + 1));
}

std::string percent_text(const std::optional<double>& p) {
  if (!p) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, " (%.0f%%)", *p);
  return buffer;
}

std::string value_of(const std::vector<std::pair<std::string, std::string>>& query, std::string_view name) {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return {};
}

std::string change_text(const insight::Cell& change, int threshold) {
  if (change.shown() && change.value > 0) return "+" + std::to_string(change.value);
  return insight::cell_text(change, threshold);
}

mustache::data row_data(const insight::FigureRow& row, int threshold) {
  mustache::data d;
  d.set("label", row.label);
  d.set("current", insight::cell_text(row.current, threshold));
  d.set("previous", insight::cell_text(row.previous, threshold));
  d.set("change", change_text(row.change, threshold));
  return d;
}

// The form's fields and the area choice, as asked (or as defaulted).
void set_form(mustache::data& page, const std::vector<app::AreaChoice>& areas, const std::string& area,
              const std::string& from, const std::string& to) {
  mustache::data options{mustache::data::type::list};
  for (const auto& a : areas) {
    mustache::data o;
    o.set("value", a.code);
    o.set("text", a.name);
    o.set("selected", a.code == area);
    options.push_back(o);
  }
  page.set("area_options", options);
  page.set("from", from);
  page.set("to", to);
}

std::string csv_href(const insight::DemandReport& r) {
  return "/insight/demand.csv?area=" + pages::url_encode(r.area) + "&from=" + insight::month_code(r.period.first) +
         "&to=" + insight::month_code(r.period.last);
}

Response insight_page(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  const auto actor = app::actor_of(*user);
  const auto query = query_of(request);
  auto page = pages::staff_page("Demand", std::string(kSection), *user);
  const auto areas = ctx.insight.areas_of(actor);
  page.set("threshold", std::to_string(ctx.insight.threshold()));
  auto report = ctx.insight.demand(actor, query);
  if (!report) {
    const auto& error = report.error();
    if (error.code == "forbidden") return pages::forbidden_page(ctx, *user);
    if (error.code == "not_found") return pages::not_found_page(ctx, *user);
    if (error.code != "validation_failed") return pages::server_error_page(ctx);
    set_form(page, areas, value_of(query, "area"), value_of(query, "from"), value_of(query, "to"));
    pages::add_field_errors(page, error.fields);
    page.set("show_figures", false);
    return pages::page_response(ctx, 400, "insight", std::move(page));
  }
  const auto& r = *report;
  const int t = r.threshold;
  set_form(page, areas, r.area, insight::month_code(r.period.first), insight::month_code(r.period.last));
  page.set("show_figures", true);
  for (const auto& a : areas) {
    if (a.code == r.area) page.set("area_name", a.name);
  }
  const auto now_label = insight::period_label(r.period);
  const auto before_label = insight::period_label(r.previous);
  page.set("period", now_label);
  page.set("previous_period", before_label);
  page.set("csv_href", csv_href(r));
  page.set("referrals", row_data(r.referrals, t));

  mustache::data tables{mustache::data::type::list};
  for (const auto& table : r.tables) {
    mustache::data d;
    d.set("id", table.code);
    d.set("title", table.title);
    mustache::data rows{mustache::data::type::list};
    std::vector<app::ChartRow> chart;
    for (const auto& row : table.rows) {
      rows.push_back(row_data(row, t));
      chart.push_back({row.label, row.current, row.previous});
    }
    d.set("rows", rows);
    d.set("has_total", table.total.has_value());
    if (table.total) d.set("total", row_data(*table.total, t));
    d.set("has_rows", !table.rows.empty());
    d.set("chart", app::bar_chart_svg(table.code, table.title, chart, now_label, before_label, t));
    // The local authorities also as a map of this period's figures (the table is its text).
    if (table.code == "local_authority" && !table.rows.empty()) {
      std::vector<std::string> codes;
      std::vector<app::MapFigure> figures;
      for (const auto& row : table.rows) {
        codes.push_back(row.code);
        figures.push_back({row.code, row.current});
      }
      auto outlines = app::area_outlines(codes);
      if (outlines && !outlines->empty()) {
        d.set("has_map", true);
        d.set("map", app::choropleth_svg(table.code, table.title + ", " + now_label, *outlines, figures, "referrals", t));
      }
    }
    tables.push_back(d);
  }
  page.set("tables", tables);

  mustache::data rates{mustache::data::type::list};
  std::vector<app::ChartRow> rate_chart;
  for (const auto& rate : r.rates) {
    mustache::data d;
    d.set("label", rate.label);
    d.set("current", insight::cell_text(rate.current, t) + percent_text(rate.current_percent));
    d.set("previous", insight::cell_text(rate.previous, t) + percent_text(rate.previous_percent));
    rates.push_back(d);
    rate_chart.push_back({rate.label, rate.current, rate.previous});
  }
  page.set("rates", rates);
  page.set("rates_chart", app::bar_chart_svg("rates", "Accepted, contacted and supported", rate_chart, now_label,
                                             before_label, t));
  return pages::page_response(ctx, 200, "insight", std::move(page));
}

Response demand_csv(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  auto report = ctx.insight.demand(app::actor_of(*user), query_of(request));
  if (!report) {
    if (report.error().code == "forbidden") return pages::forbidden_page(ctx, *user);
    if (report.error().code == "not_found") return pages::not_found_page(ctx, *user);
    return problem_response(report.error());
  }
  Response response;
  response.status = 200;
  response.content_type = "text/csv; charset=utf-8";
  response.body = app::demand_csv(*report);
  response.set_header("Content-Disposition", "attachment; filename=\"demand-" + report->area + "-" +
                                                 insight::month_code(report->period.first) + "-to-" +
                                                 insight::month_code(report->period.last) + ".csv\"");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void add_insight_pages(Router& router, AppContext& ctx) {
  const Guard readers = Guard::may(access::Action::kReadInsight);
  router.add("GET", "/insight", readers, with_context(ctx, insight_page));
  router.add("GET", "/insight/demand.csv", readers, with_context(ctx, demand_csv));
}

}  // namespace vg::http
