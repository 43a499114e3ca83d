// The product's cookies, named and given their attributes in one place. Every one is HttpOnly
// with no Domain and no Max-Age (it dies with the browser; the server enforces its own limits).
// With secure cookies (SiteSettings::secure_cookies: on whenever the public address is https)
// each is also Secure and its name carries a prefix a browser enforces: __Host- (only with
// Secure, Path=/ and no Domain) for cookies of the whole site, __Secure- (only with Secure) for
// one kept to a narrower path. Neither a plain-http page nor, for __Host-, another site under a
// shared parent domain can then plant or replace one (session fixation). Values are never logged.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/app_context.h"
#include "http/http_message.h"

namespace vg::http {

struct CookieKind {
  std::string_view name;       // without the prefix
  std::string_view same_site;  // "Lax" or "Strict"
  std::string_view path = "/";
};

// The signed-in (or half-way signed-in) staff session.
inline constexpr CookieKind kSessionCookie{"vg_session", "Lax"};
// Ties the sign-in form's CSRF token to this browser before there is a session.
inline constexpr CookieKind kPresessionCookie{"vg_presession", "Lax"};
// A self-referral's draft: sent only to the form's own pages. Lax: the form is reached by links
// from other sites.
inline constexpr CookieKind kDraftCookie{"vg_refer", "Lax", "/refer"};
// A victim's live chat: Strict, so a link from another site never arrives with the chat and no
// other site can post into it. Path=/, so that Exit this page (/refer/exit) receives it.
inline constexpr CookieKind kChatCookie{"vg_chat", "Strict"};

// The name the cookie has on this site ("__Host-vg_session", "__Secure-vg_refer" with secure
// cookies).
std::string cookie_name(const CookieKind& kind, const SiteSettings& settings);
// Its value in the request, if sent under this site's name for it.
std::optional<std::string> read_cookie(const Request& request, const CookieKind& kind,
                                       const SiteSettings& settings);
void set_cookie(Response& response, const CookieKind& kind, std::string_view value,
                const SiteSettings& settings);
// Tells the browser to forget it.
void clear_cookie(Response& response, const CookieKind& kind, const SiteSettings& settings);

}  // namespace vg::http
