#include "app/directory/taxonomy_index.h"

#include <algorithm>

namespace vg::app {

TaxonomyIndex::TaxonomyIndex(std::vector<directory::TaxonomyTermRecord> terms)
    : terms_(std::move(terms)) {
  for (std::size_t i = 0; i < terms_.size(); ++i) {
    const auto& t = terms_[i];
    by_id_[t.id] = i;
    if (t.taxonomy_id == kVictimTaxonomyId && !t.code.empty()) by_code_[t.code] = i;
    if (!t.parent_id.empty()) children_[t.parent_id].push_back(t.id);
  }
}

const directory::TaxonomyTermRecord* TaxonomyIndex::by_id(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &terms_[it->second];
}

const directory::TaxonomyTermRecord* TaxonomyIndex::by_code(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &terms_[it->second];
}

std::string TaxonomyIndex::group_of(std::string_view id) const {
  const auto* term = by_id(id);
  // Bounded walk: a damaged parent chain cannot loop forever.
  for (int depth = 0; term != nullptr && depth < 16; ++depth) {
    if (term->parent_id.empty()) return term->code;
    const auto* parent = by_id(term->parent_id);
    if (parent == nullptr) return {};
    term = parent;
  }
  return {};
}

void TaxonomyIndex::add_descendants(const std::string& id, std::vector<std::string>& out) const {
  auto it = children_.find(id);
  if (it == children_.end()) return;
  for (const auto& child : it->second) {
    if (std::find(out.begin(), out.end(), child) != out.end()) continue;  // cycles
    out.push_back(child);
    add_descendants(child, out);
  }
}

std::vector<directory::TaxonomyTermRecord> TaxonomyIndex::group(std::string_view group_code) const {
  std::vector<directory::TaxonomyTermRecord> out;
  const auto* root = by_code(group_code);
  if (root == nullptr || !root->parent_id.empty()) return out;
  std::vector<std::string> ids;
  add_descendants(root->id, ids);
  for (const auto& id : ids) out.push_back(*by_id(id));
  return out;
}

std::vector<std::string> TaxonomyIndex::expand(const std::vector<std::string>& ids) const {
  std::vector<std::string> out;
  auto add = [&out](const std::string& id) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (const auto& id : ids) add(id);
  for (const auto& id : ids) {
    const auto* term = by_id(id);
    for (int depth = 0; term != nullptr && !term->parent_id.empty() && depth < 16; ++depth) {
      term = by_id(term->parent_id);
      if (term != nullptr && !term->parent_id.empty()) add(term->id);  // roots are groups
    }
    std::vector<std::string> below;
    add_descendants(id, below);
    for (const auto& d : below) add(d);
  }
  return out;
}

}  // namespace vg::app
