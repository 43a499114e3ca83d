#include "app/directory/local_authorities.h"

#include <cctype>

#include <utility>

namespace vg::app {

extern const std::vector<std::pair<std::string_view, std::string_view>> kReferenceData;

namespace {

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto end = line.find(sep, start);
    parts.push_back(line.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::vector<LocalAuthority> parse(std::string_view csv) {
  std::vector<LocalAuthority> out;
  bool header = true;
  for (auto line : split(csv, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    auto cells = split(line, ',');  // ONS names here hold no commas or quotes
    if (cells.size() < 4) continue;
    out.push_back({std::string(cells[0]), std::string(cells[1]), std::string(cells[2]),
                   std::string(cells[3])});
  }
  return out;
}

}  // namespace

const std::vector<LocalAuthority>& local_authorities() {
  static const std::vector<LocalAuthority> all = [] {
    for (const auto& [name, text] : kReferenceData) {
      if (name == "local-authorities.csv") return parse(text);
    }
    return std::vector<LocalAuthority>{};
  }();
  return all;
}

const LocalAuthority* find_local_authority(std::string_view code) {
  for (const auto& la : local_authorities()) {
    if (la.code == code) return &la;
  }
  return nullptr;
}

std::string statistical_geography_uri(std::string_view gss_code) {
  return "http://statistics.data.gov.uk/id/statistical-geography/" + std::string(gss_code);
}

bool is_gss_code(std::string_view text) {
  if (text.size() != 9) return false;
  if (text[0] != 'E' && text[0] != 'W' && text[0] != 'S' && text[0] != 'N') return false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

std::string area_id(std::string_view police_force_area) {
  std::string id;
  for (char c : police_force_area) {
    id.push_back(c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return id;
}

}  // namespace vg::app
