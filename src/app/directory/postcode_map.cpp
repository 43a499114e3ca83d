// Sorted keys and a binary search: no hashing of every key at load, and an authority's code is
// stored once however many postcodes it has.
#include "app/directory/postcode_map.h"

#include <algorithm>
#include <unordered_map>

namespace vg::app {

PostcodeMap::PostcodeMap(std::vector<store::PostcodeRepository::Row> rows, std::int64_t version)
    : version_(version) {
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.postcode < b.postcode; });
  std::unordered_map<std::string, std::uint32_t> lad_index;
  keys_.reserve(rows.size());
  lad_of_.reserve(rows.size());
  for (auto& row : rows) {
    // The store's key is unique, so no two rows share one.
    auto [it, added] = lad_index.try_emplace(row.lad_code, static_cast<std::uint32_t>(lads_.size()));
    if (added) lads_.push_back(row.lad_code);
    keys_.push_back(std::move(row.postcode));
    lad_of_.push_back(it->second);
  }
}

const std::string* PostcodeMap::find_lad(std::string_view key) const {
  auto found = std::lower_bound(keys_.begin(), keys_.end(), key,
                                [](const std::string& a, std::string_view b) { return a < b; });
  if (found == keys_.end() || *found != key) return nullptr;
  return &lads_[lad_of_[static_cast<std::size_t>(found - keys_.begin())]];
}

}  // namespace vg::app
