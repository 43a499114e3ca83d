// Bitset postings over the services in (name, id) order: every filter is an AND or OR of 157
// words for 10,000 services, and a page is the n-th set bits, so no search sorts anything.
#include "app/directory/service_index.h"

#include <algorithm>
#include <bit>
#include <tuple>

#include "app/directory/service_fingerprint.h"
#include "store/input_checks.h"

namespace vg::app {

using directory::PageOf;
using directory::ServiceRecord;

ServiceIndex::ServiceIndex(directory::DirectoryBatch all, std::int64_t version,
                           const ServiceListItemRenderer& render)
    : version_(version), services_(std::move(all.services)) {
  // std::string compares bytes as unsigned char: the order of SQLite's BINARY collation and of
  // PostgreSQL's COLLATE "C", which both stores sort names and ids by.
  std::sort(services_.begin(), services_.end(), [](const ServiceRecord& a, const ServiceRecord& b) {
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
  });
  words_ = (services_.size() + 63) / 64;
  all_ = empty_set();
  std::unordered_map<std::string, std::string> taxonomy_of_term;
  for (const auto& term : all.taxonomy_terms) taxonomy_of_term[term.id] = term.taxonomy_id;
  auto set = [this](Postings& postings, const std::string& value, std::size_t i) {
    auto [it, added] = postings.try_emplace(value);
    if (added) it->second = empty_set();
    it->second[i / 64] |= std::uint64_t{1} << (i % 64);
  };
  minimum_age_.reserve(services_.size());
  fingerprints_.reserve(services_.size());
  maximum_age_.reserve(services_.size());
  if (render) {
    // Rendered here, once per directory version, rather than once per search that shows it:
    // building each item from its document was the largest share of an API search's time.
    list_items_.reserve(services_.size());
    for (const ServiceRecord& s : services_) list_items_.push_back(render(s));
  }
  for (std::size_t i = 0; i < services_.size(); ++i) {
    const ServiceRecord& s = services_[i];
    position_by_id_.emplace(s.id, static_cast<std::uint32_t>(i));
    all_[i / 64] |= std::uint64_t{1} << (i % 64);
    for (const auto& term : s.taxonomy_term_ids) {
      set(by_term_, term, i);
      // The store joins links to the terms table: a link to a term it no longer holds has no
      // taxonomy.
      if (auto t = taxonomy_of_term.find(term); t != taxonomy_of_term.end()) {
        set(by_taxonomy_, t->second, i);
      }
    }
    for (const auto& area : s.area_codes) set(by_area_, area, i);
    set(by_organization_, s.organization_id, i);
    set(by_status_, s.status, i);
    minimum_age_.push_back(s.minimum_age.value_or(kNoLimit));
    maximum_age_.push_back(s.maximum_age.value_or(kNoLimit));
    fingerprints_.push_back(service_fingerprint(s));
  }
}

const directory::ServiceRecord* ServiceIndex::find(const std::string& id) const {
  const auto found = position_by_id_.find(id);
  return found == position_by_id_.end() ? nullptr : &services_[found->second];
}

ServiceBits ServiceIndex::positions_of(const std::vector<std::string>& ids) const {
  ServiceBits out = empty_set();
  for (const auto& id : ids) {
    if (auto found = position_by_id_.find(id); found != position_by_id_.end()) {
      out[found->second / 64] |= std::uint64_t{1} << (found->second % 64);
    }
  }
  return out;
}

void ServiceIndex::add(const Postings& postings, const std::string& value, ServiceBits& out) const {
  auto found = postings.find(value);
  if (found == postings.end()) return;
  for (std::size_t w = 0; w < words_; ++w) out[w] |= found->second[w];
}

void ServiceIndex::keep(const Postings& postings, const std::string& value,
                        ServiceBits& out) const {
  auto found = postings.find(value);
  if (found == postings.end()) {
    std::fill(out.begin(), out.end(), 0);
    return;
  }
  for (std::size_t w = 0; w < words_; ++w) out[w] &= found->second[w];
}

PageOf<ServiceHit> ServiceIndex::search(const store::ServiceQuery& query,
                                        const ServiceBits* text_matches) const {
  ServiceBits match = text_matches != nullptr ? *text_matches : all_;
  match.resize(words_, 0);
  for (const auto& term : store::unique_in_order(query.taxonomy_term_ids)) {
    keep(by_term_, term, match);
  }
  if (const auto any = store::unique_in_order(query.any_taxonomy_term_ids); !any.empty()) {
    ServiceBits either = empty_set();
    for (const auto& term : any) add(by_term_, term, either);
    for (std::size_t w = 0; w < words_; ++w) match[w] &= either[w];
  }
  if (!query.taxonomy_id.empty()) keep(by_taxonomy_, query.taxonomy_id, match);
  if (const auto areas = store::unique_in_order(query.area_codes); !areas.empty()) {
    ServiceBits either = empty_set();
    for (const auto& area : areas) add(by_area_, area, either);
    for (std::size_t w = 0; w < words_; ++w) match[w] &= either[w];
  }
  if (!query.organization_id.empty()) keep(by_organization_, query.organization_id, match);
  if (query.status) keep(by_status_, *query.status, match);
  if (query.age) {
    const int age = *query.age;
    for (std::size_t w = 0; w < words_; ++w) {
      for (std::uint64_t bits = match[w]; bits != 0; bits &= bits - 1) {
        const std::size_t i = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
        const bool too_young = minimum_age_[i] != kNoLimit && age < minimum_age_[i];
        const bool too_old = maximum_age_[i] != kNoLimit && age > maximum_age_[i];
        if (too_young || too_old) match[w] &= ~(std::uint64_t{1} << (i % 64));
      }
    }
  }

  PageOf<ServiceHit> page;
  for (std::uint64_t word : match) page.total_items += std::popcount(word);
  const std::int64_t offset =
      static_cast<std::int64_t>(query.page - 1) * static_cast<std::int64_t>(query.per_page);
  if (offset >= page.total_items) return page;
  // Skips whole words until the offset's word, then takes the page's bits in order.
  std::int64_t skip = offset;
  std::size_t w = 0;
  while (w < words_ && skip >= std::popcount(match[w])) skip -= std::popcount(match[w++]);
  page.items.reserve(static_cast<std::size_t>(
      std::min<std::int64_t>(query.per_page, page.total_items - offset)));
  for (; w < words_ && page.items.size() < static_cast<std::size_t>(query.per_page); ++w) {
    for (std::uint64_t bits = match[w]; bits != 0; bits &= bits - 1) {
      if (skip > 0) {
        --skip;
        continue;
      }
      const std::size_t i = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
      const std::string* item =
          i < list_items_.size() && list_items_[i] ? &*list_items_[i] : nullptr;
      page.items.emplace_back(services_[i], item, fingerprints_[i]);
      if (page.items.size() == static_cast<std::size_t>(query.per_page)) break;
    }
  }
  return page;
}

}  // namespace vg::app
