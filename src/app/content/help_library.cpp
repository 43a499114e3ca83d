#include "app/content/help_library.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

namespace vg::app::content {

extern const std::vector<std::pair<std::string_view, std::string_view>> kHelpFiles;

Result<HelpLibrary> HelpLibrary::from_files(
    const std::vector<std::pair<std::string_view, std::string_view>>& files) {
  HelpLibrary library;
  std::vector<FieldError> errors;
  std::set<std::string, std::less<>> titles;
  for (const auto& [name, text] : files) {
    // The embedding names files by their path; the page is named by the last part.
    const auto slash = name.find_last_of('/');
    const std::string_view file = slash == std::string_view::npos ? name : name.substr(slash + 1);
    auto page = parse_help_page(file, text);
    if (!page) {
      for (auto& f : page.error().fields) errors.push_back({std::string(file) + " " + f.field, f.code, f.message});
      continue;
    }
    if (!titles.insert(page->title).second) {
      errors.push_back({std::string(file) + " title", "repeated", "Another page has the title " + page->title});
      continue;
    }
    library.pages_.push_back(std::move(*page));
  }
  if (!errors.empty()) return validation_failed(std::move(errors), "The help pages in content/ are not valid");
  std::sort(library.pages_.begin(), library.pages_.end(),
            [](const HelpPage& a, const HelpPage& b) { return a.title < b.title; });
  return library;
}

const HelpPage* HelpLibrary::find(std::string_view slug) const {
  auto it = std::find_if(pages_.begin(), pages_.end(), [&](const HelpPage& p) { return p.slug == slug; });
  return it == pages_.end() ? nullptr : &*it;
}

std::vector<const HelpPage*> HelpLibrary::for_crime_type(std::string_view code) const {
  std::vector<const HelpPage*> out;
  for (const auto& page : pages_) {
    if (std::find(page.crime_types.begin(), page.crime_types.end(), code) != page.crime_types.end()) out.push_back(&page);
  }
  for (const auto& page : pages_) {
    if (page.crime_types.empty()) out.push_back(&page);
  }
  return out;
}

const std::vector<std::pair<std::string_view, std::string_view>>& shipped_help_files() { return kHelpFiles; }

Result<HelpLibrary> load_shipped_help() { return HelpLibrary::from_files(kHelpFiles); }

const HelpLibrary& shipped_help() {
  static const HelpLibrary library = [] {
    auto loaded = load_shipped_help();
    if (!loaded) {
      std::string what = loaded.error().message;
      for (const auto& f : loaded.error().fields) what += "; " + f.field + ": " + f.message;
      throw std::logic_error(what);
    }
    return std::move(*loaded);
  }();
  return library;
}

}  // namespace vg::app::content
