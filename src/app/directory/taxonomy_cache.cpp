#include "app/directory/taxonomy_cache.h"

#include <vector>

namespace vg::app {
namespace {

constexpr auto kTaxonomyRefresh = std::chrono::seconds(30);
constexpr int kTermPage = 500;

}  // namespace

TaxonomyCache::TaxonomyCache(store::Store& store, const Clock& clock)
    : store_(store), clock_(clock) {}

std::shared_ptr<const TaxonomyIndex> TaxonomyCache::get() const {
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  if (taxonomy_ && now - loaded_at_ < kTaxonomyRefresh && now >= loaded_at_) return taxonomy_;
  std::vector<directory::TaxonomyTermRecord> terms;
  for (int page = 1;; ++page) {
    auto got = store_.directory().list_taxonomy_terms("", {page, kTermPage});
    if (!got) return taxonomy_ ? taxonomy_ : std::make_shared<const TaxonomyIndex>();
    for (auto& t : got->items) terms.push_back(std::move(t));
    if (got->items.size() < static_cast<std::size_t>(kTermPage)) break;
  }
  taxonomy_ = std::make_shared<const TaxonomyIndex>(std::move(terms));
  loaded_at_ = now;
  return taxonomy_;
}

void TaxonomyCache::forget() {
  std::lock_guard lock(mutex_);
  taxonomy_.reset();
}

}  // namespace vg::app
