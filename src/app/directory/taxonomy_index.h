// The victim-support taxonomy as a lookup: codes to terms, each term's group (its root term's
// code: "crime_type", "audience", "kind_of_help", "access", "record_note") and its family.
// Built from the stored terms; pure, so the service can cache it and tests can build it by hand.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/directory/directory_records.h"

namespace vg::app {

// Fixed so that data files, routing rules and the API can name it.
inline constexpr std::string_view kVictimTaxonomyId = "b4f5d7a0-3c1e-4e8a-9f2b-6d1c0e7a5b10";

class TaxonomyIndex {
 public:
  TaxonomyIndex() = default;
  explicit TaxonomyIndex(std::vector<directory::TaxonomyTermRecord> terms);

  const directory::TaxonomyTermRecord* by_id(std::string_view id) const;
  // Codes are looked up within the victim-support taxonomy only.
  const directory::TaxonomyTermRecord* by_code(std::string_view code) const;
  // The code of the term's root ("crime_type", ...); empty when the term is not in the tree.
  std::string group_of(std::string_view id) const;
  // Every term under the group's root, depth first in stored order (strands follow their crime).
  std::vector<directory::TaxonomyTermRecord> group(std::string_view group_code) const;
  // The ids a search for `ids` is answered by: the ids themselves, their ancestors below the
  // group's root (a general hate crime service helps with race hate crime) and their descendants
  // (a race hate crime service is a hate crime service). Order: as given, then added; no repeats.
  std::vector<std::string> expand(const std::vector<std::string>& ids) const;

 private:
  void add_descendants(const std::string& id, std::vector<std::string>& out) const;

  std::vector<directory::TaxonomyTermRecord> terms_;
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::map<std::string, std::size_t, std::less<>> by_code_;
  std::map<std::string, std::vector<std::string>, std::less<>> children_;
};

}  // namespace vg::app
