// The session cookie and CSRF checks for pages people use after signing in.
// The raw session id appears only in the Set-Cookie header; it is never logged.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/accounts/account_service.h"
#include "http/app_context.h"
#include "http/cookies.h"
#include "http/http_message.h"

namespace vg::http {

inline constexpr const char* kCsrfField = "csrf_token";

// The signed-in person, if the request carries a live session cookie. A half-way sign-in (second
// factor still to come) is nobody: every page but the second factor's own sees it signed out.
std::optional<app::CurrentUser> current_user(const Request& request, AppContext& ctx);
// The half-way sign-in the cookie holds, for the second-factor pages only.
std::optional<app::PendingSignIn> pending_sign_in(const Request& request, AppContext& ctx);

void set_session_cookie(Response& response, const std::string& session_id,
                        const SiteSettings& settings);
void clear_session_cookie(Response& response, const SiteSettings& settings);

// The CSRF token a form must carry: the session's when signed in, otherwise one bound to a
// short-lived pre-session cookie that this call sets on `response` when missing.
std::string csrf_token_for(const Request& request, Response& response,
                           const std::optional<app::CurrentUser>& user, AppContext& ctx);
// Checks the form's csrf_token field against the session (or pre-session cookie).
bool csrf_valid(const Request& request, const std::vector<std::pair<std::string, std::string>>& form,
                const std::optional<app::CurrentUser>& user, AppContext& ctx);

}  // namespace vg::http
