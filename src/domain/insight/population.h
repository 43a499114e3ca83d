// An area's resident population by local authority, as its configuration says
// (config/areas/<area>/population.txt), for demand per 1,000 residents: the ONS mid-year
// estimates an operator copies in, with the line saying where they came from. Pure: parses text
// and divides; no figures of its own.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/insight/demand.h"
#include "domain/result.h"

namespace vg::insight {

struct Population {
  std::string source;                              // where the figures came from, as the file says
  std::map<std::string, std::int64_t> residents;  // local authority GSS code -> residents
  bool operator==(const Population&) const = default;
};

// The longest line read, the most lines, and the most residents one authority may have (the
// largest in England is under 1.2 million; this only stops a typo of many digits).
inline constexpr std::size_t kMaxPopulationLineLength = 400;
inline constexpr int kMaxPopulationLines = 1000;
inline constexpr std::int64_t kMostResidents = 100'000'000;

// One line each; blank lines and "#" comments ignored:
//   source <words>            once, required: where the figures came from
//   <GSS code> <residents>    a letter and 8 digits (E08000012), then a whole number 1 to
//                             kMostResidents, digits only
// Refused with `validation_failed`, one field error per bad line ("line 3"), every one at once:
// a line of no known kind, a bad code or number, a code given twice, a second source line; and
// no source line at all (field "source").
Result<Population> read_population(std::string_view text);

// Referrals per 1,000 residents of `local_authority`: unset when the population has no figure
// for it.
std::optional<double> per_thousand(const Population& population, const std::string& local_authority,
                                   std::int64_t referrals);

// Sets each local authority row's referrals per 1,000 residents, each period's only when its
// count is shown (a rate beside a hidden count would give the count back), and the source.
void add_per_thousand(DemandReport& report, const Population& population);

}  // namespace vg::insight
