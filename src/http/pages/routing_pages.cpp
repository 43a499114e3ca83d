// Routing rules for administrators: /admin/routing (the versions of an area's rules and a draft
// to try), POST /admin/routing/what-if (the draft replayed against a past period beside the rules
// in force) and POST /admin/routing/publish (the draft stored as the new version). The draft
// travels in the form, never stored until published: nothing half-made is left behind, and what
// is published is the very text that was replayed. Every POST checks the CSRF token first; the
// use case decides the area (load_routing_rules, own areas only).
#include <cstdio>
#include <expected>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts/actor.h"
#include "app/insight/routing_what_if.h"
#include "domain/access/access_table.h"
#include "domain/deadlines/working_days.h"
#include "domain/text/iso_date.h"
#include "http/pages/page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kSection = "Admin";

const std::vector<std::pair<std::string, std::string>> kNavigation = {
    {"Directory", "/admin"},
    {"Routing rules", "/admin/routing"},
    {"Failed jobs", "/admin/jobs"},
    {"Your account", "/staff"},
};

std::string field(const Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return {};
}

// What the form holds: as asked, or as defaulted.
struct DraftForm {
  std::string area;
  std::string rules;
  std::string from;
  std::string to;
};

std::string percent(int open, int capacity) {
  if (capacity <= 0) return "no limit";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%d of %d (%.0f%%)", open, capacity, 100.0 * open / capacity);
  return buffer;
}

// "+3", "0", "-2". Built by appending: g++ 12 misreads "+" + std::to_string(...) as an overlapping copy.
std::string change_text(std::int64_t change) {
  std::string out = change > 0 ? "+" : "";
  out.append(std::to_string(change));
  return out;
}

std::string outcome_words(std::string_view code) {
  if (code == "routed") return "Routed";
  if (code == "queued") return "Queued (waiting: every service full)";
  return "Signposted";
}

mustache::data decision_data(const app::ShownDecision& d) {
  mustache::data out;
  out.set("outcome", outcome_words(d.outcome));
  out.set("service", d.service_name.empty() ? std::string("No service") : d.service_name);
  mustache::data lines{mustache::data::type::list};
  for (const auto& line : d.explanation) lines.push_back(mustache::data("text", line));
  out.set("lines", lines);
  return out;
}

mustache::data figures_data(const app::WhatIfReport& r) {
  mustache::data out;
  out.set("period", insight::period_label(r.period));
  out.set("current_version", r.current_version);
  out.set("draft_version", r.draft_version);
  out.set("referrals", std::to_string(r.referrals));
  out.set("not_replayed", std::to_string(r.not_replayed));
  out.set("has_not_replayed", r.not_replayed > 0);
  out.set("changed", std::to_string(r.changed));
  mustache::data outcomes{mustache::data::type::list};
  auto outcome_row = [&](const char* label, std::int64_t now, std::int64_t draft) {
    mustache::data row;
    row.set("label", label);
    row.set("current", std::to_string(now));
    row.set("draft", std::to_string(draft));
    row.set("change", change_text(draft - now));
    outcomes.push_back(row);
  };
  outcome_row("Routed to a service with room", r.current.routed, r.draft.routed);
  outcome_row("Queued: waiting for a place", r.current.queued, r.draft.queued);
  outcome_row("Signposted", r.current.signposted, r.draft.signposted);
  out.set("outcomes", outcomes);
  mustache::data services{mustache::data::type::list};
  for (const auto& s : r.services) {
    mustache::data row;
    row.set("name", s.name);
    row.set("current", std::to_string(s.current.referrals));
    row.set("draft", std::to_string(s.draft.referrals));
    row.set("change", change_text(s.draft.referrals - s.current.referrals));
    row.set("current_queued", std::to_string(s.current.queued));
    row.set("draft_queued", std::to_string(s.draft.queued));
    row.set("current_peak", percent(s.current.peak_open, s.current.capacity));
    row.set("draft_peak", percent(s.draft.peak_open, s.draft.capacity));
    row.set("open_at_start", std::to_string(s.current.open_at_start));
    services.push_back(row);
  }
  out.set("services", services);
  mustache::data sample{mustache::data::type::list};
  int n = 0;
  for (const auto& c : r.sample) {
    mustache::data item;
    item.set("number", std::to_string(++n));
    item.set("month", c.received_month);
    item.set("current", decision_data(c.current));
    item.set("draft", decision_data(c.draft));
    sample.push_back(item);
  }
  out.set("sample", sample);
  out.set("has_sample", !r.sample.empty());
  out.set("sample_count", std::to_string(r.sample.size()));
  return out;
}

// The draft's errors, each in the summary (all of them: a rule set can have several), linked to
// the box; the box shows the first.
std::vector<FieldError> form_errors(const std::vector<FieldError>& errors, std::map<std::string, std::string>& anchors) {
  std::vector<FieldError> out;
  int n = 0;
  for (const auto& e : errors) {
    if (e.field == "from" || e.field == "to" || e.field == "area") {
      out.push_back(e);
      continue;
    }
    std::string key = n++ == 0 ? "rules" : "rules-" + std::to_string(n);
    anchors[key] = "rules";
    const bool path = e.field.rfind("$", 0) == 0;
    out.push_back({key, e.code, "The draft rules: " + (path ? e.field + " " : std::string()) + e.message});
  }
  return out;
}

