#include "http/pages/markdown_html.h"

#include <cmark.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <utility>

namespace vg::http::pages {
namespace {

// cmark's own tags, and what the GOV.UK Design System writes for each. cmark escapes every
// character of text and attribute values, so these strings occur in its output only as tags.
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kTags{{
    {"<p>", "<p class=\"govuk-body\">"},
    {"<h1>", "<h2 class=\"govuk-heading-m\">"},
    {"</h1>", "</h2>"},
    {"<h2>", "<h2 class=\"govuk-heading-m\">"},
    {"<h3>", "<h3 class=\"govuk-heading-s\">"},
    {"<h4>", "<h4 class=\"govuk-heading-s\">"},
    {"<h5>", "<h4 class=\"govuk-heading-s\">"},
    {"</h5>", "</h4>"},
    {"<h6>", "<h4 class=\"govuk-heading-s\">"},
    {"</h6>", "</h4>"},
    {"<ul>", "<ul class=\"govuk-list govuk-list--bullet\">"},
    {"<ol>", "<ol class=\"govuk-list govuk-list--number\">"},
    {"<ol start=", "<ol class=\"govuk-list govuk-list--number\" start="},
    {"<a href=", "<a class=\"govuk-link\" href="},
    {"<blockquote>", "<div class=\"govuk-inset-text\">"},
    {"</blockquote>", "</div>"},
    {"<hr />", "<hr class=\"govuk-section-break govuk-section-break--m govuk-section-break--visible\">"},
    {"<img ", "<img class=\"app-help-image\" "},
    {"<!-- raw HTML omitted -->", ""},
}};

// Links cmark keeps in safe mode but this site does not follow: anything that is not http(s),
// mailto:, tel:, a path on this site or a fragment. Their href is emptied ("#").
bool allowed_href(std::string_view href) {
  return href.starts_with("https://") || href.starts_with("http://") || href.starts_with("mailto:") ||
         href.starts_with("tel:") || (href.starts_with('/') && !href.starts_with("//")) ||
         href.starts_with('#');
}

void neuter_links(cmark_node* root) {
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(root), cmark_iter_free);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (event != CMARK_EVENT_ENTER) continue;
    const auto type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(node);
      if (url == nullptr || !allowed_href(url)) cmark_node_set_url(node, "#");
    }
  }
}

}  // namespace

std::string markdown_html(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is safe mode in cmark 0.30 (raw HTML and dangerous URLs left out).
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> root(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8),
      cmark_node_free);
  if (!root) return {};
  neuter_links(root.get());
  std::unique_ptr<char, decltype(&std::free)> rendered(cmark_render_html(root.get(), CMARK_OPT_DEFAULT),
                                                      std::free);
  std::string html = rendered ? std::string(rendered.get()) : std::string();
  std::string out;
  out.reserve(html.size() + html.size() / 4);
  for (std::size_t at = 0; at < html.size();) {
    bool replaced = false;
    if (html[at] == '<') {
      for (const auto& [tag, govuk] : kTags) {
        if (std::string_view(html).substr(at, tag.size()) == tag) {
          out += govuk;
          at += tag.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += html[at++];
  }
  return out;
}

}  // namespace vg::http::pages
