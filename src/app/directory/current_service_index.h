// The ServiceIndex of the directory as the store holds it now, for every search thread of this
// process: rebuilt when the store's directory_version moves on. Never writes; never serves an
// index older than a write this process has committed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/clock.h"
#include "app/directory/directory_generation.h"
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
  // the first time that text is searched in this version of the directory.
  Result<directory::PageOf<directory::ServiceRecord>> search(const store::ServiceQuery& query);

  // Builds the index now if there is none (so the first search does not wait for it).
  Result<void> warm_up();

 private:
  // An index with the words already matched against it. Texts are bounded: when full, it
  // starts again.
  struct Snapshot {
    explicit Snapshot(std::shared_ptr<const ServiceIndex> built) : index(std::move(built)) {}
    std::shared_ptr<const ServiceIndex> index;
    mutable std::mutex texts_mutex;
    mutable std::unordered_map<std::string, std::shared_ptr<const ServiceBits>> texts;
  };
  static constexpr std::size_t kMaxTexts = 8192;

  Result<std::shared_ptr<const Snapshot>> current();
  Result<std::shared_ptr<const ServiceBits>> text_matches(const Snapshot& snapshot,
                                                         const store::ServiceQuery& query);

  store::Store& store_;
  const DirectoryGeneration& generation_;
  const Clock& clock_;
  const std::chrono::milliseconds recheck_;

  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
  // The generation and instant of the last time the store's version was read (under
  // rebuild_mutex_ when written).
  std::atomic<std::uint64_t> checked_generation_{0};
  std::atomic<std::int64_t> checked_at_ns_{0};
  std::mutex rebuild_mutex_;  // one reader of the store's version (and builder) at a time
};

}  // namespace vg::app
