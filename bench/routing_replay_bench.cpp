// Issue 15's routing what-if: replaying 100,000 referrals of a period against the Merseyside rules
// in force and a draft (the same rules in the reverse order, so many decisions change), with
// every service's capacity simulated. Target: under 5 s. Baseline in the same run: the same
// referrals decided one by one with decide() against fixed open cases (no simulation, no
// comparison), interned each time as routing_facts(RoutingInputs) does.
// Run: build/bench/routing_replay_bench (see bench/README.md).
#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include <algorithm>
#include <random>

#include "app/intake/area_pack.h"
#include "domain/routing/replay.h"

namespace {

constexpr int kReferrals = 100'000;

struct Fixture {
  vg::app::AreaPack now;
  vg::app::AreaPack draft;
  std::vector<vg::routing::ReplayReferral> referrals;
  std::vector<vg::routing::OpenCases> open;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    const std::string config = std::string(VG_SOURCE_DIR) + "/config";
    out.now = vg::app::load_area_pack(config, "merseyside").value();
    auto text = vg::app::read_routing_rules(config, "merseyside").value();
    auto doc = boost::json::parse(text).as_object();
    auto& rules = doc["rules"].as_array();
    std::reverse(rules.begin(), rules.end());
    doc["version"] = "draft";
    out.draft = vg::app::load_area_pack(config, "merseyside", boost::json::serialize(doc)).value();

    std::mt19937 random(15);
    std::vector<std::string> categories;
    for (const auto& c : out.now.policy.offence_categories) categories.push_back(c.code);
    std::vector<std::string> places;
    for (const auto& la : out.now.policy.local_authorities) {
      if (la.area == "merseyside") places.push_back(la.code);
    }
    const char* bands[] = {"under_18", "18_to_64", "65_and_over", "unknown"};
    const char* levels[] = {"standard", "medium", "high"};
    const char* reasons[] = {"vulnerable:under_18", "persistently_targeted", "most_serious_crime:hate_crime",
                             "vulnerable:mental_disorder"};
    const char* needs[] = {"health_and_wellbeing", "safety_and_security", "shelter_and_accommodation"};
    const char* strands[] = {"race", "religion", "sexual_orientation", "disability", "transgender"};
    std::int32_t day = 20'500;
    for (int i = 0; i < kReferrals; ++i) {
      vg::routing::ReplayReferral r;
      if (i % 1100 == 0) ++day;  // about 91 days: a quarter
      r.received_day = day;
      r.closed_day = random() % 5 == 0 ? vg::routing::kNeverClosed : day + static_cast<std::int32_t>(random() % 60);
      auto& in = r.inputs;
      in.flags = 1u << (random() % 8);
      in.offence_category = categories[random() % categories.size()];
      in.age_band = bands[random() % 4];
      in.victim_type = random() % 10 == 0 ? "business" : "person";
      in.risk_level = levels[random() % 3];
      if (random() % 3 == 0) in.enhanced_reasons.push_back(reasons[random() % 4]);
      in.local_authority = places[random() % places.size()];
      if (random() % 2) in.needs.push_back(needs[random() % 3]);
      if (in.flags & vg::routing::kHateCrime) in.hate_strands.push_back(strands[random() % 5]);
      in.marac_required = in.risk_level == "high" && random() % 2;
      in.eligible = (in.flags & vg::routing::kNonCrimeAsb) == 0;
      out.referrals.push_back(std::move(r));
    }
    for (const auto& s : out.now.services.all()) out.open.push_back({s.id, 20'520, s.capacity / 2});
    return out;
  }();
  return f;
}

void BM_DecideOneByOne(benchmark::State& state) {
  const auto& f = fixture();
  for (auto _ : state) {
    std::int64_t routed = 0;
    for (const auto& r : f.referrals) {
      for (const auto* pack : {&f.now, &f.draft}) {
        auto d = vg::routing::decide(pack->rules, vg::routing::routing_facts(r.inputs, pack->rules), pack->services,
                                     vg::routing::Explain::kNone);
        routed += d.outcome == vg::routing::Outcome::kRouted;
      }
    }
    benchmark::DoNotOptimize(routed);
  }
  state.SetItemsProcessed(state.iterations() * kReferrals);
}

void BM_Replay(benchmark::State& state) {
  const auto& f = fixture();
  std::int64_t changed = 0;
  for (auto _ : state) {
    auto figures = vg::routing::replay({f.now.rules, f.now.services}, {f.draft.rules, f.draft.services},
                                       f.referrals, f.open, 20);
    changed = figures.changed;
    benchmark::DoNotOptimize(figures);
  }
  state.counters["changed"] = static_cast<double>(changed);
  state.SetItemsProcessed(state.iterations() * kReferrals);
}

}  // namespace

BENCHMARK(BM_DecideOneByOne)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_Replay)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK_MAIN();
