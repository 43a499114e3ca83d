// Prints the directory bench's mix of searches (tests/support/directory_search_mix.h), one a line:
// as API paths for bench/path_mix.lua, or with --pages as the same searches on the public
// /find-support page for bench/run-pages (the page's own parameters: keywords for the API's
// search, no per_page since the page always shows ten, no page=1 since its links leave it out).
// Run: build/bench/directory_search_mix [--pages] > mix.txt
#include <iostream>
#include <string_view>

#include "support/directory_search_mix.h"

int main(int argc, char** argv) {
  const bool pages = argc > 1 && std::string_view(argv[1]) == "--pages";
  for (const auto& m : vg::bench_mix::directory_search_mix(VG_SOURCE_DIR)) {
    if (!pages) {
      std::cout << "/api/v1/services?" << m.query << '\n';
      continue;
    }
    const auto& s = m.search;
    std::string q;
    auto add = [&q](std::string_view key, const std::string& value) {
      q += q.empty() ? '?' : '&';
      q += key;
      q += '=';
      q += vg::bench_mix::url_encode(value);
    };
    for (const auto& code : s.crime_types) add("crime_type", code);
    for (const auto& la : s.local_authorities) add("local_authority", la);
    if (!s.postcode.empty()) add("postcode", s.postcode);
    if (!s.text.empty()) add("keywords", s.text);
    if (s.page > 1) add("page", std::to_string(s.page));
    std::cout << "/find-support" << q << '\n';
  }
  return 0;
}
