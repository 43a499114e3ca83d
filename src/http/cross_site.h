// Cross-site request forgery protection for every state-changing request, in one place (the
// pipeline), so no form can forget it. Must never refuse a same-origin browser form posted
// without JavaScript, nor a machine client that authenticates with a bearer key.
#pragma once

#include <string>
#include <string_view>

#include "http/http_message.h"

namespace vg::http {

// The origin ("scheme://host[:port]", lower-case, default port dropped) of a URL such as the
// configured public_base_url; empty when it has none.
std::string origin_of(std::string_view url);

// Whether `request` must be refused as a cross-site forgery. Only POST, PUT, PATCH and DELETE
// are checked, and not those carrying `Authorization: Bearer` (no ambient credential a browser
// adds by itself). Otherwise, as browsers tell us:
//   1. Sec-Fetch-Site present: allowed only when "same-origin" or "none" (typed by the person).
//   2. Else Origin present: allowed only when it is the request's own Host (any scheme: TLS may
//      end at a proxy) or `public_origin`. "null" (a sandboxed or privacy-stripped page) fails.
//   3. Neither header: allowed. Every browser that posts a form cross-site sends one of them;
//      a request with neither comes from a program, which has no victim's cookie to abuse.
bool is_cross_site_forgery(const Request& request, std::string_view public_origin);

// Whether a WebSocket handshake comes from one of our own pages: its Origin (which every browser
// sends on one) is the request's own Host or `public_origin`, as in rule 2 above. No Origin, or
// any other, is refused.
bool is_same_origin_socket(const Request& request, std::string_view public_origin);

}  // namespace vg::http
