// The directory bench's mix of searches: every crime type (and none) × every local authority of
// the three areas, by code or by one of its illustrative postcodes (and none) × two pages × ten
// texts, 22,540 distinct searches read from the product's own data files. Test and bench code
// only; never a person's data (the postcodes are the invented, never-issued demonstration set).
#pragma once

#include <boost/json.hpp>

#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/directory/directory_search.h"
#include "app/directory/local_authorities.h"
#include "app/directory/postcode_csv.h"
#include "store/store.h"

namespace vg::bench_mix {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Codes of the crime-type taxonomy's terms below its root, in the file's order (what the search
// accepts as crime_type: each type, and each family such as hate_crime).
inline std::vector<std::string> crime_type_codes(const std::string& source_dir) {
  const auto doc =
      boost::json::parse(read_file(source_dir + "/config/taxonomy/victim-support.json")).as_object();
  std::set<std::string> inside;  // ids of terms under the crime_type root
  std::vector<std::string> codes;
  for (const auto& value : doc.at("taxonomy_terms").as_array()) {
    const auto& term = value.as_object();
    const std::string id(term.at("id").as_string());
    const std::string code(term.at("code").as_string());
    std::string parent;
    if (const auto* p = term.if_contains("parent_id"); p && p->is_string()) parent = p->as_string();
    if (parent.empty()) {
      if (code == "crime_type") inside.insert(id);
      continue;
    }
    if (inside.contains(parent)) {
      inside.insert(id);
      codes.push_back(code);
    }
  }
  return codes;
}

// The illustrative postcodes, one per local authority (config/demo/postcodes-illustrative.csv).
inline std::vector<std::string> illustrative_postcodes(const std::string& source_dir) {
  std::istringstream lines(read_file(source_dir + "/config/demo/postcodes-illustrative.csv"));
  std::vector<std::string> out;
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    if (!line.empty()) out.push_back(line.substr(0, line.find(',')));
  }
  return out;
}

// The same postcodes as the store loads them, read as `import-postcodes` reads a lookup.
inline std::vector<store::PostcodeRepository::Row> illustrative_postcode_rows(const std::string& source_dir) {
  std::istringstream lines(read_file(source_dir + "/config/demo/postcodes-illustrative.csv"));
  std::string line;
  std::getline(lines, line);
  const auto layout = app::read_postcode_header(line).value();
  std::vector<store::PostcodeRepository::Row> rows;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    if (auto row = app::read_postcode_row(line, layout).value()) rows.push_back({row->postcode_key, row->lad_code});
  }
  return rows;
}

inline const std::vector<std::string>& mix_texts() {
  static const std::vector<std::string> texts = {
      "",          "support",          "counselling", "advice",    "domestic abuse",
      "hate crime", "recovery service", "youth",      "riverside", "helpline"};
  return texts;
}

struct MixSearch {
  app::ServiceSearch search;
  std::string query;  // the same search as an API query string, without the "?"
};

inline std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
        c == '-') {
      out += static_cast<char>(c);
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

// Every search of the mix, in a fixed order. per_page 10, the API's and the pages' default.
inline std::vector<MixSearch> directory_search_mix(const std::string& source_dir) {
  std::vector<std::string> crimes = {""};
  for (auto& code : crime_type_codes(source_dir)) crimes.push_back(code);
  struct Place {
    std::string local_authority;
    std::string postcode;
  };
  std::vector<Place> places = {{}};
  for (const auto& la : app::local_authorities()) places.push_back({la.code, ""});
  for (const auto& postcode : illustrative_postcodes(source_dir)) places.push_back({"", postcode});
  std::vector<MixSearch> out;
  for (const auto& text : mix_texts()) {
    for (const auto& crime : crimes) {
      for (const auto& place : places) {
        for (int page : {1, 2}) {
          MixSearch m;
          m.search.text = text;
          if (!crime.empty()) m.search.crime_types = {crime};
          if (!place.local_authority.empty()) m.search.local_authorities = {place.local_authority};
          m.search.postcode = place.postcode;
          m.search.page = page;
          m.search.per_page = 10;
          std::string q = "per_page=10&page=" + std::to_string(page);
          if (!text.empty()) q += "&search=" + url_encode(text);
          if (!crime.empty()) q += "&crime_type=" + crime;
          if (!place.local_authority.empty()) q += "&local_authority=" + place.local_authority;
          if (!place.postcode.empty()) q += "&postcode=" + url_encode(place.postcode);
          m.query = std::move(q);
          out.push_back(std::move(m));
        }
      }
    }
  }
  return out;
}

}  // namespace vg::bench_mix
