// What page handlers share: the data every template reads (title, errors, the signed-in person),
// safe link targets for data from the directory, and the HTML responses pages send.
// Never puts anything in a link target that is not http(s), mailto: or tel: with digits only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/accounts/account_service.h"
#include "app/form_fields.h"
#include "domain/result.h"
#include "http/app_context.h"
#include "http/http_message.h"
#include "http/pages/page_renderer.h"

namespace vg::http::pages {

// A submitted form, read the same way here as by the use cases that take forms.
using app::FormFields;
using app::form_value;
using app::form_values;

// Appends `item` to the mustache list `list` without copying it: the template library's
// push_back copies an item and everything in it, which was a quarter of a results page's time.
// Items are moved only while the list has room (list_with_room): the library's items may throw
// when moved, so a growing list copies them all.
void append(mustache::data& list, mustache::data&& item);
// An empty mustache list with room for `count` items.
mustache::data list_with_room(std::size_t count);

// A public page: GOV.UK layout with Exit this page.
mustache::data public_page(std::string page_title, std::string section = {});
// A staff page: MoJ header with the person's name and a sign-out form carrying `csrf_token`.
mustache::data staff_page(std::string page_title, std::string section,
                          const app::CurrentUser& user);
// Adds MoJ sub-navigation items: {text, href}; the one whose href equals `current` is marked.
void set_sub_navigation(mustache::data& page,
                        const std::vector<std::pair<std::string, std::string>>& items,
                        std::string_view current);

// A refused stale change lists what changed since the person opened the record as errors of this
// field (one per change, in order): the summary shows them as `changed_since[{text}]` under the
// error, not as links, since there is nothing to fix on the form for them.
inline constexpr std::string_view kChangedSinceField = "changed_since";

// Adds the GOV.UK error summary and inline errors: has_errors, error_summary[{anchor,message}],
// and errors.<field> = message for the first error of each field. `anchors` maps a field to the
// id of the input the summary should link to (defaults to the field name itself). Errors of
// kChangedSinceField go to changed_since[{text}] instead.
void add_field_errors(mustache::data& page, const std::vector<FieldError>& errors,
                      const std::map<std::string, std::string>& anchors = {});

// "2026-11-25" → "Wednesday 25 November 2026": the day matters to someone waiting for a call.
// Returns the text unchanged when it is not a date.
std::string long_date(std::string_view iso_date);

// Percent-encodes a query-string value or path segment (RFC 3986 unreserved characters kept).
std::string url_encode(std::string_view value);

// Link targets for data typed by other people. Empty when the value cannot be made safe.
std::string safe_web_url(std::string_view url);    // http:// or https:// only
std::string tel_href(std::string_view phone);      // "tel:+441512345678"
std::string mailto_href(std::string_view email);   // "mailto:a@b.example" for a plain address

// Renders `template_name` with `data` into an HTML response. Pages that may show anything
// personal (sign-in, staff pages) are never stored by browsers or proxies.
Response page_response(AppContext& ctx, int status, std::string_view template_name,
                       mustache::data data);
// A public page whose content was rendered already (a piece kept by the handler), in the layout.
Response page_response_around(AppContext& ctx, int status, std::string content,
                              mustache::data data);
// The same, into an existing response (one that already carries cookies).
void render_into(Response& response, AppContext& ctx, int status, std::string_view template_name,
                 mustache::data data);

// Plain error pages in the public layout, or the staff layout when `user` is given.
Response not_found_page(AppContext& ctx, const std::optional<app::CurrentUser>& user = {});
Response forbidden_page(AppContext& ctx, const std::optional<app::CurrentUser>& user = {});
Response server_error_page(AppContext& ctx);
// 403 for a form posted from another website (the pipeline's cross-site refusal).
Response cross_site_page(AppContext& ctx);

}  // namespace vg::http::pages
