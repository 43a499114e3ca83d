#include "app/insight/demand_query.h"

#include <algorithm>
#include <map>

namespace vg::app {
namespace {

const std::vector<std::string> kParameters = {"area", "from", "to"};

bool is_area_code(const std::string& text) {
  if (text.empty() || text.size() > kMaxAreaLength) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// A parameter's name as an error may repeat it: printable ASCII, bounded.
std::string shown_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(byte >= 0x21 && byte <= 0x7E ? c : '?');
    if (out.size() == 64) break;
  }
  return out.empty() ? std::string("?") : out;
}

}  // namespace

insight::MonthPeriod default_period(std::chrono::year_month this_month) {
  return insight::months_ending(this_month - std::chrono::months{1}, kDefaultMonths);
}

Result<DemandQuestion> read_demand_query(const std::vector<std::pair<std::string, std::string>>& params,
                                         std::chrono::year_month this_month,
                                         const std::vector<std::string>& extra_allowed) {
  std::vector<FieldError> errors;
  std::map<std::string, std::string> given;
  for (const auto& [name, value] : params) {
    const bool ours = std::find(kParameters.begin(), kParameters.end(), name) != kParameters.end();
    const bool extra = std::find(extra_allowed.begin(), extra_allowed.end(), name) != extra_allowed.end();
    if (!ours && !extra) {
      errors.push_back({shown_name(name), "unknown_parameter", "This parameter is not one insight knows"});
      continue;
    }
    if (!ours) continue;
    if (!given.emplace(name, value).second) {
      errors.push_back({name, "repeated", "Give this parameter once"});
    }
  }
  DemandQuestion q;
  if (auto area = given.find("area"); area != given.end()) {
    if (!is_area_code(area->second)) {
      errors.push_back({"area", "invalid", "Choose an area"});
    } else {
      q.area = area->second;
    }
  }
  const auto from = given.find("from");
  const auto to = given.find("to");
  if ((from == given.end()) != (to == given.end())) {
    errors.push_back({from == given.end() ? "from" : "to", "required", "Give both the first and the last month"});
  } else if (from != given.end()) {
    auto period = insight::parse_month_period(from->second, to->second, this_month);
    if (period) {
      q.period = *period;
    } else {
      for (auto& e : period.error().fields) errors.push_back(std::move(e));
    }
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The question is not valid");
  return q;
}

}  // namespace vg::app