// The page: versions, the draft form, and the what-if's figures when there are some.
Response routing_page(AppContext& ctx, const app::CurrentUser& user, const access::Actor& actor,
                      const DraftForm& form, const app::WhatIfReport* report, const std::vector<FieldError>& errors,
                      int status, const std::string& published) {
  auto& what_if = *ctx.what_if;
  auto versions = what_if.versions(actor, form.area);
  if (!versions) {
    if (versions.error().code == "forbidden") return pages::forbidden_page(ctx, user);
    if (versions.error().code == "not_found") return pages::not_found_page(ctx, user);
    return pages::server_error_page(ctx);
  }
  auto page = pages::staff_page(report ? "What if" : "Routing rules", std::string(kSection), user);
  pages::set_sub_navigation(page, kNavigation, "/admin/routing");
  page.set("csrf_token", user.csrf_token);
  page.set("area", form.area);
  mustache::data areas{mustache::data::type::list};
  for (const auto& a : what_if.areas_of(actor)) {
    mustache::data o;
    o.set("value", a);
    o.set("selected", a == form.area);
    areas.push_back(o);
  }
  page.set("area_options", areas);
  mustache::data list{mustache::data::type::list};
  bool first = true;
  for (const auto& v : *versions) {
    mustache::data row;
    row.set("version", v.version);
    row.set("loaded_on", text::iso_date(deadlines::london_date(v.loaded_at)));
    row.set("in_force", first);
    first = false;
    list.push_back(row);
  }
  page.set("versions", list);
  page.set("rules", form.rules.empty() && !versions->empty() ? versions->front().document : form.rules);
  page.set("from", form.from);
  page.set("to", form.to);
  page.set("published_new", published == "1");
  page.set("published_same", published == "0");
  page.set("in_force", versions->empty() ? std::string() : versions->front().version);
  if (report) {
    page.set("figures", figures_data(*report));
    page.set("show_figures", true);
  }
  if (!errors.empty()) {
    std::map<std::string, std::string> anchors;
    pages::add_field_errors(page, form_errors(errors, anchors), anchors);
  }
  return pages::page_response(ctx, status, "admin_routing", std::move(page));
}

std::string last_month(const app::RoutingWhatIf& what_if) {
  return insight::month_code(what_if.this_month() - std::chrono::months{1});
}

Response routing_home(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  if (!ctx.what_if) return pages::not_found_page(ctx, *user);
  const auto actor = app::actor_of(*user);
  const auto area = ctx.what_if->area_for(actor, request.query_param("area").value_or(""));
  if (!area) {
    return area.error().code == "forbidden" ? pages::forbidden_page(ctx, *user) : pages::not_found_page(ctx, *user);
  }
  DraftForm form{*area, "", last_month(*ctx.what_if), last_month(*ctx.what_if)};
  auto published = request.query_param("published").value_or("");
  if (published.size() > 60) published.clear();
  return routing_page(ctx, *user, actor, form, nullptr, {}, 200, published);
}

// A form post with a valid CSRF token, its fields, and the area it names (the actor's own).
struct DraftPost {
  app::CurrentUser user;
  access::Actor actor;
  DraftForm form;
};

std::expected<DraftPost, Response> draft_post(const Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return std::unexpected(redirect("/sign-in"));
  if (!ctx.what_if) return std::unexpected(pages::not_found_page(ctx, *user));
  const auto fields = parse_form(request.body);
  if (!csrf_valid(request, fields, *user, ctx)) return std::unexpected(pages::forbidden_page(ctx, *user));
  auto actor = app::actor_of(*user);
  const auto area = ctx.what_if->area_for(actor, field(fields, "area"));
  if (!area) {
    return std::unexpected(area.error().code == "forbidden" ? pages::forbidden_page(ctx, *user)
                                                            : pages::not_found_page(ctx, *user));
  }
  // Browsers send a form's line breaks as CR LF: back to the text as typed, so the version in
  // force sent back unchanged is the same document.
  auto rules = field(fields, "rules");
  std::string typed;
  typed.reserve(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (rules[i] == '\r' && i + 1 < rules.size() && rules[i + 1] == '\n') continue;
    typed += rules[i];
  }
  DraftForm form{*area, std::move(typed), field(fields, "from"), field(fields, "to")};
  return DraftPost{std::move(*user), std::move(actor), std::move(form)};
}

Response what_if(Request& request, AppContext& ctx) {
  auto post = draft_post(request, ctx);
  if (!post) return std::move(post.error());
  auto& [user, actor, form] = *post;
  auto report = ctx.what_if->replay(actor, form.area, form.rules, form.from, form.to);
  if (!report) {
    if (report.error().code != "validation_failed") return pages::server_error_page(ctx);
    return routing_page(ctx, user, actor, form, nullptr, report.error().fields, 400, "");
  }
  return routing_page(ctx, user, actor, form, &*report, {}, 200, "");
}

Response publish(Request& request, AppContext& ctx) {
  auto post = draft_post(request, ctx);
  if (!post) return std::move(post.error());
  auto& [user, actor, form] = *post;
  auto published = ctx.what_if->publish(actor, form.area, form.rules);
  if (!published) {
    const auto& e = published.error();
    if (e.code == "conflict") {
      return routing_page(ctx, user, actor, form, nullptr,
                          {{"rules", "conflict",
                            "This version is already held with other rules: give the draft a new version"}},
                          409, "");
    }
    if (e.code != "validation_failed") return pages::server_error_page(ctx);
    return routing_page(ctx, user, actor, form, nullptr, e.fields, 400, "");
  }
  return redirect("/admin/routing?area=" + pages::url_encode(form.area) + "&published=" + (*published ? "1" : "0"));
}

}  // namespace

void add_routing_pages(Router& router, AppContext& ctx) {
  const Guard loaders = Guard::may(access::Action::kLoadRoutingRules);
  router.add("GET", "/admin/routing", loaders, with_context(ctx, routing_home));
  router.add("POST", "/admin/routing/what-if", loaders, with_context(ctx, what_if));
  router.add("POST", "/admin/routing/publish", loaders, with_context(ctx, publish));
}

}  // namespace vg::http
