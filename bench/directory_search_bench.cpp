// Directory search, one call at a time, over the demo directory plus 10,000 generated services:
// the in-memory index (SearchPath::kIndex) against the store's query (SearchPath::kStore, the
// baseline in the same run), walking the bench mix (tests/support/directory_search_mix.h,
// 22,540 distinct searches). Each call is timed on its own; p50 and p99 are printed as counters
// (microseconds). Run: build/bench/directory_search_bench (see bench/README.md).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "app/directory/area_directory_file.h"
#include "app/directory/directory_admin.h"
#include "app/directory/directory_generator.h"
#include "app/directory/directory_search.h"
#include "app/directory/directory_transfer.h"
#include "app/directory/search_synonyms_file.h"
#include "domain/directory/postcode.h"
#include "store/open/open_store.h"
#include "support/directory_search_mix.h"

namespace {

using namespace vg;

struct Fixture {
  SystemClock clock;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<app::TaxonomyCache> taxonomy;
  app::DirectoryGeneration generation;
  std::unique_ptr<app::DirectorySearch> by_index;
  std::unique_ptr<app::DirectorySearch> by_store;
  std::vector<bench_mix::MixSearch> mix;
};

int services_wanted() {
  const char* n = std::getenv("VG_BENCH_SERVICES");
  return n && *n ? std::atoi(n) : 10000;
}

Fixture& fixture() {
  static Fixture* f = [] {
    auto* out = new Fixture;
    const std::string root = VG_SOURCE_DIR;
    // A file, as served: WAL and the page cache behave as they do in production.
    const std::string path = "/tmp/vg-directory-search-bench.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    out->store = store::open_store("sqlite:" + path, 4).value();
    out->store->migrate().value();
    out->taxonomy = std::make_unique<app::TaxonomyCache>(*out->store, out->clock);
    app::DirectoryAdmin admin(*out->store, out->clock, *out->taxonomy, out->generation);
    app::DirectoryTransfer transfer(*out->store, out->clock, *out->taxonomy, out->generation);
    transfer.import_hsds(bench_mix::read_file(root + "/config/taxonomy/victim-support.json"),
                         "bench")
        .value();
    std::vector<std::string> organizations;
    for (const char* area : {"greater-manchester", "merseyside", "staffordshire"}) {
      auto parsed = app::parse_area_directory(bench_mix::read_file(
                                                  root + "/config/areas/" + area + "/directory.json"))
                        .value();
      for (const auto& org : parsed.organizations) {
        organizations.push_back(admin.save_organization(org, "bench").value());
      }
      admin.save_services(parsed.services, "bench").value();
    }
    auto generated =
        app::generate_services(services_wanted(), 1, organizations, *out->taxonomy->get());
    for (std::size_t start = 0; start < generated.size(); start += 1000) {
      std::vector<app::ServiceForm> batch(
          generated.begin() + static_cast<std::ptrdiff_t>(start),
          generated.begin() + static_cast<std::ptrdiff_t>(std::min(generated.size(), start + 1000)));
      admin.save_services(batch, "bench").value();
    }
    out->store->postcodes().upsert(bench_mix::illustrative_postcode_rows(root)).value();
    auto synonyms = app::load_search_synonyms(root + "/config").value();
    out->by_index = std::make_unique<app::DirectorySearch>(*out->store, *out->taxonomy,
                                                           out->generation, out->clock);
    out->by_store = std::make_unique<app::DirectorySearch>(
        *out->store, *out->taxonomy, out->generation, out->clock, app::SearchPath::kStore);
    out->by_index->set_synonyms(synonyms);
    out->by_store->set_synonyms(synonyms);
    out->mix = bench_mix::directory_search_mix(root);
    return out;
  }();
  return *f;
}

// Runs the mix through `search` (shuffled by a fixed stride so neighbours differ), timing each call.
void run_mix(benchmark::State& state, app::DirectorySearch& search) {
  auto& f = fixture();
  std::vector<double> micros;
  micros.reserve(1 << 16);
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& m = f.mix[(i++ * 7919) % f.mix.size()];
    const auto start = std::chrono::steady_clock::now();
    auto result = search.search_services(m.search);
    const auto end = std::chrono::steady_clock::now();
    if (!result) {
      state.SkipWithError(result.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(result);
    micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  if (micros.empty()) return;
  std::sort(micros.begin(), micros.end());
  auto at = [&micros](double q) {
    return micros[std::min(micros.size() - 1, static_cast<std::size_t>(q * micros.size()))];
  };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = micros.back();
  state.SetItemsProcessed(state.iterations());
}

void BM_SearchByIndex(benchmark::State& state) {
  auto& f = fixture();
  // Built once before timing, as a server does at its first search; then every text's words are
  // matched once (what a running server has after its first minutes).
  for (const auto& m : f.mix) f.by_index->search_services(m.search).value();
  run_mix(state, *f.by_index);
}

void BM_SearchByStore(benchmark::State& state) { run_mix(state, *fixture().by_store); }

}  // namespace

BENCHMARK(BM_SearchByIndex)->Unit(benchmark::kMicrosecond)->Iterations(100000);
BENCHMARK(BM_SearchByStore)->Unit(benchmark::kMicrosecond)->Iterations(1000);

BENCHMARK_MAIN();
