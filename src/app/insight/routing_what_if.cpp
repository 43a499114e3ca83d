#include "app/insight/routing_what_if.h"

#include <algorithm>

#include "app/insight/area_in_scope.h"
#include "domain/deadlines/working_days.h"
#include "domain/routing/explanation_renderer.h"

namespace vg::app {
namespace {

// Far beyond any area's rules (Merseyside's 13 rules are about 6 KB); a form is not a file upload.
constexpr std::size_t kMostDraftBytes = 256 * 1024;

std::int32_t day_number(const std::chrono::year_month_day& d) {
  return static_cast<std::int32_t>(std::chrono::sys_days(d).time_since_epoch().count());
}

// The draft's errors as the form shows them: its JSON paths, without the file name a pack's
// errors carry (the draft is no file).
Error draft_errors(Error e) {
  for (auto& f : e.fields) {
    if (auto space = f.field.find(' '); space != std::string::npos && f.field.rfind("routing.json", 0) == 0) {
      f.field = f.field.substr(space + 1);
    }
    if (f.field == "area") f.field = "$.area";
  }
  if (e.fields.empty()) e.fields.push_back({"$", "invalid", e.message});
  e.message = "The draft rules are not valid";
  return e;
}

std::string service_name(const std::string& id, const AreaPack& now, const AreaPack& draft) {
  if (id.empty()) return {};
  if (const auto* s = now.services.find(id)) return s->name;
  if (const auto* s = draft.services.find(id)) return s->name;
  return id + " (not in the directory)";
}

ShownDecision shown(const routing::RoutingDecision& d, const AreaPack& pack, const AreaPack& now,
                    const AreaPack& draft) {
  ShownDecision out;
  out.outcome = std::string(routing::outcome_code(d.outcome));
  out.service_name = service_name(d.service_id, now, draft);
  auto names = routing::shown_names(d.explanation_facts, pack.rules, pack.services);
  if (auto lines = routing::render_explanation(d.explanation_facts, pack.rules, names, routing::kRendererVersion)) {
    for (auto& line : *lines) out.explanation.push_back(std::move(line.text));
  }
  return out;
}

}  // namespace

RoutingWhatIf::RoutingWhatIf(store::Store& store, const Clock& clock, AreaPacks& packs, std::string config_dir)
    : store_(store), clock_(clock), packs_(packs), config_dir_(std::move(config_dir)) {}

std::vector<std::string> RoutingWhatIf::areas_of(const access::Actor& actor) const {
  return areas_in_scope(actor, access::Action::kLoadRoutingRules);
}

Result<std::string> RoutingWhatIf::area_for(const access::Actor& actor, const std::string& asked) const {
  return area_in_scope(actor, access::Action::kLoadRoutingRules, asked, "Routing rules for this area");
}

std::chrono::year_month RoutingWhatIf::this_month() const {
  return deadlines::london_month(clock_.now());
}

Result<std::vector<store::RuleSetRecord>> RoutingWhatIf::versions(const access::Actor& actor,
                                                                  const std::string& area) {
  const auto allowed = VG_TRY(area_for(actor, area));
  VG_TRY(packs_.area_pack(allowed));  // an area with none yet gets its file as the first version
  return store_.rule_sets().list_rule_sets(allowed);
}

Result<AreaPack> RoutingWhatIf::draft_pack(const std::string& area, const std::string& draft) const {
  if (draft.size() > kMostDraftBytes) {
    return validation_failed({{"$", "too_long", "must be at most 256 KB"}}, "The draft rules are not valid");
  }
  auto pack = load_area_pack(config_dir_, area, draft);
  if (!pack) {
    if (pack.error().code != "validation_failed") return std::unexpected(pack.error());
    return std::unexpected(draft_errors(std::move(pack.error())));
  }
  return pack;
}

Result<WhatIfReport> RoutingWhatIf::replay(const access::Actor& actor, const std::string& asked,
                                           const std::string& draft_text, const std::string& from,
                                           const std::string& to) {
  const auto area = VG_TRY(area_for(actor, asked));
  // Every error at once: the draft's and the period's.
  auto draft = draft_pack(area, draft_text);
  auto period = insight::parse_month_period(from, to, this_month());
  if (!draft || !period) {
    std::vector<FieldError> errors;
    for (const auto* e : {draft ? nullptr : &draft.error(), period ? nullptr : &period.error()}) {
      if (e == nullptr) continue;
      if (e->code != "validation_failed") return std::unexpected(*e);
      errors.insert(errors.end(), e->fields.begin(), e->fields.end());
    }
    return validation_failed(std::move(errors), "The what-if cannot run");
  }
  const auto now = VG_TRY(packs_.area_pack(area));

  const auto facts = VG_TRY(store_.insight().replay_facts(area, *period));
  const auto first_day = std::chrono::year_month_day(period->first / 1);
  const auto open = VG_TRY(store_.insight().open_cases_on(area, first_day));

  WhatIfReport report;
  report.area = area;
  report.period = *period;
  report.current_version = now->rules.version;
  report.draft_version = draft->rules.version;
  std::vector<routing::ReplayReferral> referrals;
  std::vector<std::chrono::year_month> months;
  referrals.reserve(facts.size());
  for (const auto& f : facts) {
    if (!f.routing) {
      ++report.not_replayed;
      continue;
    }
    routing::ReplayReferral r;
    r.inputs = *f.routing;
    r.received_day = day_number(f.received_on);
    r.closed_day = f.closed_on ? day_number(*f.closed_on) : routing::kNeverClosed;
    referrals.push_back(std::move(r));
    months.push_back(f.received_on.year() / f.received_on.month());
  }
  std::vector<routing::OpenCases> at_start;
  for (const auto& g : open) {
    at_start.push_back({g.service_id, g.closed_on ? day_number(*g.closed_on) : routing::kNeverClosed,
                        static_cast<int>(g.count)});
  }

  const auto figures = routing::replay({now->rules, now->services}, {draft->rules, draft->services}, referrals,
                                       at_start, kSample);
  report.referrals = figures.referrals;
  report.current = figures.current;
  report.draft = figures.draft;
  report.changed = figures.changed;
  for (const auto& s : figures.services) {
    report.services.push_back({s.service_id, service_name(s.service_id, *now, *draft), s.current, s.draft});
  }
  std::stable_sort(report.services.begin(), report.services.end(),
                   [](const ServiceShown& a, const ServiceShown& b) { return a.name < b.name; });
  for (const auto& c : figures.sample) {
    report.sample.push_back({insight::month_label(months[c.referral]), shown(c.current, *now, *now, *draft),
                             shown(c.draft, *draft, *now, *draft)});
  }
  return report;
}

Result<bool> RoutingWhatIf::publish(const access::Actor& actor, const std::string& asked, const std::string& draft) {
  const auto area = VG_TRY(area_for(actor, asked));
  VG_TRY(draft_pack(area, draft));  // the same checks, and errors, as the what-if's
  auto loaded = packs_.publish_rules(area, draft, actor.user_id);
  if (!loaded) {
    if (loaded.error().code != "validation_failed") return std::unexpected(loaded.error());
    return std::unexpected(draft_errors(std::move(loaded.error())));
  }
  return loaded->added;
}

}  // namespace vg::app
