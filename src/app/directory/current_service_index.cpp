// Keeps one immutable ServiceIndex per directory version and swaps the pointer: readers never
// lock anything but the small text cache, and a rebuild never blocks a search that may use the
// index it already has.
#include "app/directory/current_service_index.h"

#include "store/input_checks.h"
#include "store/search_words.h"

namespace vg::app {

using directory::PageOf;
using directory::ServiceRecord;

CurrentServiceIndex::CurrentServiceIndex(store::Store& store,
                                         const DirectoryGeneration& generation,
                                         const Clock& clock, std::chrono::milliseconds recheck)
    : store_(store), generation_(generation), clock_(clock), recheck_(recheck) {}

Result<void> CurrentServiceIndex::warm_up() {
  VG_CHECK(current());
  return {};
}

Result<std::shared_ptr<const CurrentServiceIndex::Snapshot>> CurrentServiceIndex::current() {
  auto snapshot = snapshot_.load(std::memory_order_acquire);
  const std::uint64_t generation = generation_.current();
  const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               clock_.now().time_since_epoch())
                               .count();
  const std::int64_t checked_at = checked_at_ns_.load(std::memory_order_acquire);
  const bool own_write = generation != checked_generation_.load(std::memory_order_acquire);
  // A clock that went back also counts as due.
  const bool due = now - checked_at >= std::chrono::nanoseconds(recheck_).count() ||
                   now < checked_at;
  if (snapshot && !own_write && !due) return snapshot;

  std::unique_lock lock(rebuild_mutex_, std::defer_lock);
  if (snapshot && !own_write) {
    // Only time says look again: whoever gets there first asks; the others keep the index they
    // have rather than wait.
    if (!lock.try_lock()) return snapshot;
  } else {
    lock.lock();
  }
  // Another thread may have just done it.
  snapshot = snapshot_.load(std::memory_order_acquire);
  if (snapshot && checked_generation_.load(std::memory_order_acquire) == generation &&
      checked_at_ns_.load(std::memory_order_acquire) != checked_at) {
    return snapshot;
  }
  // The generation is read before the version, so a write this process has committed is in
  // the version read.
  const std::int64_t version = VG_TRY(store_.directory().directory_version());
  if (!snapshot || snapshot->index->version() != version) {
    auto all = VG_TRY(store_.directory().export_all());
    snapshot = std::make_shared<const Snapshot>(
        std::make_shared<const ServiceIndex>(std::move(all), version));
    snapshot_.store(snapshot, std::memory_order_release);
  }
  checked_generation_.store(generation, std::memory_order_release);
  checked_at_ns_.store(now, std::memory_order_release);
  return snapshot;
}

Result<std::shared_ptr<const ServiceBits>> CurrentServiceIndex::text_matches(
    const Snapshot& snapshot, const store::ServiceQuery& query) {
  const auto expression = store::search_expression(query.text, query.synonyms.get());
  if (expression.empty()) return std::shared_ptr<const ServiceBits>();
  // The expression as the store would run it names the search exactly: the same words with the
  // same synonyms, however they were typed.
  const std::string key = store::fts5_query(expression);
  {
    std::lock_guard lock(snapshot.texts_mutex);
    if (auto found = snapshot.texts.find(key); found != snapshot.texts.end()) return found->second;
  }
  const auto ids = VG_TRY(store_.directory().service_ids_matching_text(query));
  auto bits = std::make_shared<const ServiceBits>(snapshot.index->positions_of(ids));
  std::lock_guard lock(snapshot.texts_mutex);
  if (snapshot.texts.size() >= kMaxTexts) snapshot.texts.clear();
  snapshot.texts.emplace(key, bits);
  return bits;
}

Result<PageOf<ServiceRecord>> CurrentServiceIndex::search(const store::ServiceQuery& query) {
  VG_CHECK(store::check_page(query.page, query.per_page));
  const auto snapshot = VG_TRY(current());
  const auto matches = VG_TRY(text_matches(*snapshot, query));
  return snapshot->index->search(query, matches.get());
}

}  // namespace vg::app
