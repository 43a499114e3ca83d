#include "app/content/help_library.h"

#include <algorithm>
#include <set>
#include <string>

#include "app/read_file.h"

namespace vg::app::content {

namespace {

// The line of `text` that sets front matter `key` ("title: ..."); 1 (the front matter's start)
// for a key it does not set, or a problem of the whole file.
int line_of(std::string_view text, std::string_view key) {
  int line = 1;
  int fences = 0;  // the front matter ends at its second "---": the body is not searched
  for (std::size_t at = 0; at < text.size() && fences < 2; ++line) {
    const auto end = std::min(text.find('\n', at), text.size());
    std::string_view l = text.substr(at, end - at);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    if (l.starts_with("---")) ++fences;
    if (!key.empty() && l.starts_with(key) && l.substr(key.size()).starts_with(':')) return line;
    at = end + 1;
  }
  return 1;
}

}  // namespace

HelpLoad HelpLibrary::collect(const std::vector<std::pair<std::string_view, std::string_view>>& files) {
  HelpLoad out;
  std::set<std::string, std::less<>> titles;
  for (const auto& [name, text] : files) {
    const auto slash = name.find_last_of('/');
    const std::string_view file = slash == std::string_view::npos ? name : name.substr(slash + 1);
    auto where = [&, text = text](const std::string& field) {
      return std::string(file) + ":" + std::to_string(line_of(text, field)) + " " + field;
    };
    auto page = parse_help_page(file, text);
    if (!page) {
      for (auto& f : page.error().fields) out.problems.push_back({where(f.field), f.code, f.message});
      continue;
    }
    if (!titles.insert(page->title).second) {
      out.problems.push_back({where("title"), "repeated", "Another page has the title " + page->title});
      continue;
    }
    out.library.pages_.push_back(std::move(*page));
  }
  std::sort(out.library.pages_.begin(), out.library.pages_.end(),
            [](const HelpPage& a, const HelpPage& b) { return a.title < b.title; });
  return out;
}

Result<HelpLibrary> HelpLibrary::from_files(
    const std::vector<std::pair<std::string_view, std::string_view>>& files) {
  auto loaded = collect(files);
  if (!loaded.problems.empty()) {
    return validation_failed(std::move(loaded.problems), "The help pages in content/ are not valid");
  }
  return std::move(loaded.library);
}

Result<HelpLoad> HelpLibrary::from_directory(const std::filesystem::path& directory) {
  std::error_code ec;
  std::vector<std::filesystem::path> paths;
  for (std::filesystem::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".md" && it->is_regular_file(ec)) paths.push_back(it->path());
  }
  if (ec) return not_found("The help pages' directory " + directory.string());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> names;
  std::vector<std::string> texts;
  std::vector<FieldError> unreadable;
  for (const auto& path : paths) {
    auto text = read_file(path);
    if (!text) {
      unreadable.push_back({path.filename().string() + ":1 file", "unreadable", text.error().message});
      continue;
    }
    names.push_back(path.filename().string());
    texts.push_back(std::move(*text));
  }
  std::vector<std::pair<std::string_view, std::string_view>> files;
  for (std::size_t i = 0; i < names.size(); ++i) files.emplace_back(names[i], texts[i]);
  auto out = collect(files);
  out.problems.insert(out.problems.end(), unreadable.begin(), unreadable.end());
  return out;
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

}  // namespace vg::app::content
