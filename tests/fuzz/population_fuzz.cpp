// Fuzz target for an area's population file (domain/insight/population.h), read at start from
// the configuration an operator edits. No crash; a refusal is validation_failed naming lines (or
// the missing source) with messages; accepted figures have a source, GSS codes and residents in
// range, and every rate worked out from them is finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/insight/population.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto population = vg::insight::read_population(text);
  if (!population) {
    const auto& e = population.error();
    if (e.code != "validation_failed" || e.fields.empty()) std::abort();
    for (const auto& f : e.fields) {
      if ((!f.field.starts_with("line ") && f.field != "source") || f.message.empty()) std::abort();
    }
    return 0;
  }
  if (population->source.empty()) std::abort();
  for (const auto& [code, residents] : population->residents) {
    if (code.size() != 9 || residents < 1 || residents > vg::insight::kMostResidents) std::abort();
    const auto rate = vg::insight::per_thousand(*population, code, 1'000'000);
    if (!rate || !std::isfinite(*rate) || *rate <= 0) std::abort();
  }
  return 0;
}
