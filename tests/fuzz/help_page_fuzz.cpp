// Fuzz target for a self-help page's reader (front matter and body, app/content/help_page.h) and
// its Markdown rendering: an editor's file must never crash the start. No crash; a refusal names
// its fields with messages; an accepted page has a title, a summary and links only to the
// directory search, and its HTML holds no raw markup from the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "app/content/help_page.h"
#include "http/pages/markdown_html.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto page = vg::app::content::parse_help_page("fuzzed-page.md", text);
  if (!page) {
    if (page.error().fields.empty()) std::abort();
    for (const auto& f : page.error().fields) {
      if (f.field.empty() || f.message.empty()) std::abort();
    }
    return 0;
  }
  if (page->title.empty() || page->summary.empty() || page->slug != "fuzzed-page") std::abort();
  for (const auto& [name, value] : page->search) {
    if (name != "crime_type" && name != "keywords") std::abort();
    if (value.empty()) std::abort();
  }
  const std::string html = vg::http::pages::markdown_html(page->markdown);
  // Words such as "javascript:" may stand in the text; never as markup or a link's target.
  if (html.find("<script") != std::string::npos || html.find("href=\"javascript:") != std::string::npos) std::abort();
  return 0;
}
