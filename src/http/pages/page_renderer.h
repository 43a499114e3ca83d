// Renders server-side HTML pages: a web/templates/*.mustache body inside the shared layout, with
// asset URLs from the build manifest. Never outputs data unescaped: templates use {{x}} for
// anything that came from a person or the database; {{{x}}} is only for HTML we rendered.
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "domain/result.h"
#include "http/pages/template_pool.h"

namespace vg::http {

namespace mustache = kainjow::mustache;

// Service names shown in the header and the <title>.
inline constexpr std::string_view kPublicServiceName = "Find support after a crime";
inline constexpr std::string_view kStaffServiceName = "Victim Gateway";

// Keys the layout reads from the data passed to render():
//   page_title   the page's own name, e.g. "Search results" (required)
//   section      optional middle part of the title, e.g. "Directory admin"
//   staff        true for signed-in staff pages (MoJ header, no Exit this page)
//   has_errors   true when a form has errors: the title gains "Error: "
//   user         {display_name, role_label, csrf_token} on staff pages, for the header
// The renderer adds: title, service_name, assets.{css,js,favicon}, content.
class PageRenderer {
 public:
  explicit PageRenderer(std::string web_root);

  // Reads every templates/*.mustache and static/build/manifest.json under the web root, once.
  // Fails when the templates are missing or invalid, or the assets were never built.
  Result<void> load();

  // Renders templates/<template_name>.mustache inside templates/layout.mustache. Files in
  // templates/partials/ are available to both as {{> partials/<name>}}. Throws std::logic_error for an unknown template
  // or a template error: both are programmer errors, caught by load() in normal use.
  std::string render(std::string_view template_name, mustache::data data) const;
  // The same around `content` already rendered from a template (a piece kept by the caller): the
  // layout only, with the same data.
  std::string render_around(std::string content, mustache::data data) const;

  // Renders one partial ("partials/assessment_panel") on its own, without the layout: a piece
  // of a page that scripts swap in. Same escaping rules as pages.
  std::string render_fragment(std::string_view partial_name, mustache::data data) const;

  // The hashed URL of a logical asset name ("application.css"); empty when unknown.
  std::string asset_url(std::string_view logical_name) const;

  // "Error: Page – Section – Service name" as the GOV.UK guidance writes titles.
  static std::string page_title(std::string_view page, std::string_view section,
                                std::string_view service_name, bool has_errors);

 private:
  // The layout around a public page's content, rendered once per title and Back link: it reads
  // nothing else on public pages, and rendering it was two fifths of a directory page's time.
  struct Frame {
    std::string before;  // up to the content
    std::string after;
  };
  struct Frames {
    std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const Frame>> by_key;
  };
  // Adds what the layout reads to `data`: service_name, title, assets.
  void add_layout_data(mustache::data& data) const;
  // The layout around `content`, with `data` as add_layout_data left it.
  std::string in_layout(std::string content, mustache::data& data) const;
  std::shared_ptr<const Frame> public_frame(const std::string& key, mustache::data& data) const;

  std::string web_root_;
  std::shared_ptr<Frames> frames_ = std::make_shared<Frames>();
  // Pages and the layout by stem, partials as "partials/<stem>"; shared by copies.
  std::shared_ptr<const TemplatePool> templates_;
  std::map<std::string, std::string, std::less<>> assets_;
};

}  // namespace vg::http
