#include "domain/insight/population.h"

#include <algorithm>
#include <vector>

namespace vg::insight {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_gss_code(std::string_view s) {
  return s.size() == 9 && s[0] >= 'A' && s[0] <= 'Z' && all_digits(s.substr(1));
}

bool blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<Population> read_population(std::string_view text) {
  Population out;
  std::vector<FieldError> errors;
  std::map<std::string, int> seen;
  bool has_source = false;
  int number = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    auto end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(at, end - at);
    at = end + 1;
    ++number;
    const std::string field = "line " + std::to_string(number);
    if (number > kMaxPopulationLines) {
      errors.push_back({field, "too_long", "A population file has at most 1000 lines"});
      break;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > kMaxPopulationLineLength) {
      errors.push_back({field, "too_long", "A line has at most 400 characters"});
      continue;
    }
    line = trimmed(line);
    if (line.empty() || line.front() == '#') continue;
    const auto gap = std::find_if(line.begin(), line.end(), blank) - line.begin();
    const auto first = line.substr(0, static_cast<std::size_t>(gap));
    const auto rest = trimmed(line.substr(static_cast<std::size_t>(gap)));
    if (first == "source") {
      if (has_source) {
        errors.push_back({field, "repeated", "Say where the figures came from once"});
      } else if (rest.empty()) {
        errors.push_back({field, "required", "Say where the figures came from after \"source\""});
      } else {
        has_source = true;
        out.source = std::string(rest);
      }
      continue;
    }
    if (!is_gss_code(first)) {
      errors.push_back({field, "invalid", "Start a line with \"source\" or a local authority's GSS code, such as E08000012"});
      continue;
    }
    if (!all_digits(rest) || rest.size() > 9) {
      errors.push_back({field, "invalid", "Give the residents as a whole number, digits only"});
      continue;
    }
    const auto residents = std::stoll(std::string(rest));
    if (residents < 1 || residents > kMostResidents) {
      errors.push_back({field, "out_of_range", "Give the residents as a number from 1 to 100,000,000"});
      continue;
    }
    const std::string code(first);
    if (auto [it, fresh] = seen.emplace(code, number); !fresh) {
      errors.push_back({field, "repeated", "This local authority is on line " + std::to_string(it->second) + " already"});
      continue;
    }
    out.residents[code] = residents;
  }
  if (!has_source) {
    errors.push_back({"source", "required", "Add a line \"source <where the figures came from>\""});
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The population figures are not valid");
  return out;
}

std::optional<double> per_thousand(const Population& population, const std::string& local_authority,
                                   std::int64_t referrals) {
  const auto it = population.residents.find(local_authority);
  if (it == population.residents.end()) return std::nullopt;
  return 1000.0 * static_cast<double>(referrals) / static_cast<double>(it->second);
}

void add_per_thousand(DemandReport& report, const Population& population) {
  report.population_source = population.source;
  for (auto& table : report.tables) {
    if (table.code != "local_authority") continue;
    for (auto& row : table.rows) {
      if (row.current.shown()) row.current_per_thousand = per_thousand(population, row.code, row.current.value);
      if (row.previous.shown()) row.previous_per_thousand = per_thousand(population, row.code, row.previous.value);
    }
  }
}

}  // namespace vg::insight
