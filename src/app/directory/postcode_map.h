// The postcode lookup (postcode key -> local authority) held in memory as the store held it at
// one version, so a search by postcode need not ask the store. Immutable once built; never reads
// the store and never decides when it is out of date (CurrentServiceIndex does).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace vg::app {

class PostcodeMap {
 public:
  // `rows` as PostcodeRepository::all gives them; `version` is the lookup's version read before
  // them, so a write racing the read makes the map look stale.
  PostcodeMap(std::vector<store::PostcodeRepository::Row> rows, std::int64_t version);

  std::int64_t version() const { return version_; }
  std::size_t size() const { return keys_.size(); }

  // The local authority's GSS code for `key` (directory::postcode_key form), or null when the
  // map does not hold it.
  const std::string* find_lad(std::string_view key) const;

 private:
  std::int64_t version_ = 0;
  // Sorted by key bytes; each key's authority is an index into lads_ (a few hundred at most),
  // so 100,000 postcodes take a few megabytes.
  std::vector<std::string> keys_;
  std::vector<std::uint32_t> lad_of_;
  std::vector<std::string> lads_;
};

}  // namespace vg::app
