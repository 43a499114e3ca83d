// The self-help pages, content/*.md, read from a directory at start: an editor adds or changes a
// page by changing a file, with no new build. A file that does not hold is reported (file, line,
// problem) and skipped; the rest serve. Never renders Markdown and never reads files per request.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "app/content/help_page.h"
#include "domain/result.h"

namespace vg::app::content {

struct HelpLoad;

class HelpLibrary {
 public:
  // Pages from (file name, text) pairs; every problem of every file, each field error's field
  // prefixed with its file and line ("coping.md:2 title"). Two files may not share a title.
  static Result<HelpLibrary> from_files(
      const std::vector<std::pair<std::string_view, std::string_view>>& files);
  // Every *.md file directly in `directory`: the pages that hold, and the problems of those
  // skipped, each field named "file.md:line key" ("coping.md:2 title"). A title already taken
  // by a file earlier in name order is a problem of the later file. `not_found` when the
  // directory cannot be listed.
  static Result<HelpLoad> from_directory(const std::filesystem::path& directory);

  // Every page, ordered by title.
  const std::vector<HelpPage>& pages() const { return pages_; }
  const HelpPage* find(std::string_view slug) const;
  // The pages for a crime type, then those for anyone (no crime type), each ordered by title.
  std::vector<const HelpPage*> for_crime_type(std::string_view code) const;

 private:
  // The pages of `files` that hold, and every problem of the others, named as from_directory's.
  static HelpLoad collect(const std::vector<std::pair<std::string_view, std::string_view>>& files);

  std::vector<HelpPage> pages_;
};

struct HelpLoad {
  HelpLibrary library;
  std::vector<FieldError> problems;  // one per problem of each file skipped
};

}  // namespace vg::app::content
