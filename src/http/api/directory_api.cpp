// The public read API under /api/v1 (Open Referral UK 3.0 plus HSDS 3.0 /organizations).
// docs/api/openapi.yaml describes exactly these routes; tests/unit/http/api/openapi_routes_test.cpp
// keeps the two in step.
// Every handler reads its query through api_query.h, whose one table says which parameters each
// endpoint takes; anything else, even on a /{id} route, is a 400 naming it, never ignored.
#include <spdlog/spdlog.h>

#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/api/api_query.h"
#include "http/api/json_splice.h"
#include "http/api/response_cache.h"
#include "http/problem.h"
#include "http/routes.h"

namespace vg::http {
namespace {

using api::JsonKind;

constexpr std::string_view kProfileUrl =
    "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md";

Response bad_document(std::string_view kind, const std::string& id) {
  // Documents are validated when written, so this is a bug or a damaged row; ids are not
  // personal data, so the log names the record.
  spdlog::error("stored {} document {} is not a JSON object", kind, id);
  return problem_response(Error{"internal", "A stored record could not be read", {}});
}

Response not_found_response(std::string_view what) {
  return problem_response(not_found(std::string(what)).error());
}

Response root_document(const AppContext& ctx, const Request& req) {
  if (auto checked = api::check_record_query(req.query, api::Endpoint::kRoot); !checked) {
    return problem_response(checked.error());
  }
  std::string base = ctx.settings.public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string body = "{\"version\":\"HSDS-UK-3.0\",\"profile\":";
  api::append_json_string(body, kProfileUrl);
  body.append(",\"openapi_url\":");
  api::append_json_string(body, base + "/api/openapi.yaml");
  body.push_back('}');
  return json_response(200, std::move(body));
}

// Records whose `document` is served as stored, inside the page envelope.
template <typename Record>
Response whole_document_page(const directory::PageOf<Record>& page, const api::Paging& paging,
                             std::string_view kind) {
  std::size_t bytes = 256;
  for (const auto& r : page.items) bytes += r.document.size() + 1;
  std::string body;
  body.reserve(bytes);
  api::open_page(body, api::page_meta(page.total_items, paging.page, paging.per_page,
                                      static_cast<std::int64_t>(page.items.size())));
  bool first = true;
  for (const auto& r : page.items) {
    if (!first) body.push_back(',');
    first = false;
    // Not parsed here, but a document that is not an object must never reach a client.
    if (!api::for_each_member(r.document, [](auto, auto, auto) { return true; })) {
      return bad_document(kind, r.id);
    }
    body.append(r.document);
  }
  api::close_page(body);
  return json_response(200, std::move(body));
}

// Filters that need the postcode lookup are checked before searching, so a postcode we cannot
// place gives a clear 400 instead of results for everywhere. `resolved` gets the resolution, so
// the search need not look the postcode up again.
std::optional<Response> check_postcode(AppContext& ctx, const std::string& postcode,
                                       std::optional<app::PostcodeResolution>& resolved) {
  if (postcode.empty()) return std::nullopt;
  auto resolution = ctx.directory.resolve_postcode(postcode);
  if (!resolution) return problem_response(resolution.error());
  std::string code;
  std::string message;
  switch (resolution->status) {
    case app::PostcodeStatus::kResolved:
      resolved = std::move(*resolution);
      return std::nullopt;
    case app::PostcodeStatus::kMalformed:
      code = "malformed";
      message = "postcode must be a full UK postcode, like L1 8JQ";
      break;
    case app::PostcodeStatus::kNotFound:
      code = "unknown_postcode";
      message = "this postcode is not in the postcode lookup; filter by local_authority instead";
      break;
    case app::PostcodeStatus::kLookupNotLoaded:
      code = "postcode_lookup_unavailable";
      message = "postcodes cannot be looked up on this server; filter by local_authority instead";
      break;
  }
  return problem_response(validation_failed({FieldError{"postcode", code, message}},
                                            "One or more query parameters are not valid")
                              .error());
}

// The search a list endpoint's query asks for, or the 400 to send instead; `postcode` gets the
// postcode's resolution when one was given.
std::expected<app::ServiceSearch, Response> service_search(
    AppContext& ctx, const Request& req, api::Endpoint endpoint,
    std::optional<app::PostcodeResolution>& postcode) {
  auto search = api::parse_service_search(req.query, endpoint);
  if (!search) return std::unexpected(problem_response(search.error()));
  if (auto bad = check_postcode(ctx, search->postcode, postcode)) {
    return std::unexpected(std::move(*bad));
  }
  return std::move(*search);
}

Response list_services(AppContext& ctx, Request& req) {
  std::optional<app::PostcodeResolution> postcode;
  auto search = service_search(ctx, req, api::Endpoint::kServices, postcode);
  if (!search) return std::move(search.error());
  auto result = postcode ? ctx.directory.search_services(*search, *postcode)
                         : ctx.directory.search_services(*search);
  if (!result) return problem_response(result.error());
  const auto& items = result->page.items;

  std::size_t bytes = 256;
  for (const auto& hit : items) {
    bytes += (hit.list_item() != nullptr ? hit.list_item()->size() : hit->document.size()) + 1;
  }
  std::string body;
  body.reserve(bytes);
  api::open_page(body, api::page_meta(result->page.total_items, search->page, search->per_page,
                                      static_cast<std::int64_t>(items.size())));
  bool first = true;
  for (const auto& hit : items) {
    if (!first) body.push_back(',');
    first = false;
    // The index made these bytes with append_service_list_item when it was built.
    if (const std::string* item = hit.list_item()) {
      body.append(*item);
    } else if (!api::append_service_list_item(body, hit->document)) {
      return bad_document("service", hit->id);
    }
  }
  api::close_page(body);
  return json_response(200, std::move(body));
}

Response get_service(AppContext& ctx, Request& req) {
  if (auto checked = api::check_record_query(req.query, api::Endpoint::kService); !checked) {
    return problem_response(checked.error());
  }
  auto id = req.path_param("id");
  // Ids are UUIDs; anything else cannot name a record, so it is unknown without asking the store.
  if (!api::is_uuid(id)) return not_found_response("The service");
  auto service = ctx.directory.get_service(id);
  if (!service) return problem_response(service.error());
  return json_response(200, std::move(service->document));
}

// A service-at-location list item: the stored service_at_location (id, service_id, location_id,
// location) plus `service` in the service_list shape, as compiled/service_at_location_list.json
// describes, so a client can show what is offered where without a second call.
bool append_sal_list_item(std::string& out, const app::ServiceAtLocationRecord& sal,
                          const std::string* service_document) {
  auto mark = out.size();
  out.push_back('{');
  bool first = true;
  bool ok = api::append_members(out, sal.document, first, [&](std::string_view key, JsonKind) {
    return service_document == nullptr || key != "service";
  });
  if (ok && service_document != nullptr) {
    out.append(first ? "\"service\":" : ",\"service\":");
    ok = api::append_service_list_item(out, *service_document);
  }
  if (!ok) {
    out.resize(mark);
    return false;
  }
  out.push_back('}');
  return true;
}

Response list_service_at_locations(AppContext& ctx, Request& req) {
  std::optional<app::PostcodeResolution> postcode;
  auto search = service_search(ctx, req, api::Endpoint::kServiceAtLocations, postcode);
  if (!search) return std::move(search.error());
  auto page = ctx.directory.search_service_at_locations(*search);
  if (!page) return problem_response(page.error());

  std::string body;
  api::open_page(body, api::page_meta(page->total_items, search->page, search->per_page,
                                      static_cast<std::int64_t>(page->items.size())));
  bool first = true;
  // A page rarely holds the same service twice, but when it does one read is enough.
  std::string last_service_id;
  std::string last_service_document;
  for (const auto& sal : page->items) {
    if (!first) body.push_back(',');
    first = false;
    const std::string* service_document = nullptr;
    if (sal.service_id == last_service_id && !last_service_id.empty()) {
      service_document = &last_service_document;
    } else if (auto service = ctx.directory.get_service(sal.service_id)) {
      last_service_id = sal.service_id;
      last_service_document = std::move(service->document);
      service_document = &last_service_document;
    } else if (service.error().code != "not_found") {
      return problem_response(service.error());
    }
    if (!append_sal_list_item(body, sal, service_document)) {
      return bad_document("service_at_location", sal.id);
    }
  }
  api::close_page(body);
  return json_response(200, std::move(body));
}

// ORUK 3.0 answers /service_at_locations/{id} with the compiled *service* schema (see
// data/hsds/ORUK-CHECKS.md §2, §5): so the body is the service as offered at this location —
// the service_at_location's own members (its id, service_id, location_id, location) followed by
// every member of the fully nested service that the service_at_location does not already have.
Response get_service_at_location(AppContext& ctx, Request& req) {
  if (auto checked = api::check_record_query(req.query, api::Endpoint::kServiceAtLocation);
      !checked) {
    return problem_response(checked.error());
  }
  auto id = req.path_param("id");
  if (!api::is_uuid(id)) return not_found_response("The service at location");
  auto sal = ctx.directory.get_service_at_location(id);
  if (!sal) return problem_response(sal.error());
  auto service = ctx.directory.get_service(sal->service_id);
  if (!service) {
    // A service-at-location without its service cannot be served in the service shape.
    if (service.error().code == "not_found") return not_found_response("The service at location");
    return problem_response(service.error());
  }

  std::vector<std::string_view> sal_keys;
  std::string body;
  body.reserve(sal->document.size() + service->document.size() + 2);
  body.push_back('{');
  bool first = true;
  bool ok = api::append_members(body, sal->document, first, [&](std::string_view key, JsonKind) {
    sal_keys.push_back(key);
    return true;
  });
  ok = ok && api::append_members(body, service->document, first,
                                 [&](std::string_view key, JsonKind) {
                                   for (auto k : sal_keys) {
                                     if (k == key) return false;
                                   }
                                   return true;
                                 });
  if (!ok) return bad_document("service_at_location", sal->id);
  body.push_back('}');
  return json_response(200, std::move(body));
}

template <typename Get>
Response single_document(Request& req, api::Endpoint endpoint, std::string_view what, Get&& get) {
  if (auto checked = api::check_record_query(req.query, endpoint); !checked) {
    return problem_response(checked.error());
  }
  auto id = req.path_param("id");
  if (!api::is_uuid(id)) return not_found_response(std::string(what));
  auto record = get(id);
  if (!record) return problem_response(record.error());
  return json_response(200, std::move(record->document));
}

}  // namespace

void add_directory_api_routes(Router& router, AppContext& ctx) {
  AppContext* c = &ctx;
  // /services writes each item exactly as append_service_list_item would, so the index makes
  // them once per directory version instead of once per search (routes are added before the
  // server takes its first request).
  ctx.directory.set_list_item_renderer(
      [](const app::ServiceRecord& s) { return api::service_list_item(s.document); });
  // Every GET below is a pure read of the directory: the same target gives the same answer until
  // the directory changes (see api::ResponseCache for how long another process's write takes).
  const int cache_seconds = ctx.settings.api_cache_seconds;
  auto cache = std::make_shared<api::ResponseCache>(4096, std::chrono::seconds(cache_seconds));
  auto add = [&router, cache, cache_seconds, c](std::string_view path,
                                                std::function<Response(Request&)> handler) {
    if (cache_seconds <= 0) {
      router.add("GET", std::string(path), Guard::everyone(), std::move(handler));
      return;
    }
    router.add("GET", std::string(path), Guard::everyone(), [cache, c, handler = std::move(handler)](Request& r) {
      const auto generation = c->directory.generation();
      const auto now = api::ResponseCache::Clock::now();
      auto hit = cache->get(r.target, generation, now);
      if (hit.body && !hit.refresh) return json_response(200, *hit.body);
      Response response = handler(r);
      if (response.status == 200) {
        cache->put(r.target, response.body, generation, now);
      } else if (hit.body && response.status >= 500) {
        // The database is struggling: keep answering with what we had, and try again later.
        cache->put(r.target, *hit.body, generation, now);
        return json_response(200, *hit.body);
      }
      return response;
    });
  };

  // The ORUK validator asks for its base URL itself, with or without the slash.
  add("/api/v1/", [c](Request& r) { return root_document(*c, r); });
  router.add("GET", "/api/v1", Guard::everyone(), [c](Request& r) { return root_document(*c, r); });

  add("/api/v1/services", [c](Request& r) { return list_services(*c, r); });
  add("/api/v1/services/{id}", [c](Request& r) { return get_service(*c, r); });

  add("/api/v1/service_at_locations",
             [c](Request& r) { return list_service_at_locations(*c, r); });
  add("/api/v1/service_at_locations/{id}",
             [c](Request& r) { return get_service_at_location(*c, r); });

  add("/api/v1/organizations", [c](Request& r) {
    auto paging = api::parse_paging(r.query, api::Endpoint::kOrganizations);
    if (!paging) return problem_response(paging.error());
    auto page = c->directory.list_organizations({paging->page, paging->per_page});
    if (!page) return problem_response(page.error());
    // The organization_list shape holds one-to-one fields only.
    std::string body;
    api::open_page(body, api::page_meta(page->total_items, paging->page, paging->per_page,
                                        static_cast<std::int64_t>(page->items.size())));
    bool first = true;
    for (const auto& o : page->items) {
      if (!first) body.push_back(',');
      first = false;
      auto mark = body.size();
      body.push_back('{');
      bool first_member = true;
      if (!api::append_members(body, o.document, first_member, [](std::string_view, JsonKind k) {
            return k != JsonKind::kArray && k != JsonKind::kObject;
          })) {
        body.resize(mark);
        return bad_document("organization", o.id);
      }
      body.push_back('}');
    }
    api::close_page(body);
    return json_response(200, std::move(body));
  });
  add("/api/v1/organizations/{id}", [c](Request& r) {
    return single_document(r, api::Endpoint::kOrganization, "The organization",
                           [c](const std::string& id) {
                             return c->directory.get_organization(id);
                           });
  });

  add("/api/v1/taxonomies", [c](Request& r) {
    auto paging = api::parse_paging(r.query, api::Endpoint::kTaxonomies);
    if (!paging) return problem_response(paging.error());
    auto page = c->directory.list_taxonomies({paging->page, paging->per_page});
    if (!page) return problem_response(page.error());
    return whole_document_page(*page, *paging, "taxonomy");
  });
  add("/api/v1/taxonomies/{id}", [c](Request& r) {
    return single_document(r, api::Endpoint::kTaxonomy, "The taxonomy",
                           [c](const std::string& id) { return c->directory.get_taxonomy(id); });
  });

  add("/api/v1/taxonomy_terms", [c](Request& r) {
    auto query = api::parse_taxonomy_term_list(r.query);
    if (!query) return problem_response(query.error());
    auto page = c->directory.list_taxonomy_terms(
        query->taxonomy_id, {query->paging.page, query->paging.per_page});
    if (!page) return problem_response(page.error());
    return whole_document_page(*page, query->paging, "taxonomy_term");
  });
  add("/api/v1/taxonomy_terms/{id}", [c](Request& r) {
    return single_document(r, api::Endpoint::kTaxonomyTerm, "The taxonomy term",
                           [c](const std::string& id) {
                             return c->directory.get_taxonomy_term(id);
                           });
  });
}

}  // namespace vg::http
