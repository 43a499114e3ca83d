// The directory's services copied into memory with a bitset per filter value, so a search is a
// few set operations and a walk in name order rather than a database query. Immutable once
// built. Never reads the store and never decides which words match: it is given both.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/directory/service_hit.h"
#include "domain/directory/directory_records.h"
#include "store/store.h"

namespace vg::app {

// A set of positions in a ServiceIndex: bit i set = the i-th service in (name, id) order.
using ServiceBits = std::vector<std::uint64_t>;

class ServiceIndex {
 public:
  // `all` as DirectoryRepository::export_all gives it; `version` is the store's
  // directory_version read before that export, so a write racing it makes the index look stale.
  // `render`, when set, makes each service's list item now, once (see ServiceHit::list_item).
  ServiceIndex(directory::DirectoryBatch all, std::int64_t version,
               const ServiceListItemRenderer& render = {});

  std::int64_t version() const { return version_; }
  std::size_t size() const { return services_.size(); }

  // The service with this id, or null when the index does not hold it.
  const directory::ServiceRecord* find(const std::string& id) const;

  // The positions of the services with these ids; ids it does not hold are left out.
  ServiceBits positions_of(const std::vector<std::string>& ids) const;

  // What DirectoryRepository::search_services answers for `query` (same ids, order, total and
  // paging), except that `query.text` is not read: when `text_matches` is given, only services
  // in it can match. `query`'s page must already be checked (store::check_page). The hits
  // point into this index: they are valid while it lives.
  directory::PageOf<ServiceHit> search(const store::ServiceQuery& query,
                                       const ServiceBits* text_matches) const;

 private:
  using Postings = std::unordered_map<std::string, ServiceBits>;
  static constexpr std::int32_t kNoLimit = -1;

  ServiceBits empty_set() const { return ServiceBits(words_, 0); }
  // Sets in `out` the bits of `value`'s postings; `out` unchanged when there are none.
  void add(const Postings& postings, const std::string& value, ServiceBits& out) const;
  // Leaves in `out` only the bits of `value`'s postings (none when there are none).
  void keep(const Postings& postings, const std::string& value, ServiceBits& out) const;

  std::int64_t version_ = 0;
  std::vector<directory::ServiceRecord> services_;  // by (name, id), byte order as both stores
  std::vector<std::optional<std::string>> list_items_;  // by position; empty without a renderer
  std::vector<std::uint64_t> fingerprints_;               // service_fingerprint, by position
  std::unordered_map<std::string, std::uint32_t> position_by_id_;
  std::size_t words_ = 0;  // 64-bit words in a ServiceBits
  ServiceBits all_;
  Postings by_term_;
  Postings by_taxonomy_;  // a service carries some term of that taxonomy
  Postings by_area_;
  Postings by_organization_;
  Postings by_status_;
  std::vector<std::int32_t> minimum_age_;  // kNoLimit when the service sets none
  std::vector<std::int32_t> maximum_age_;
};

}  // namespace vg::app
