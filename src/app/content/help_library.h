// The self-help pages built into the binary from content/*.md: read and checked whole at start
// (every file's every problem, named by file), so an editor adds a page by adding a file.
// Never renders Markdown and never reads files at run time.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "app/content/help_page.h"
#include "domain/result.h"

namespace vg::app::content {

class HelpLibrary {
 public:
  // Pages from (file name, text) pairs; every problem of every file, each field error's field
  // prefixed with its file ("coping.md title"). Two files may not share a title.
  static Result<HelpLibrary> from_files(
      const std::vector<std::pair<std::string_view, std::string_view>>& files);

  // Every page, ordered by title.
  const std::vector<HelpPage>& pages() const { return pages_; }
  const HelpPage* find(std::string_view slug) const;
  // The pages for a crime type, then those for anyone (no crime type), each ordered by title.
  std::vector<const HelpPage*> for_crime_type(std::string_view code) const;

 private:
  std::vector<HelpPage> pages_;
};

// content/*.md as built in.
const std::vector<std::pair<std::string_view, std::string_view>>& shipped_help_files();
// The library they make; errors name the files. `serve` checks it before it listens.
Result<HelpLibrary> load_shipped_help();
// The same, read once. The unit tests prove the shipped files valid, so a failure here is a
// broken build: it throws std::logic_error with the problems.
const HelpLibrary& shipped_help();

}  // namespace vg::app::content
