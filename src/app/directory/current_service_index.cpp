// Keeps one immutable ServiceIndex per directory version and swaps the pointer: readers never
// lock anything but the small text cache, and a rebuild never blocks a search that may use the
// index it already has.
#include "app/directory/current_service_index.h"

#include "store/input_checks.h"
#include "store/search_words.h"

namespace vg::app {

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
  const std::int64_t postcode_version = VG_TRY(store_.postcodes().version());
  const bool index_stale = !snapshot || snapshot->index->version() != version;
  const bool postcodes_stale = !snapshot || snapshot->postcode_version != postcode_version;
  if (index_stale || postcodes_stale) {
    std::shared_ptr<const ServiceIndex> index;
    if (index_stale) {
      auto all = VG_TRY(store_.directory().export_all());
      index = std::make_shared<const ServiceIndex>(std::move(all), version, render_);
    } else {
      index = snapshot->index;
    }
    auto postcodes =
        postcodes_stale ? VG_TRY(load_postcodes(postcode_version)) : snapshot->postcodes;
    snapshot = std::make_shared<const Snapshot>(std::move(index), std::move(postcodes),
                                                postcode_version);
    snapshot_.store(snapshot, std::memory_order_release);
  }
  checked_generation_.store(generation, std::memory_order_release);
  checked_at_ns_.store(now, std::memory_order_release);
  return snapshot;
}

Result<std::shared_ptr<const ServiceBits>> CurrentServiceIndex::text_matches(
    const Snapshot& snapshot, const store::ServiceQuery& query) {
  if (query.text.empty()) return std::shared_ptr<const ServiceBits>();
  // The text as typed first: working out its expression (words, synonyms) cost more than the
  // rest of a search. Synonyms are the same for every search (set once at start-up), so the
  // same text always has the same expression.
  {
    std::lock_guard lock(snapshot.texts_mutex);
    if (snapshot.typed_synonyms != query.synonyms.get()) {
      // Synonyms given after searches began (a test may): texts as typed mean something else.
      snapshot.typed.clear();
      snapshot.typed_synonyms = query.synonyms.get();
    }
    if (auto found = snapshot.typed.find(query.text); found != snapshot.typed.end()) {
      return found->second;
    }
  }
  const auto expression = store::search_expression(query.text, query.synonyms.get());
  std::shared_ptr<const ServiceBits> bits;
  if (!expression.empty()) {
    // The expression as the store would run it names the search exactly: the same words with
    // the same synonyms, however they were typed.
    const std::string key = store::fts5_query(expression);
    {
      std::lock_guard lock(snapshot.texts_mutex);
      if (auto found = snapshot.texts.find(key); found != snapshot.texts.end()) bits = found->second;
    }
    if (!bits) {
      const auto ids = VG_TRY(store_.directory().service_ids_matching_text(query));
      bits = std::make_shared<const ServiceBits>(snapshot.index->positions_of(ids));
      std::lock_guard lock(snapshot.texts_mutex);
      if (snapshot.texts.size() >= kMaxTexts) snapshot.texts.clear();
      snapshot.texts.emplace(key, bits);
    }
  }
  std::lock_guard lock(snapshot.texts_mutex);
  if (snapshot.typed_synonyms != query.synonyms.get()) return bits;
  if (snapshot.typed.size() >= kMaxTexts) snapshot.typed.clear();
  snapshot.typed.emplace(query.text, bits);
  return bits;
}

Result<std::shared_ptr<const PostcodeMap>> CurrentServiceIndex::load_postcodes(
    std::int64_t version) {
  // The whole country (2.7 million postcodes) would take seconds to read and tens of megabytes:
  // then each search asks the store, as it always did.
  if (VG_TRY(store_.postcodes().count()) > kMaxHeldPostcodes) {
    return std::shared_ptr<const PostcodeMap>();
  }
  return std::make_shared<const PostcodeMap>(VG_TRY(store_.postcodes().all()), version);
}

Result<std::optional<std::string>> CurrentServiceIndex::held_lad(std::string_view key) {
  const auto snapshot = VG_TRY(current());
  if (!snapshot->postcodes) return std::optional<std::string>();
  const std::string* lad = snapshot->postcodes->find_lad(key);
  if (lad == nullptr) return std::optional<std::string>();
  return std::optional<std::string>(*lad);
}

void CurrentServiceIndex::set_list_item_renderer(ServiceListItemRenderer render) {
  std::lock_guard lock(rebuild_mutex_);
  render_ = std::move(render);
  snapshot_.store(nullptr, std::memory_order_release);
}

Result<ServiceHitPage> CurrentServiceIndex::search(const store::ServiceQuery& query) {
  VG_CHECK(store::check_page(query.page, query.per_page));
  auto snapshot = VG_TRY(current());
  const auto matches = VG_TRY(text_matches(*snapshot, query));
  ServiceHitPage answer{snapshot->index->search(query, matches.get()), nullptr};
  answer.holder = std::move(snapshot);
  return answer;
}

Result<std::optional<CurrentServiceIndex::FoundService>> CurrentServiceIndex::find(
    const std::string& id) {
  auto snapshot = VG_TRY(current());
  const auto* record = snapshot->index->find(id);
  if (record == nullptr) return std::optional<FoundService>{};
  return std::optional<FoundService>(FoundService{record, std::move(snapshot)});
}

}  // namespace vg::app
