// P4: routing decisions per second on one core, with and without the explanation, using the
// Merseyside area pack and a spread of assessed referrals (every example under tests/routing/).
// Baseline in the same run: interning the facts alone (routing_facts), so the ratio shows what
// the rule walk itself costs. Run: build/bench/routing_bench (see bench/README.md).
// explain: 0 none, 1 with its text (as `route --explain`), 2 its facts only (what intake stores).
// BM_StoredExplanation: the decision and its explanation's JSON as stored, text (0, before
// issue 14) or facts (1); BM_RenderExplanation: the text rendered from stored facts when shown.
#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/intake/area_pack.h"
#include "app/intake/decision_explanation.h"
#include "app/intake/referral_json.h"
#include "domain/assessment/assessment.h"
#include "domain/deadlines/working_days.h"
#include "domain/routing/decide.h"
#include "domain/routing/explanation_renderer.h"
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
  const auto explain = state.range(0) == 0   ? vg::routing::Explain::kNone
                      : state.range(0) == 1 ? vg::routing::Explain::kText
                                            : vg::routing::Explain::kFacts;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        vg::routing::decide(f.pack.rules, f.facts[i++ % f.facts.size()], f.pack.services, explain));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_StoredExplanation(benchmark::State& state) {
  const auto& f = fixture();
  const bool facts = state.range(0) != 0;
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto d = vg::routing::decide(f.pack.rules, f.facts[i++ % f.facts.size()], f.pack.services,
                                       facts ? vg::routing::Explain::kFacts : vg::routing::Explain::kText);
    std::string json = facts ? boost::json::serialize(vg::app::explanation_facts_json(
                                   d.explanation_facts, f.pack.rules,
                                   vg::routing::shown_names(d.explanation_facts, f.pack.rules, f.pack.services)))
                             : boost::json::serialize(vg::app::explanation_lines_json(d.explanation));
    bytes += json.size();
    benchmark::DoNotOptimize(json);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes"] = static_cast<double>(bytes) / static_cast<double>(state.iterations());
}

void BM_RenderExplanation(benchmark::State& state) {
  const auto& f = fixture();
  std::vector<std::pair<vg::routing::ExplanationFacts, vg::routing::ShownNames>> stored;
  for (const auto& facts : f.facts) {
    auto d = vg::routing::decide(f.pack.rules, facts, f.pack.services, vg::routing::Explain::kFacts);
    stored.emplace_back(d.explanation_facts,
                        vg::routing::shown_names(d.explanation_facts, f.pack.rules, f.pack.services));
  }
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [facts, names] = stored[i++ % stored.size()];
    benchmark::DoNotOptimize(vg::routing::render_explanation(facts, f.pack.rules, names,
                                                             vg::routing::kRendererVersion));
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_Facts);
BENCHMARK(BM_Decide)->Arg(0)->ArgName("explain");
BENCHMARK(BM_Decide)->Arg(1)->ArgName("explain");
BENCHMARK(BM_Decide)->Arg(2)->ArgName("explain");
BENCHMARK(BM_StoredExplanation)->Arg(0)->ArgName("facts");
BENCHMARK(BM_StoredExplanation)->Arg(1)->ArgName("facts");
BENCHMARK(BM_RenderExplanation);
BENCHMARK_MAIN();
