// Each service's HTML as a directory page shows it (its item in a results list), rendered once
// from its view and kept while the service reads the same (app::ServiceViewKey), so a results
// page splices ten kept pieces instead of building and rendering ten services' template data.
// Never makes HTML itself: the pieces come from templates, with their escaping.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/directory/directory_search.h"

namespace vg::http::pages {

class ServiceFragments {
 public:
  using Render = std::function<std::string()>;

  // The piece kept for service `id` under `key`, else `render()`'s, kept under `key` from now.
  // A service that changed (here or in another process) has another key, so it is rendered again.
  std::shared_ptr<const std::string> get(const std::string& id, const app::ServiceViewKey& key,
                                         const Render& render);

 private:
  // Bounded: past this many services the cache starts again (a directory has thousands).
  static constexpr std::size_t kMaxEntries = 16384;
  struct Entry {
    app::ServiceViewKey key;
    std::shared_ptr<const std::string> html;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace vg::http::pages
