// Prints the directory bench's mix of searches (tests/support/directory_search_mix.h) as API
// paths, one a line, for bench/directory_search.lua: the same searches the Google Benchmark and
// the equivalence test run. Run: build/bench/directory_search_mix > mix.txt
#include <iostream>

#include "support/directory_search_mix.h"

int main() {
  for (const auto& m : vg::bench_mix::directory_search_mix(VG_SOURCE_DIR)) {
    std::cout << "/api/v1/services?" << m.query << '\n';
  }
  return 0;
}
