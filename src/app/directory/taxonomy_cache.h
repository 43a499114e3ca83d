// The victim-support taxonomy as a lookup, shared by the directory's use cases in one process
// and re-read from the store now and then. Never writes; never decides what a search finds.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>

#include "app/clock.h"
#include "app/directory/taxonomy_index.h"
#include "store/store.h"

namespace vg::app {

class TaxonomyCache {
 public:
  TaxonomyCache(store::Store& store, const Clock& clock);

  // Re-read from the store at most every 30 seconds (or at once after forget()), so an import
  // by another process shows up without a restart. A store that fails to answer keeps the last
  // good index (or an empty one): search still works by area.
  std::shared_ptr<const TaxonomyIndex> get() const;

  // After this process changed the taxonomy: the next get() reads it again.
  void forget();

 private:
  store::Store& store_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const TaxonomyIndex> taxonomy_;
  mutable std::chrono::system_clock::time_point loaded_at_{};
};

}  // namespace vg::app
