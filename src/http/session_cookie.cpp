#include "http/session_cookie.h"

#include "app/form_fields.h"
#include "app/security/random_token.h"

namespace vg::http {
namespace {

// Random per-browser value that ties the sign-in form's CSRF token to this browser.
constexpr const char* kPresessionCookie = "vg_presession";

std::string cookie_attributes(const SiteSettings& settings) {
  return std::string("; Path=/; HttpOnly; SameSite=Lax") + (settings.secure_cookies ? "; Secure" : "");
}

}  // namespace

std::optional<app::CurrentUser> current_user(const Request& request, AppContext& ctx) {
  auto id = request.cookie(kSessionCookie);
  if (!id) return std::nullopt;
  auto found = ctx.accounts.current_user(*id);
  if (!found) return std::nullopt;  // a store error reads as signed out; the page still works
  return std::move(*found);
}

std::optional<app::PendingSignIn> pending_sign_in(const Request& request, AppContext& ctx) {
  auto id = request.cookie(kSessionCookie);
  if (!id) return std::nullopt;
  auto found = ctx.accounts.pending_sign_in(*id);
  if (!found) return std::nullopt;  // a store error: sign in again
  return std::move(*found);
}

void set_session_cookie(Response& response, const std::string& session_id,
                        const SiteSettings& settings) {
  // No Max-Age: the cookie dies with the browser; the server enforces idle and absolute limits.
  response.headers.emplace_back("Set-Cookie",
                                std::string(kSessionCookie) + "=" + session_id +
                                    cookie_attributes(settings));
}

void clear_session_cookie(Response& response, const SiteSettings& settings) {
  response.headers.emplace_back(
      "Set-Cookie", std::string(kSessionCookie) + "=" + cookie_attributes(settings) + "; Max-Age=0");
}

std::string csrf_token_for(const Request& request, Response& response,
                           const std::optional<app::CurrentUser>& user, AppContext& ctx) {
  if (user) return user->csrf_token;
  auto presession = request.cookie(kPresessionCookie);
  if (!presession || presession->size() != 64) {
    presession = app::random_hex(32);
    response.headers.emplace_back("Set-Cookie", std::string(kPresessionCookie) + "=" +
                                                    *presession + cookie_attributes(ctx.settings));
  }
  return app::AccountService::anonymous_csrf_token(*presession);
}

bool csrf_valid(const Request& request,
                const std::vector<std::pair<std::string, std::string>>& form,
                const std::optional<app::CurrentUser>& user, AppContext&) {
  const std::string submitted = app::form_value(form, kCsrfField);
  if (user) return app::AccountService::csrf_matches(*user, submitted);
  auto presession = request.cookie(kPresessionCookie);
  return presession && app::AccountService::anonymous_csrf_matches(*presession, submitted);
}

}  // namespace vg::http
