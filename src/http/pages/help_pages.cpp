// The self-help pages (/help and /help/{slug}): the content directory's pages as read at start
// (AppContext::help), each page's Markdown rendered once, as the routes are added, into the
// GOV.UK layout, with a link to the matching directory search. Every help page's browser title
// is the same neutral "Help and advice", so tabs and history do not say which crime a person
// read about.
#include <map>
#include <memory>
#include <string>

#include "app/content/help_library.h"
#include "http/pages/markdown_html.h"
#include "http/pages/page_data.h"
#include "http/routes.h"

namespace vg::http {
namespace {

namespace content = app::content;

constexpr std::string_view kNeutralTitle = "Help and advice";

// Each page's body as HTML, by slug.
using RenderedBodies = std::map<std::string, std::string, std::less<>>;

const content::HelpLibrary& library_of(const AppContext& ctx) {
  static const content::HelpLibrary kNone{};
  return ctx.help ? *ctx.help : kNone;
}

std::string search_href(const content::HelpPage& page) {
  std::string href = "/find-support";
  char separator = '?';
  for (const auto& [name, value] : page.search) {
    href += separator + name + "=" + pages::url_encode(value);
    separator = '&';
  }
  return href;
}

mustache::data page_item(const content::HelpPage& page) {
  mustache::data item;
  item.set("href", "/help/" + page.slug);
  item.set("title", page.title);
  item.set("summary", page.summary);
  return item;
}

Response help_index(AppContext& ctx) {
  auto data = pages::public_page(std::string(kNeutralTitle));
  mustache::data for_anyone{mustache::data::type::list};
  mustache::data after_a_crime{mustache::data::type::list};
  for (const auto& page : library_of(ctx).pages()) {
    (page.crime_types.empty() ? for_anyone : after_a_crime).push_back(page_item(page));
  }
  data.set("for_anyone", for_anyone);
  data.set("after_a_crime", after_a_crime);
  return pages::page_response(ctx, 200, "help_index", std::move(data));
}

Response help_page(Request& request, AppContext& ctx, const RenderedBodies& bodies) {
  const std::string slug = request.path_params["slug"];
  const content::HelpPage* page = library_of(ctx).find(slug);
  if (page == nullptr) return pages::not_found_page(ctx);
  auto data = pages::public_page(std::string(kNeutralTitle));
  data.set("back_href", "/help");
  data.set("heading", page->title);
  data.set("body_html", bodies.find(slug)->second);
  data.set("search_href", search_href(*page));
  return pages::page_response(ctx, 200, "help_page", std::move(data));
}

}  // namespace

void add_help_pages(Router& router, AppContext& ctx) {
  auto bodies = std::make_shared<RenderedBodies>();
  for (const auto& page : library_of(ctx).pages()) (*bodies)[page.slug] = pages::markdown_html(page.markdown);
  router.add("GET", "/help", Guard::everyone(), [&ctx](Request&) { return help_index(ctx); });
  router.add("GET", "/help/{slug}", Guard::everyone(),
             [&ctx, bodies](Request& request) { return help_page(request, ctx, *bodies); });
}

}  // namespace vg::http
