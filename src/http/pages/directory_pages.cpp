// The public directory: start page, search with filters, a page per service, and the footer's
// accessibility statement and privacy notice. Nothing here asks for or stores who is searching.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/directory/local_authorities.h"
#include "domain/text/control_characters.h"
#include "http/pages/form_components.h"
#include "http/pages/page_data.h"
#include "http/pages/service_fragments.h"
#include "http/pages/service_page_data.h"
#include "http/routes.h"

namespace vg::http {
namespace {

using pages::public_page;
using pages::service_data;
using pages::set_text;

// The results list's items, kept per service while it reads the same. One per process: what is
// kept depends only on the service's view and the templates, which are the process's own.
pages::ServiceFragments& result_items() {
  static pages::ServiceFragments fragments;
  return fragments;
}

// One service's item in the results list (partials/result_item), ending in its line break.
std::shared_ptr<const std::string> result_item(AppContext& ctx, const app::ServiceHit& hit) {
  const app::ServiceRecord& record = hit;
  return result_items().get(record.id, ctx.directory.view_key(hit), [&ctx, &record] {
    return ctx.pages.render_fragment("partials/result_item", service_data(ctx.directory.view_of(record)));
  });
}


constexpr int kResultsPerPage = 10;
constexpr std::string_view kSearchSection = "Find support after a crime";

// What the search form holds, exactly as the person gave it (shown back to them).
struct SearchForm {
  std::vector<std::string> crime_types;
  std::string local_authority;
  std::string postcode;
  std::string keywords;
  int page = 1;
};

std::string trimmed(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

SearchForm read_search_form(const Request& request) {
  SearchForm form;
  for (auto& code : request.query_params("crime_type")) {
    if (!code.empty()) form.crime_types.push_back(std::move(code));
  }
  // What is shown back in the form never carries a NUL, other controls or bidi overrides.
  auto typed = [&request](std::string_view name) {
    return trimmed(text::without_controls(request.query_param(name).value_or("")));
  };
  form.local_authority = typed("local_authority");
  form.postcode = typed("postcode");
  form.keywords = typed("keywords");
  // Keep inputs bounded: nobody types a 200-character search.
  if (form.keywords.size() > 200) form.keywords.resize(200);
  if (form.postcode.size() > 16) form.postcode.resize(16);
  auto page = request.query_param("page").value_or("1");
  try {
    form.page = std::clamp(std::stoi(page), 1, 10000);
  } catch (...) {
    form.page = 1;
  }
  return form;
}

// The query string for this search on another page, for pagination links.
std::string search_href(const SearchForm& form, int page) {
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& code : form.crime_types) params.emplace_back("crime_type", code);
  if (!form.local_authority.empty()) params.emplace_back("local_authority", form.local_authority);
  if (!form.postcode.empty()) params.emplace_back("postcode", form.postcode);
  if (!form.keywords.empty()) params.emplace_back("keywords", form.keywords);
  if (page > 1) params.emplace_back("page", std::to_string(page));
  std::string href = "/find-support";
  char sep = '?';
  for (const auto& [k, v] : params) {
    href += sep;
    href += k + "=" + pages::url_encode(v);
    sep = '&';
  }
  return href;
}

// GOV.UK pagination: previous/next plus numbered pages around the current one, with ellipses.
mustache::data pagination_data(const SearchForm& form, int current, int total_pages) {
  mustache::data p;
  p.set("show", total_pages > 1);
  p.set("has_previous", current > 1);
  p.set("previous_href", search_href(form, current - 1));
  p.set("has_next", current < total_pages);
  p.set("next_href", search_href(form, current + 1));
  // At most first, last, three around the current one and two gaps.
  mustache::data items = pages::list_with_room(7);
  int last_shown = 0;
  for (int n = 1; n <= total_pages; ++n) {
    const bool shown = n == 1 || n == total_pages || (n >= current - 1 && n <= current + 1);
    if (!shown) continue;
    if (last_shown != 0 && n > last_shown + 1) {
      mustache::data gap;
      gap.set("ellipsis", true);
      pages::append(items, std::move(gap));
    }
    mustache::data item;
    item.set("number", std::to_string(n));
    item.set("href", search_href(form, n));
    item.set("current", n == current);
    pages::append(items, std::move(item));
    last_shown = n;
  }
  p["items"] = std::move(items);
  return p;
}

// The crime-type checkboxes (partials/crime_type_checkbox), each rendered ticked and not, once
// per taxonomy: the taxonomy changes rarely, and building and rendering thirty checkboxes' data
// was a fifth of a results page's time.
struct CrimeTypeBoxes {
  const PageRenderer* renderer = nullptr;
  std::shared_ptr<const app::TaxonomyIndex> taxonomy;  // what they were made from
  struct Box {
    std::string code;
    std::string unticked;
    std::string ticked;
  };
  std::vector<Box> boxes;
};

std::shared_ptr<const CrimeTypeBoxes> crime_type_boxes(AppContext& ctx) {
  static std::mutex mutex;
  static std::shared_ptr<const CrimeTypeBoxes> kept;
  auto taxonomy = ctx.directory.taxonomy();
  {
    std::lock_guard lock(mutex);
    if (kept && kept->taxonomy == taxonomy && kept->renderer == &ctx.pages) return kept;
  }
  auto made = std::make_shared<CrimeTypeBoxes>();
  made->renderer = &ctx.pages;
  made->taxonomy = taxonomy;
  auto terms = ctx.directory.terms_in_group("crime_type");
  if (!terms) return made;  // the search still works by area and keywords; tried again next time
  int index = 0;
  for (const auto& term : *terms) {
    mustache::data item;
    // The first checkbox carries the group's id, so the error summary can link to it.
    item.set("id", index == 0 ? std::string("crime_type") : "crime_type-" + std::to_string(index));
    item.set("value", term.code);
    item.set("label", term.name);
    CrimeTypeBoxes::Box box{term.code, {}, {}};
    for (const bool ticked : {false, true}) {
      item.set("checked", ticked);
      (ticked ? box.ticked : box.unticked) =
          ctx.pages.render_fragment("partials/crime_type_checkbox", item);
    }
    made->boxes.push_back(std::move(box));
    ++index;
  }
  std::lock_guard lock(mutex);
  kept = made;
  return made;
}

// The crime-type checkboxes for this form, each ending in its line break, ticked as the form asks. The
// search template takes them, and the results, as one string each (crime_type_boxes,
// result_items): building a list of items for the template was most of the page's own time.
std::string crime_type_boxes_html(AppContext& ctx, const SearchForm& form) {
  const auto boxes = crime_type_boxes(ctx);
  std::string html;
  for (const auto& box : boxes->boxes) {
    const bool ticked =
        std::find(form.crime_types.begin(), form.crime_types.end(), box.code) != form.crime_types.end();
    html += ticked ? box.ticked : box.unticked;
  }
  return html;
}

// The area list's <optgroup>s (partials/option_groups) with `current` chosen, rendered once for
// each area that can be chosen: the list is fixed, and its data was a tenth of a page's time.
std::string area_options(AppContext& ctx, const std::string& current) {
  static std::mutex mutex;
  static std::map<std::pair<const PageRenderer*, std::string>, std::string> kept;
  const auto& groups = pages::local_authority_groups();
  // Anything that is not an area in the list chooses none, as the empty value does.
  bool listed = false;
  for (const auto& g : groups) {
    for (const auto& option : g.options) listed = listed || option.first == current;
  }
  const std::pair<const PageRenderer*, std::string> key{&ctx.pages, listed ? current : ""};
  {
    std::lock_guard lock(mutex);
    if (auto found = kept.find(key); found != kept.end()) return found->second;
  }
  mustache::data data;
  data["groups"] = pages::option_groups(groups, key.second);
  std::string html = ctx.pages.render_fragment("partials/option_groups", std::move(data));
  std::lock_guard lock(mutex);
  return kept.emplace(key, std::move(html)).first->second;
}

std::string area_name(const std::string& code) {
  const auto* la = app::find_local_authority(code);
  return la != nullptr ? la->name : std::string();
}

Response start_page(Request&, AppContext& ctx) {
  auto page = public_page(std::string(kSearchSection));
  return pages::page_response(ctx, 200, "start", std::move(page));
}

Response search_page(Request& request, AppContext& ctx) {
  const SearchForm form = read_search_form(request);
  auto page = public_page("Search for support", std::string(kSearchSection));

  mustache::data values;
  values.set("keywords", form.keywords);
  values.set("postcode", form.postcode);
  page.set("form", values);
  page.set("crime_type_boxes", crime_type_boxes_html(ctx, form));
  // Local authorities grouped by police force area, in the order the directory lists them.
  page.set("area_options", area_options(ctx, form.local_authority));
  // The postcode box only where a postcode can be placed: until the operator loads the ONS
  // lookup (docs/operations.md) the search asks for the area by name. A store hiccup here hides
  // the box rather than failing the page: searching by area still works.
  const bool postcode_search = ctx.directory.postcode_search_available().value_or(false);
  page.set("postcode_search", postcode_search);
  // On a phone the filters are folded away behind "Show filters"; it says how many are in use,
  // so nobody takes a filtered list for everything.
  const auto chosen = form.crime_types.size() + (form.local_authority.empty() ? 0 : 1) +
                      (form.postcode.empty() ? 0 : 1) + (form.keywords.empty() ? 0 : 1);
  page.set("has_chosen_filters", chosen > 0);
  page.set("chosen_filters", std::to_string(chosen));

  app::ServiceSearch search;
  search.text = form.keywords;
  search.crime_types = form.crime_types;
  if (!form.local_authority.empty()) search.local_authorities.push_back(form.local_authority);
  search.postcode = form.postcode;
  search.page = form.page;
  search.per_page = kResultsPerPage;

  std::vector<FieldError> errors;
  // A postcode we could not place: say why, and do not show results for the wrong area.
  auto postcode_problem = [&](app::PostcodeStatus status) {
    switch (status) {
      case app::PostcodeStatus::kMalformed:
        errors.push_back({"postcode", "malformed", "Enter a full UK postcode, like L1 8JQ"});
        break;
      case app::PostcodeStatus::kNotFound:
        errors.push_back({"postcode", "not_found",
                          "We could not find that postcode. Check it, or choose your area from "
                          "the list instead"});
        break;
      case app::PostcodeStatus::kLookupNotLoaded:
        errors.push_back({"postcode", "unavailable",
                          "Searching by postcode is not available at the moment. Choose your "
                          "area from the list instead"});
        break;
      case app::PostcodeStatus::kResolved:
        break;
    }
  };

  auto result = ctx.directory.search_services(search);
  if (!result) {
    if (result.error().code != "validation_failed") return pages::server_error_page(ctx);
    for (const auto& field : result.error().fields) {
      if (field.field == "postcode") {
        postcode_problem(app::PostcodeStatus::kMalformed);
      } else if (field.field == "local_authority") {
        errors.push_back({"local_authority", field.code, "Choose an area from the list"});
      } else if (field.field == "crime_type") {
        errors.push_back({"crime_type", field.code, "Choose a type of crime from the list"});
      } else {
        errors.push_back({"keywords", field.code, field.message});
      }
    }
    if (errors.empty()) errors.push_back({"keywords", "invalid", result.error().message});
  } else if (result->postcode) {
    postcode_problem(result->postcode->status);
    if (result->postcode->status == app::PostcodeStatus::kResolved) {
      set_text(page, "postcode_area", area_name(result->postcode->lad_code));
      page.set("postcode_normalised", result->postcode->normalised);
      page.set("postcode_illustrative", result->postcode->illustrative);
    }
  }

  if (!errors.empty()) {
    // The error summary links into the filters: they must be open to be reached.
    page.set("filters_open", true);
    // With no postcode box (a shared link from before, or a hand-made address), the way on is
    // the area list.
    pages::add_field_errors(page, errors,
                            {{"postcode", postcode_search ? "postcode" : "local_authority"}});
    page.set("show_results", false);
    return pages::page_response(ctx, 200, "search", std::move(page));
  }

  const auto& found = result->page;
  const auto total = found.total_items;
  const int total_pages =
      static_cast<int>(std::max<std::int64_t>(1, (total + kResultsPerPage - 1) / kResultsPerPage));
  std::string items;
  for (const auto& hit : found.items) items += *result_item(ctx, hit);
  page.set("show_results", true);
  page.set("result_items", std::move(items));
  page.set("has_results", total > 0);
  page.set("result_count", total == 1 ? std::string("1 service")
                                      : std::to_string(total) + " services");
  page["pagination"] = pagination_data(form, std::min(form.page, total_pages), total_pages);
  if (form.page > 1) {
    page.set("page_title", "Search for support (page " + std::to_string(form.page) + " of " +
                               std::to_string(total_pages) + ")");
  }
  return pages::page_response(ctx, 200, "search", std::move(page));
}

// A service page's content (partials/service_details), kept per service as the results' items
// are: it reads only the service.
pages::ServiceFragments& service_details() {
  static pages::ServiceFragments fragments;
  return fragments;
}

Response service_page(Request& request, AppContext& ctx) {
  auto record = ctx.directory.get_public_service(request.path_param("id"));
  if (!record) {
    if (record.error().code == "not_found" || record.error().code == "validation_failed") {
      return pages::not_found_page(ctx);
    }
    return pages::server_error_page(ctx);
  }
  const auto html = service_details().get(record->id, ctx.directory.view_key(*record), [&] {
    mustache::data details;
    details["service"] = service_data(ctx.directory.view_of(*record));
    return ctx.pages.render_fragment("partials/service_details", std::move(details));
  });
  // One title for every service: a tab list or browser history naming a rape crisis centre or a
  // domestic abuse service can put the person who looked at it in danger.
  auto page = public_page("Support service");
  page.set("back_href", "/find-support");
  return pages::page_response_around(ctx, 200, *html, std::move(page));
}

Response accessibility_page(Request&, AppContext& ctx) {
  return pages::page_response(ctx, 200, "accessibility",
                              public_page("Accessibility statement"));
}

Response privacy_page(Request&, AppContext& ctx) {
  return pages::page_response(ctx, 200, "privacy", public_page("Privacy notice"));
}

// Linked from every public page: searches stay in the address (they work without JavaScript
// and can be shared), so people are told how to keep their visit from others.
Response cover_your_tracks_page(Request&, AppContext& ctx) {
  return pages::page_response(ctx, 200, "cover_your_tracks", public_page("Cover your tracks online"));
}

}  // namespace

void add_public_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  router.add("GET", "/", Guard::everyone(), bind(start_page));
  router.add("GET", "/find-support", Guard::everyone(), bind(search_page));
  router.add("GET", "/find-support/services/{id}", Guard::everyone(), bind(service_page));
  router.add("GET", "/accessibility", Guard::everyone(), bind(accessibility_page));
  router.add("GET", "/privacy", Guard::everyone(), bind(privacy_page));
  router.add("GET", "/cover-your-tracks", Guard::everyone(), bind(cover_your_tracks_page));
}

}  // namespace vg::http
