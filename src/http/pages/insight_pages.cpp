// Insight for commissioners, each page for one of their areas with its CSV: /insight (demand
// over a run of whole months beside the months before, each table with its bar chart),
// /insight/support (days taken, needs, outcomes, onward referrals and repeat victims),
// /insight/streams (the demand figures split by funding stream),
// /insight/capacity (services and teams as they stand now), /insight/cost (estimated cost by
// service and funding stream), /insight/compliance (Victims' Code compliance), and
// /insight/grant-return (the exact grant return, for roles that submit it). Figures only, every
// one suppressed by the use case before it gets here except the grant return's; the use case
// decides which areas the person may see.
#include <cctype>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts/actor.h"
#include "app/insight/area_outlines.h"
#include "app/insight/bar_chart_svg.h"
#include "app/insight/capacity_csv.h"
#include "app/insight/choropleth_svg.h"
#include "app/insight/compliance_csv.h"
#include "app/insight/cost_csv.h"
#include "app/insight/csv_lines.h"
#include "app/insight/demand_csv.h"
#include "app/insight/grant_return_csv.h"
#include "app/insight/streams_csv.h"
#include "app/insight/support_csv.h"
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

// Referrals per 1,000 residents, two decimals, or "not shown" beside a count that is not.
std::string rate_text(const std::optional<double>& rate) {
  return rate ? app::decimal_field(rate, 2) : std::string("not shown");
}

mustache::data row_data(const insight::FigureRow& row, int threshold) {
  mustache::data d;
  d.set("label", row.label);
  d.set("current", insight::cell_text(row.current, threshold));
  d.set("previous", insight::cell_text(row.previous, threshold));
  d.set("change", change_text(row.change, threshold));
  d.set("current_rate", rate_text(row.current_per_thousand));
  d.set("previous_rate", rate_text(row.previous_per_thousand));
  return d;
}

// A table code ("onward:<service id>") as an HTML id: no spaces, and nothing a selector must escape.
std::string html_id(const std::string& code) {
  std::string id = code;
  for (auto& c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '-';
  }
  return id;
}

