// Markdown (CommonMark, Debian's cmark) to HTML in the GOV.UK Design System's classes, for the
// self-help pages. Safe mode only: raw HTML in the Markdown is never passed through, and links
// other than http(s), mailto:, tel: and paths on this site lose their target.
#pragma once

#include <string>
#include <string_view>

namespace vg::http::pages {

// The body's HTML: paragraphs, headings (## and ### become the page's section headings; a single
// # is treated as ##, the page's own heading being its title), bulleted and numbered lists,
// links, emphasis, block quotes (as inset text) and rules.
std::string markdown_html(std::string_view markdown);

}  // namespace vg::http::pages
