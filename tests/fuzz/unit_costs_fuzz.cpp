// Fuzz target for an area's costs file (domain/insight/unit_costs.h), read at start from the
// configuration an area's administrator edits. No crash; a refusal is validation_failed naming
// lines with messages; accepted costs hold only months in order, amounts not negative and no
// overlapping lines for one service, and pricing a case never fails for any month.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/insight/unit_costs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace std::chrono;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto costs = vg::insight::read_unit_costs(text);
  if (!costs) {
    const auto& e = costs.error();
    if (e.code != "validation_failed" || e.fields.empty()) std::abort();
    for (const auto& f : e.fields) {
      if (!f.field.starts_with("line ") || f.message.empty()) std::abort();
    }
    return 0;
  }
  for (const auto& r : costs->caseworker_rates) {
    if (r.months.last < r.months.first || r.pence_per_hour < 0) std::abort();
  }
  for (std::size_t i = 0; i < costs->services.size(); ++i) {
    const auto& s = costs->services[i];
    if (s.months.last < s.months.first || s.pence_per_case < 0 || s.caseworker_centihours < 0) std::abort();
    for (std::size_t j = i + 1; j < costs->services.size(); ++j) {
      const auto& o = costs->services[j];
      if (o.service_id == s.service_id && o.months.first <= s.months.last && s.months.first <= o.months.last) std::abort();
    }
    for (auto m : {s.months.first, s.months.last, s.months.last + months{1}}) {
      if (auto cost = vg::insight::case_cost(*costs, s.service_id, m); cost && *cost < 0) std::abort();
    }
  }
  (void)vg::insight::pounds_text(123456);
  return 0;
}
