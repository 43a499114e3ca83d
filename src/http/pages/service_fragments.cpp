#include "http/pages/service_fragments.h"

namespace vg::http::pages {

std::shared_ptr<const std::string> ServiceFragments::get(const std::string& id,
                                                         const app::ServiceViewKey& key,
                                                         const Render& render) {
  {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(id);
    if (found != entries_.end() && found->second.key == key) return found->second.html;
  }
  // Rendered outside the lock: two threads may both render a new piece, and both are right.
  auto html = std::make_shared<const std::string>(render());
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(id, Entry{key, html});
  return html;
}

}  // namespace vg::http::pages