// Tables of counts over both periods, each with its bar chart (and the local authorities with
// their map), as the partial insight_figure_tables shows them.
mustache::data figure_tables_data(const std::vector<insight::FigureTable>& figure_tables, int t,
                                  const std::string& now_label, const std::string& before_label,
                                  const std::string& population_source) {
  mustache::data tables{mustache::data::type::list};
  for (const auto& table : figure_tables) {
    mustache::data d;
    d.set("id", html_id(table.code));
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
    d.set("has_rates", table.code == "local_authority" && !population_source.empty());
    d.set("population_source", population_source);
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
  return tables;
}

// A table of one period's counts with rows and columns, as the partial insight_matrix shows it.
mustache::data matrix_data(const insight::MatrixTable& table, int t, const std::string& row_heading,
                           const std::string& months, const std::string& total_heading = "Total") {
  mustache::data d;
  d.set("id", html_id(table.code));
  d.set("title", table.title);
  d.set("months", months);
  d.set("row_heading", row_heading);
  d.set("total_heading", total_heading);
  d.set("rows_totalled", table.rows_totalled);
  d.set("has_rows", !table.rows.empty());
  mustache::data columns{mustache::data::type::list};
  for (const auto& label : table.column_labels) {
    mustache::data c;
    c.set("text", label);
    columns.push_back(c);
  }
  d.set("columns", columns);
  mustache::data rows{mustache::data::type::list};
  auto add = [&](const insight::MatrixRow& row) {
    mustache::data r;
    r.set("label", row.label);
    mustache::data cells{mustache::data::type::list};
    for (const auto& cell : row.cells) {
      mustache::data c;
      c.set("text", insight::cell_text(cell, t));
      cells.push_back(c);
    }
    r.set("cells", cells);
    r.set("total", insight::cell_text(row.total, t));
    rows.push_back(r);
  };
  for (const auto& row : table.rows) add(row);
  if (table.total) add(*table.total);
  d.set("rows", rows);
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

// A page of the Insight section: the staff layout, the section's sub-navigation (Grant return
// only for roles that submit it) and the period form posting back to `path`.
mustache::data insight_page_data(const std::string& title, const std::string& path, const app::CurrentUser& user,
                                 const access::Actor& actor, AppContext& ctx) {
  auto page = pages::staff_page(title, std::string(kSection), user);
  std::vector<std::pair<std::string, std::string>> nav = {{"Demand", "/insight"},
                                                          {"Support and outcomes", "/insight/support"},
                                                          {"By funding stream", "/insight/streams"}};
  if (ctx.capacity) nav.push_back({"Capacity", "/insight/capacity"});
  if (ctx.commissioning) nav.push_back({"Estimated cost", "/insight/cost"});
  if (ctx.commissioning) nav.push_back({"Victims' Code compliance", "/insight/compliance"});
  if (ctx.commissioning && app::CommissioningInsight::may_submit(actor)) {
    nav.push_back({"Grant return", "/insight/grant-return"});
  }
  pages::set_sub_navigation(page, nav, path);
  page.set("form_action", path);
  return page;
}

std::string query_href(const std::string& path, const std::string& area, const insight::MonthPeriod& period) {
  return path + "?area=" + pages::url_encode(area) + "&from=" + insight::month_code(period.first) +
         "&to=" + insight::month_code(period.last);
}

std::string amount_text(const std::optional<std::int64_t>& pence) {
  return pence ? insight::pounds_text(*pence) : std::string("not shown");
}

// The figures' part of a page: the form as answered, the area's name, the period in words and
// the link to the same figures as CSV at `csv_path`.
void show_figures(mustache::data& page, const std::vector<app::AreaChoice>& areas, const std::string& area,
                  const insight::MonthPeriod& period, const std::string& csv_path) {
  set_form(page, areas, area, insight::month_code(period.first), insight::month_code(period.last));
  page.set("show_figures", true);
  for (const auto& a : areas) {
    if (a.code == area) page.set("area_name", a.name);
  }
  page.set("period", insight::period_label(period));
  page.set("csv_href", query_href(csv_path, area, period));
}

// A use case's refusal as a page: 403, 404, 500, or the form again with its errors (400).
Response refused_page(const Error& error, mustache::data& page, const std::string& view,
                      const std::vector<app::AreaChoice>& areas,
                      const std::vector<std::pair<std::string, std::string>>& query, const app::CurrentUser& user,
                      AppContext& ctx) {
  if (error.code == "forbidden") return pages::forbidden_page(ctx, user);
  if (error.code == "not_found") return pages::not_found_page(ctx, user);
  if (error.code != "validation_failed") return pages::server_error_page(ctx);
  set_form(page, areas, value_of(query, "area"), value_of(query, "from"), value_of(query, "to"));
  pages::add_field_errors(page, error.fields);
  page.set("show_figures", false);
  return pages::page_response(ctx, 400, view, std::move(page));
}

using Query = std::vector<std::pair<std::string, std::string>>;

// What every figures page does around its own part: who is asking (else the sign-in page), a 404
// where the use case is not `served`, the page in the Insight section with the areas they may
// choose, the use case's answer to `ask`, and its refusal as a page. `fill` sets the figures.
template <typename Ask, typename Fill>
Response figures_page(Request& request, AppContext& ctx, const std::string& title, const std::string& path,
                      const std::string& view, bool served, Ask ask, Fill fill) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  if (!served) return pages::not_found_page(ctx, *user);
  const auto actor = app::actor_of(*user);
  const auto query = query_of(request);
  auto page = insight_page_data(title, path, *user, actor, ctx);
  const auto areas = ctx.insight.areas_of(actor);
  page.set("threshold", std::to_string(ctx.insight.threshold()));
  auto report = ask(actor, query);
  if (!report) return refused_page(report.error(), page, view, areas, query, *user, ctx);
  fill(page, areas, *report);
  return pages::page_response(ctx, 200, view, std::move(page));
}

Response insight_page(Request& request, AppContext& ctx) {
  return figures_page(
      request, ctx, "Demand", "/insight", "insight", true,
      [&](const access::Actor& actor, const Query& query) { return ctx.insight.demand(actor, query); },
      [&](mustache::data& page, const std::vector<app::AreaChoice>& areas, const auto& r) {
        const int t = r.threshold;
        show_figures(page, areas, r.area, r.period, "/insight/demand.csv");
        const auto now_label = insight::period_label(r.period);
        const auto before_label = insight::period_label(r.previous);
        page.set("previous_period", before_label);
        page.set("referrals", row_data(r.referrals, t));

        page.set("tables", figure_tables_data(r.tables, t, now_label, before_label, r.population_source));

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
      });
}

// A use case's refusal of a download: 403 and 404 as pages, anything else as a problem.
Response refused_download(const Error& error, const app::CurrentUser& user, AppContext& ctx) {
  if (error.code == "forbidden") return pages::forbidden_page(ctx, user);
  if (error.code == "not_found") return pages::not_found_page(ctx, user);
  return problem_response(error);
}

// A report as a CSV download named "<name>-<area>-<first>-to-<last>.csv", or the refusal.
template <typename Report>
Response csv_download(const Result<Report>& report, const app::CurrentUser& user, AppContext& ctx,
                      std::string_view name, std::string (*render)(const Report&)) {
  if (!report) return refused_download(report.error(), user, ctx);
  Response response;
  response.status = 200;
  response.content_type = "text/csv; charset=utf-8";
  response.body = render(*report);
  response.set_header("Content-Disposition", "attachment; filename=\"" + std::string(name) + "-" + report->area +
                                                 "-" + insight::month_code(report->period.first) + "-to-" +
                                                 insight::month_code(report->period.last) + ".csv\"");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response demand_csv(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  return csv_download(ctx.insight.demand(app::actor_of(*user), query_of(request)), *user, ctx, "demand",
                      &app::demand_csv);
}

Response support_page(Request& request, AppContext& ctx) {
  return figures_page(
      request, ctx, "Support and outcomes", "/insight/support", "insight_support", true,
      [&](const access::Actor& actor, const Query& query) { return ctx.insight.support(actor, query); },
      [&](mustache::data& page, const std::vector<app::AreaChoice>& areas, const auto& r) {
        const int t = r.threshold;
        show_figures(page, areas, r.area, r.period, "/insight/support.csv");
        const auto now_label = insight::period_label(r.period);
        const auto before_label = insight::period_label(r.previous);
        page.set("previous_period", before_label);
        // Each section's tables under "tables", as the partial insight_figure_tables reads them.
        auto section = [&](const std::vector<insight::FigureTable>& tables) {
          mustache::data d;
          d.set("tables", figure_tables_data(tables, t, now_label, before_label, ""));
          return d;
        };
        page.set("days", section(r.days));
        page.set("repeat_victims", section({r.repeat_victims}));
        // Each matrix for the period, then for the period before (its own ids).
        auto matrices = [&](const std::vector<std::pair<const insight::MatrixTable*, const insight::MatrixTable*>>& pairs,
                            const std::string& row_heading) {
          mustache::data list{mustache::data::type::list};
          for (const auto& [now, before] : pairs) {
            list.push_back(matrix_data(*now, t, row_heading, now_label));
            auto earlier = matrix_data(*before, t, row_heading, before_label);
            earlier.set("id", html_id(before->code) + "-before");
            list.push_back(earlier);
          }
          return list;
        };
        page.set("needs_tables", matrices({{&r.needs, &r.needs_before}, {&r.outcomes, &r.outcomes_before}}, "Need"));
        page.set("onward_tables", matrices({{&r.onward, &r.onward_before}}, "Service"));
      });
}

Response streams_page(Request& request, AppContext& ctx) {
  return figures_page(
      request, ctx, "By funding stream", "/insight/streams", "insight_streams", true,
      [&](const access::Actor& actor, const Query& query) { return ctx.insight.demand(actor, query); },
      [&](mustache::data& page, const std::vector<app::AreaChoice>& areas, const auto& r) {
        const int t = r.threshold;
        show_figures(page, areas, r.area, r.period, "/insight/streams.csv");
        const auto months = insight::period_label(r.period);
        auto list = [&](const std::vector<insight::MatrixTable>& tables) {
          mustache::data out{mustache::data::type::list};
          for (const auto& table : tables) {
            out.push_back(matrix_data(table, t, insight::row_heading(table.code), months, "All streams"));
          }
          return out;
        };
        std::vector<insight::MatrixTable> demand{insight::referrals_table(r.by_stream)};
        demand.insert(demand.end(), r.by_stream.tables.begin(), r.by_stream.tables.end());
        page.set("tables", list(demand));
        page.set("support_tables", list(r.by_stream.support_tables));
      });
}

Response streams_csv(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  return csv_download(ctx.insight.demand(app::actor_of(*user), query_of(request)), *user, ctx, "streams",
                      &app::streams_csv);
}

Response support_csv(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  return csv_download(ctx.insight.support(app::actor_of(*user), query_of(request)), *user, ctx, "support",
                      &app::support_csv);
}

// "75.0%", or "not shown" (a count not shown) or "" (no capacity set).
std::string used_text(const insight::CapacityRow& row) {
  if (!row.capacity) return "not limited";
  const auto field = app::decimal_field(row.percent_used);
  return field.empty() ? std::string("not shown") : field + "%";
}

Response capacity_page(Request& request, AppContext& ctx) {
  return figures_page(
      request, ctx, "Capacity and utilisation", "/insight/capacity", "insight_capacity", ctx.capacity != nullptr,
      [&](const access::Actor& actor, const Query& query) { return ctx.capacity->capacity(actor, query); },
      [&](mustache::data& page, const std::vector<app::AreaChoice>& areas, const auto& r) {
        set_form(page, areas, r.area, "", "");
        page.set("show_figures", true);
        for (const auto& a : areas) {
          if (a.code == r.area) page.set("area_name", a.name);
        }
        page.set("as_at", pages::long_date(text::iso_date(r.as_at)));
        page.set("csv_href", "/insight/capacity.csv?area=" + pages::url_encode(r.area));
        auto rows_of = [&](const std::vector<insight::CapacityRow>& rows) {
          mustache::data list{mustache::data::type::list};
          for (const auto& row : rows) {
            mustache::data d;
            d.set("label", row.label);
            d.set("open", insight::cell_text(row.open_cases, r.threshold));
            d.set("capacity", row.capacity ? std::to_string(*row.capacity) : std::string("not limited"));
            d.set("caseworkers", row.caseworkers ? std::to_string(*row.caseworkers) : std::string());
            d.set("used", used_text(row));
            list.push_back(d);
          }
          return list;
        };
        page.set("has_services", !r.services.empty());
        page.set("services", rows_of(r.services));
        page.set("has_teams", !r.teams.empty());
        page.set("teams", rows_of(r.teams));
      });
}

Response capacity_csv(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  if (!ctx.capacity) return pages::not_found_page(ctx, *user);
  auto report = ctx.capacity->capacity(app::actor_of(*user), query_of(request));
  if (!report) return refused_download(report.error(), *user, ctx);
  Response response;
  response.status = 200;
  response.content_type = "text/csv; charset=utf-8";
  response.body = app::capacity_csv(*report);
  response.set_header("Content-Disposition", "attachment; filename=\"capacity-" + report->area + "-" +
                                                 text::iso_date(report->as_at) + ".csv\"");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response cost_csv(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  if (!ctx.commissioning) return pages::not_found_page(ctx, *user);
  return csv_download(ctx.commissioning->cost(app::actor_of(*user), query_of(request)), *user, ctx, "cost",
                      &app::cost_csv);
}

Response cost_page(Request& request, AppContext& ctx) {
  return figures_page(
      request, ctx, "Estimated cost", "/insight/cost", "insight_cost", ctx.commissioning != nullptr,
      [&](const access::Actor& actor, const Query& query) { return ctx.commissioning->cost(actor, query); },
      [&](mustache::data& page, const std::vector<app::AreaChoice>& areas, const auto& r) {
        const int t = r.threshold;
        show_figures(page, areas, r.area, r.period, "/insight/cost.csv");
        mustache::data rows{mustache::data::type::list};
        auto add = [&](const insight::CostRow& row, bool total) {
          mustache::data d;
          d.set("service", row.service);
          d.set("stream", total ? std::string("All") : row.funding_stream_label);
          d.set("cases", insight::cell_text(row.cases, t));
          d.set("supported", insight::cell_text(row.supported, t));
          d.set("improved", insight::cell_text(row.improved, t));
          std::string unit = total ? std::string() : amount_text(row.unit_cost);
          if (!total && row.partly_priced && row.unit_cost) unit += " (part of the period)";
          if (!total && !row.unit_cost) unit = "no unit cost";
          d.set("unit_cost", unit);
          d.set("estimated_cost", amount_text(row.estimated_cost));
          d.set("per_case", amount_text(row.per_case));
          d.set("per_supported", amount_text(row.per_supported));
          d.set("per_improved", amount_text(row.per_improved));
          rows.push_back(d);
        };
        bool partly = false;
        for (const auto& row : r.rows) {
          add(row, false);
          partly = partly || row.partly_priced;
        }
        add(r.total, true);
        page.set("rows", rows);
        page.set("partly_priced", partly);
      });
}

// A share met in words: "75.0%", or "not shown" when its counts are not.
std::string share_text(const std::optional<double>& percent) {
  const auto field = app::decimal_field(percent);
  return field.empty() ? std::string("not shown") : field + "%";
}

std::string points_text(const std::optional<double>& points) {
  if (!points) return "not shown";
  const auto field = app::decimal_field(points);
  return *points > 0 ? "+" + field : field;
}

Response compliance_page(Request& request, AppContext& ctx) {
  return figures_page(
      request, ctx, "Victims' Code compliance", "/insight/compliance", "insight_compliance", ctx.commissioning != nullptr,
      [&](const access::Actor& actor, const Query& query) { return ctx.commissioning->compliance(actor, query); },
      [&](mustache::data& page, const std::vector<app::AreaChoice>& areas, const auto& r) {
        const int t = r.threshold;
        show_figures(page, areas, r.area, r.period, "/insight/compliance.csv");
        const auto now_label = insight::period_label(r.period);
        const auto before_label = insight::period_label(r.previous);
        page.set("previous_period", before_label);
        mustache::data entitlements{mustache::data::type::list};
        for (const auto& e : r.entitlements) {
          mustache::data d;
          d.set("id", e.code);
          d.set("label", e.label);
          d.set("recorded", e.recorded);
          auto table = [&](const std::string& caption, const std::string& heading, const auto& rows,
                           bool with_all) {
            mustache::data lines{mustache::data::type::list};
            auto add = [&](const insight::ComplianceLine& l, const std::string& label) {
              mustache::data line;
              line.set("label", label);
              line.set("met", insight::cell_text(l.current.met, t));
              line.set("breached", insight::cell_text(l.current.breached, t));
              line.set("share", share_text(l.current.percent_met));
              line.set("previous_share", share_text(l.previous.percent_met));
              line.set("change", points_text(l.change_points));
              lines.push_back(line);
            };
            for (const auto& l : rows) add(l, l.funding_stream.empty() ? l.service : l.funding_stream_label);
            if (with_all) add(e.all, e.all.service);
            mustache::data d_table;
            d_table.set("caption", caption);
            d_table.set("row_heading", heading);
            d_table.set("lines", lines);
            return d_table;
          };
          mustache::data tables{mustache::data::type::list};
          tables.push_back(table(e.label + ": " + now_label + " and " + before_label, "Service", e.services, true));
          tables.push_back(table(e.label + ", all services by funding stream: " + now_label + " and " + before_label,
                                 "Funding stream", e.streams, false));
          d.set("tables", tables);
          if (e.recorded) {
            d.set("chart", app::bar_chart_svg(e.code, e.label + ", all services",
                                              {{"Met", e.all.current.met, e.all.previous.met},
                                               {"Breached", e.all.current.breached, e.all.previous.breached}},
                                              now_label, before_label, t));
          }
          entitlements.push_back(d);
        }
        page.set("entitlements", entitlements);
      });
}

Response compliance_csv(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  if (!ctx.commissioning) return pages::not_found_page(ctx, *user);
  return csv_download(ctx.commissioning->compliance(app::actor_of(*user), query_of(request)), *user, ctx,
                      "compliance", &app::compliance_csv);
}

Response grant_return_page(Request& request, AppContext& ctx) {
  return figures_page(
      request, ctx, "Grant return", "/insight/grant-return", "insight_grant_return", ctx.commissioning != nullptr,
      [&](const access::Actor& actor, const Query& query) { return ctx.commissioning->grant_return(actor, query); },
      [&](mustache::data& page, const std::vector<app::AreaChoice>& areas, const auto& r) {
        show_figures(page, areas, r.area, r.period, "/insight/grant-return.csv");
        mustache::data streams{mustache::data::type::list};
        auto add = [&](const insight::GrantReturnLine& line) {
          mustache::data d;
          d.set("code", line.funding_stream);
          d.set("label", line.label);
          mustache::data measures{mustache::data::type::list};
          for (const auto& [label, split] : {std::pair{"Referred", &line.referred}, std::pair{"Contacted", &line.contacted},
                                             std::pair{"Supported", &line.supported}, std::pair{"Case closed", &line.closed}}) {
            mustache::data m;
            m.set("label", std::string(label));
            m.set("basic", std::to_string(split->basic));
            m.set("enhanced", std::to_string(split->enhanced));
            m.set("total", std::to_string(split->all()));
            measures.push_back(m);
          }
          d.set("measures", measures);
          streams.push_back(d);
        };
        for (const auto& line : r.streams) add(line);
        add(r.all);
        page.set("streams", streams);
      });
}

Response grant_return_csv(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  if (!ctx.commissioning) return pages::not_found_page(ctx, *user);
  return csv_download(ctx.commissioning->grant_return(app::actor_of(*user), query_of(request)), *user, ctx,
                      "grant-return", &app::grant_return_csv);
}

}  // namespace

void add_insight_pages(Router& router, AppContext& ctx) {
  const Guard readers = Guard::may(access::Action::kReadInsight);
  router.add("GET", "/insight", readers, with_context(ctx, insight_page));
  router.add("GET", "/insight/demand.csv", readers, with_context(ctx, demand_csv));
  router.add("GET", "/insight/support", readers, with_context(ctx, support_page));
  router.add("GET", "/insight/streams", readers, with_context(ctx, streams_page));
  router.add("GET", "/insight/streams.csv", readers, with_context(ctx, streams_csv));
  router.add("GET", "/insight/support.csv", readers, with_context(ctx, support_csv));
  router.add("GET", "/insight/capacity", readers, with_context(ctx, capacity_page));
  router.add("GET", "/insight/capacity.csv", readers, with_context(ctx, capacity_csv));
  router.add("GET", "/insight/cost", readers, with_context(ctx, cost_page));
  router.add("GET", "/insight/cost.csv", readers, with_context(ctx, cost_csv));
  router.add("GET", "/insight/compliance", readers, with_context(ctx, compliance_page));
  router.add("GET", "/insight/compliance.csv", readers, with_context(ctx, compliance_csv));
  const Guard submitters = Guard::may(access::Action::kSubmitGrantReturn);
  router.add("GET", "/insight/grant-return", submitters, with_context(ctx, grant_return_page));
  router.add("GET", "/insight/grant-return.csv", submitters, with_context(ctx, grant_return_csv));
}

}  // namespace vg::http
