// The ServiceIndex of the directory as the store holds it now, for every search thread of this
// process: rebuilt when the store's directory_version moves on. Never writes; never serves an
// index older than a write this process has committed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/clock.h"
#include "app/directory/directory_generation.h"
#include "app/directory/postcode_map.h"
#include "app/directory/service_index.h"
#include "domain/result.h"
#include "store/store.h"

namespace vg::app {

class CurrentServiceIndex {
 public:
  // Another process's writes show within `recheck` (the store's version is read at most that
  // often); this process's own (`generation` moves on) at once. `generation` and `clock` must
  // outlive this.
  CurrentServiceIndex(store::Store& store, const DirectoryGeneration& generation,
                      const Clock& clock,
                      std::chrono::milliseconds recheck = std::chrono::milliseconds(250));

  // What DirectoryRepository::search_services answers for `query`, from memory: the store is
  // asked only for its version now and then, and which services a search text's words match
  // the first time that text is searched in this version of the directory. The hits point into
  // the index they came from, which the answer keeps alive.
  Result<ServiceHitPage> search(const store::ServiceQuery& query);

  // The service with this id as the current index holds it (the store's record, as fresh as a
  // search's answer), kept alive by `holder`; nullopt when the index does not hold it, when the
  // caller asks the store (a service another process has just added is found at once).
  struct FoundService {
    const directory::ServiceRecord* record = nullptr;
    std::shared_ptr<const void> holder;
  };
  Result<std::optional<FoundService>> find(const std::string& id);

  // Indexes built from now on carry each service's list item made by `render`. Set at start-up,
  // before any search runs (an index already built is dropped, to be built again with them).
  void set_list_item_renderer(ServiceListItemRenderer render);

  // The local authority of postcode `key` (directory::postcode_key form) when the lookup is
  // held in memory and holds it; nullopt otherwise, when the caller asks the store (so a
  // postcode another process has just added is found at once). The lookup is held when it has
  // at most kMaxHeldPostcodes rows, and read again when the store's postcode version moves on:
  // an authority another process changes shows within `recheck`, as directory changes do.
  Result<std::optional<std::string>> held_lad(std::string_view key);
  static constexpr std::int64_t kMaxHeldPostcodes = 400000;

  // Builds the index now if there is none (so the first search does not wait for it).
  Result<void> warm_up();

 private:
  // An index with the words already matched against it. Texts are bounded: when full, it
  // starts again.
  struct Snapshot {
    Snapshot(std::shared_ptr<const ServiceIndex> built,
             std::shared_ptr<const PostcodeMap> held_postcodes, std::int64_t postcodes_at)
        : index(std::move(built)),
          postcodes(std::move(held_postcodes)),
          postcode_version(postcodes_at) {}
    std::shared_ptr<const ServiceIndex> index;
    std::shared_ptr<const PostcodeMap> postcodes;  // null when the lookup is too large to hold
    std::int64_t postcode_version = 0;             // the store's, when `postcodes` was read
    mutable std::mutex texts_mutex;
    // By the store's expression of the words, and by the text as typed (null: no words, so no
    // filter). Both are what the store answered at this index's version, not answers to searches.
    mutable std::unordered_map<std::string, std::shared_ptr<const ServiceBits>> texts;
    mutable std::unordered_map<std::string, std::shared_ptr<const ServiceBits>> typed;
    mutable const void* typed_synonyms = nullptr;  // the synonyms `typed` was filled with
  };
  static constexpr std::size_t kMaxTexts = 8192;

  Result<std::shared_ptr<const Snapshot>> current();
  Result<std::shared_ptr<const PostcodeMap>> load_postcodes(std::int64_t version);
  Result<std::shared_ptr<const ServiceBits>> text_matches(const Snapshot& snapshot,
                                                         const store::ServiceQuery& query);

  store::Store& store_;
  const DirectoryGeneration& generation_;
  const Clock& clock_;
  const std::chrono::milliseconds recheck_;
  ServiceListItemRenderer render_;

  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
  // The generation and instant of the last time the store's version was read (under
  // rebuild_mutex_ when written).
  std::atomic<std::uint64_t> checked_generation_{0};
  std::atomic<std::int64_t> checked_at_ns_{0};
  std::mutex rebuild_mutex_;  // one reader of the store's version (and builder) at a time
};

}  // namespace vg::app
