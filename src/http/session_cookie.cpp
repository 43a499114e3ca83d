#include "http/session_cookie.h"

#include "app/form_fields.h"
#include "app/security/random_token.h"

namespace vg::http {
std::optional<app::CurrentUser> current_user(const Request& request, AppContext& ctx) {
  auto id = read_cookie(request, kSessionCookie, ctx.settings);
  if (!id) return std::nullopt;
  auto found = ctx.accounts.current_user(*id);
  if (!found) return std::nullopt;  // a store error reads as signed out; the page still works
  return std::move(*found);
}

std::optional<app::PendingSignIn> pending_sign_in(const Request& request, AppContext& ctx) {
  auto id = read_cookie(request, kSessionCookie, ctx.settings);
  if (!id) return std::nullopt;
  auto found = ctx.accounts.pending_sign_in(*id);
  if (!found) return std::nullopt;  // a store error: sign in again
  return std::move(*found);
}

void set_session_cookie(Response& response, const std::string& session_id,
                        const SiteSettings& settings) {
  set_cookie(response, kSessionCookie, session_id, settings);
}

void clear_session_cookie(Response& response, const SiteSettings& settings) {
  clear_cookie(response, kSessionCookie, settings);
}

std::string csrf_token_for(const Request& request, Response& response,
                           const std::optional<app::CurrentUser>& user, AppContext& ctx) {
  if (user) return user->csrf_token;
  auto presession = read_cookie(request, kPresessionCookie, ctx.settings);
  if (!presession || presession->size() != 64) {
    presession = app::random_hex(32);
    set_cookie(response, kPresessionCookie, *presession, ctx.settings);
  }
  return app::AccountService::anonymous_csrf_token(*presession);
}

bool csrf_valid(const Request& request,
                const std::vector<std::pair<std::string, std::string>>& form,
                const std::optional<app::CurrentUser>& user, AppContext& ctx) {
  const std::string submitted = app::form_value(form, kCsrfField);
  if (user) return app::AccountService::csrf_matches(*user, submitted);
  auto presession = read_cookie(request, kPresessionCookie, ctx.settings);
  return presession && app::AccountService::anonymous_csrf_matches(*presession, submitted);
}

}  // namespace vg::http
