#include "domain/insight/unit_costs.h"

#include <algorithm>

namespace vg::insight {
namespace {

std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const auto start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::chrono::year_month> month_of(std::string_view s) {
  if (s.size() != 7 || s[4] != '-' || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(5))) return std::nullopt;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(s.substr(5))));
  if (y < 2000 || m < 1 || m > 12) return std::nullopt;
  return std::chrono::year{y} / std::chrono::month{m};
}

// "12", "12.5", "12.50" as hundredths, when the whole part has at most `whole_digits` digits.
std::optional<std::int64_t> hundredths_of(std::string_view s, std::size_t whole_digits) {
  const auto dot = s.find('.');
  const auto whole = s.substr(0, dot);
  if (!all_digits(whole) || whole.size() > whole_digits) return std::nullopt;
  std::int64_t out = std::stoll(std::string(whole)) * 100;
  if (dot == std::string_view::npos) return out;
  const auto fraction = s.substr(dot + 1);
  if (!all_digits(fraction) || fraction.size() > 2) return std::nullopt;
  out += std::stoll(std::string(fraction)) * (fraction.size() == 1 ? 10 : 1);
  return out;
}

bool is_stream_code(std::string_view s) {
  return !s.empty() && s.size() <= 40 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_service_id(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool overlap(const MonthRange& a, const MonthRange& b) { return a.first <= b.last && b.first <= a.last; }

}  // namespace

Result<UnitCosts> read_unit_costs(std::string_view text) {
  UnitCosts out;
  std::vector<FieldError> errors;
  std::map<std::string, int> stream_lines;
  std::vector<int> rate_lines, service_lines;
  int number = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    auto end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(at, end - at);
    at = end + 1;
    ++number;
    if (number > kMaxCostLines) {
      errors.push_back({"line " + std::to_string(number), "too_long", "A costs file has at most 2000 lines"});
      break;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string field = "line " + std::to_string(number);
    auto bad = [&](std::string code, std::string message) { errors.push_back({field, std::move(code), std::move(message)}); };
    if (line.size() > kMaxCostLineLength) {
      bad("too_long", "A line has at most 400 characters");
      continue;
    }
    const auto words = words_of(line);
    if (words.empty() || words[0].front() == '#') continue;
    if (words[0] == "stream") {
      if (words.size() < 3 || !is_stream_code(words[1])) {
        bad("invalid", "Write: stream <code> <name>, the code in lower-case letters, digits and _");
        continue;
      }
      const std::string code(words[1]);
      if (auto seen = stream_lines.find(code); seen != stream_lines.end()) {
        bad("repeated", "This stream is named already on line " + std::to_string(seen->second));
        continue;
      }
      const auto name_at = static_cast<std::size_t>(words[2].data() - line.data());
      std::string name(line.substr(name_at));
      while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
      stream_lines[code] = number;
      out.stream_names[code] = name;
      continue;
    }
    if (words.size() < 3) {
      bad("invalid", "Start the line with stream, or with the first and the last month (YYYY-MM YYYY-MM)");
      continue;
    }
    const auto first = month_of(words[0]);
    const auto last = month_of(words[1]);
    if (!first || !last) {
      bad("invalid_month", "Write the first and the last month as YYYY-MM, from 2000 on");
      continue;
    }
    if (*last < *first) {
      bad("months_reversed", "The first month is after the last");
      continue;
    }
    const MonthRange months{*first, *last};
    if (words[2] == "caseworker-hour") {
      const auto pence = words.size() == 4 ? hundredths_of(words[3], 6) : std::nullopt;
      if (!pence) {
        bad("invalid_amount", "Write: YYYY-MM YYYY-MM caseworker-hour <pounds>, such as 27.50");
        continue;
      }
      bool clash = false;
      for (std::size_t i = 0; i < out.caseworker_rates.size(); ++i) {
        if (overlap(out.caseworker_rates[i].months, months)) {
          bad("overlaps", "A caseworker rate for some of these months is on line " + std::to_string(rate_lines[i]));
          clash = true;
          break;
        }
      }
      if (clash) continue;
      out.caseworker_rates.push_back({months, *pence});
      rate_lines.push_back(number);
      continue;
    }
    if (words[2] == "service") {
      if (words.size() != 6 || !is_service_id(words[3])) {
        bad("invalid", "Write: YYYY-MM YYYY-MM service <service id> <pounds a case> <caseworker hours a case>");
        continue;
      }
      const auto pence = hundredths_of(words[4], 6);
      const auto hours = hundredths_of(words[5], 3);
      if (!pence || !hours) {
        bad("invalid_amount", "Write the pounds a case and the hours a case as numbers with at most two decimal places");
        continue;
      }
      const std::string service(words[3]);
      bool clash = false;
      for (std::size_t i = 0; i < out.services.size(); ++i) {
        if (out.services[i].service_id == service && overlap(out.services[i].months, months)) {
          bad("overlaps", "This service's cost for some of these months is on line " + std::to_string(service_lines[i]));
          clash = true;
          break;
        }
      }
      if (clash) continue;
      out.services.push_back({months, service, *pence, *hours});
      service_lines.push_back(number);
      continue;
    }
    bad("unknown_kind", "After the months, write caseworker-hour or service");
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The costs file is not valid");
  return out;
}

std::optional<std::int64_t> case_cost(const UnitCosts& costs, const std::string& service_id,
                                      std::chrono::year_month month) {
  for (const auto& s : costs.services) {
    if (s.service_id != service_id || !s.months.contains(month)) continue;
    if (s.caseworker_centihours == 0) return s.pence_per_case;
    for (const auto& rate : costs.caseworker_rates) {
      if (rate.months.contains(month)) return s.pence_per_case + (s.caseworker_centihours * rate.pence_per_hour + 50) / 100;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::string pounds_text(std::int64_t pence) {
  const bool negative = pence < 0;
  std::uint64_t rest = negative ? 0 - static_cast<std::uint64_t>(pence) : static_cast<std::uint64_t>(pence);
  // Written backwards, then turned round: pence, the point, then the pounds in threes.
  std::string backwards;
  backwards.push_back(static_cast<char>('0' + rest % 10));
  rest /= 10;
  backwards.push_back(static_cast<char>('0' + rest % 10));
  rest /= 10;
  backwards.push_back('.');
  int digits = 0;
  do {
    if (digits > 0 && digits % 3 == 0) backwards.push_back(',');
    backwards.push_back(static_cast<char>('0' + rest % 10));
    rest /= 10;
    ++digits;
  } while (rest > 0);
  std::string out = negative ? "-£" : "£";
  out.append(backwards.rbegin(), backwards.rend());
  return out;
}

}  // namespace vg::insight
