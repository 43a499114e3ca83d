// A self-help page as an editor writes it: a Markdown file in content/ that opens with front
// matter (title, summary, the crime types and needs it is for, the directory search it links to).
// Reading one never throws on bad input and never renders it: Markdown becomes HTML at the edge.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"

namespace vg::app::content {

struct HelpPage {
  std::string slug;     // from the file name: "coping-after-a-burglary" (served at /help/<slug>)
  std::string title;    // the page's heading; the browser's title stays neutral
  std::string summary;  // one or two sentences for the index
  std::vector<std::string> crime_types;  // crime-type term codes; empty: for anyone
  std::vector<std::string> needs;        // needs domain codes (domain/casework/needs.h)
  // The /find-support search the page links to, as (parameter, value) pairs.
  std::vector<std::pair<std::string, std::string>> search;
  std::string markdown;  // the body after the front matter
};

// Reads one content file named `file_name` ("coping-after-a-burglary.md"). Field errors name the
// front matter's key ("title", "crime_types"), "file_name" or "body"; every problem at once.
//
//   ---
//   title: Coping after a burglary
//   summary: What to do in the first days, and who can help.
//   crime_types: burglary_and_theft
//   needs: safety, finance
//   search: crime_type=burglary_and_theft
//   ---
//   Markdown...
Result<HelpPage> parse_help_page(std::string_view file_name, std::string_view text);

}  // namespace vg::app::content
