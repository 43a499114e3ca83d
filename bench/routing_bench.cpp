// P4: routing decisions per second on one core, with and without the explanation, using the
// Merseyside area pack and a spread of assessed referrals (every example under tests/routing/).
// Baseline in the same run: interning the facts alone (routing_facts), so the ratio shows what
// the rule walk itself costs. Run: build/bench/routing_bench (see bench/README.md).
#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/intake/area_pack.h"
#include "app/intake/referral_json.h"
#include "domain/assessment/assessment.h"
#include "domain/deadlines/working_days.h"
#include "domain/routing/decide.h"
#include "domain/routing/routing_facts.h"

namespace {

struct Fixture {
  vg::app::AreaPack pack;
  std::vector<vg::intake::Referral> referrals;
  std::vector<vg::assessment::Assessment> assessments;
  std::vector<vg::routing::RoutingFacts> facts;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    const std::string root = VG_SOURCE_DIR;
    out.pack = vg::app::load_area_pack(root + "/config", "merseyside").value();
    for (const auto& entry : std::filesystem::directory_iterator(root + "/tests/routing/merseyside")) {
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      auto doc = boost::json::parse(text.str()).as_object();
      auto referral = vg::app::referral_from_json(doc.at("referral").as_object(), "$").value();
      auto assessment = vg::assessment::assess(referral, out.pack.policy,
                                               vg::deadlines::london_date(referral.received_at));
      out.facts.push_back(vg::routing::routing_facts(referral, assessment, out.pack.rules));
      out.referrals.push_back(std::move(referral));
      out.assessments.push_back(std::move(assessment));
    }
    return out;
  }();
  return f;
}

void BM_Facts(benchmark::State& state) {
  const auto& f = fixture();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto n = i++ % f.referrals.size();
    benchmark::DoNotOptimize(vg::routing::routing_facts(f.referrals[n], f.assessments[n], f.pack.rules));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Decide(benchmark::State& state) {
  const auto& f = fixture();
  const bool explain = state.range(0) != 0;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        vg::routing::decide(f.pack.rules, f.facts[i++ % f.facts.size()], f.pack.services, explain));
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_Facts);
BENCHMARK(BM_Decide)->Arg(0)->ArgName("explain");
BENCHMARK(BM_Decide)->Arg(1)->ArgName("explain");
BENCHMARK_MAIN();
