// Sign in, sign out and the signed-in staff landing page. The same message for a wrong email and
// a wrong password, so the form never tells anyone which accounts exist.
#include <string>

#include "domain/access/access_table.h"
#include "domain/accounts/role.h"
#include "http/pages/page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

using pages::FormFields;

constexpr size_t kMaxFieldLength = 512;

std::string home_for(const app::CurrentUser& user) {
  return access::role_may(user.user.role, access::Action::kEditDirectory) ? "/admin" : "/staff";
}

// Renders the sign-in form into `response`, which may already carry cookies.
void render_sign_in(Response& response, const Request& request, AppContext& ctx, int status,
                    const std::string& email, const std::vector<FieldError>& errors,
                    bool signed_out) {
  auto page = pages::public_page("Sign in", "Staff");
  page.set("csrf_token", csrf_token_for(request, response, std::nullopt, ctx));
  page.set("email", email);
  page.set("signed_out", signed_out);
  if (!errors.empty()) pages::add_field_errors(page, errors);
  pages::render_into(response, ctx, status, "sign_in", std::move(page));
}

Response sign_in_form(Request& request, AppContext& ctx) {
  if (auto user = current_user(request, ctx)) return redirect(home_for(*user));
  Response response;
  render_sign_in(response, request, ctx, 200, {}, {},
                 request.query_param("signed-out").value_or("") == "1");
  return response;
}

// What a failed sign-in shows: the form again with the error, and a wait to respect when the
// answer is "too many attempts" (429) or "too busy" (503).
Response sign_in_refused(const Request& request, AppContext& ctx, const std::string& email,
                         const Error& error) {
  Response response;
  int status = 400;
  std::vector<FieldError> errors;
  if (error.code == "unauthorized") {
    errors.push_back({"email", "unauthorized", "Enter a correct email address and password"});
  } else if (error.code == "validation_failed") {
    errors = error.fields;
  } else if (error.code == "too_many_requests" || error.code == "unavailable") {
    status = error.code == "unavailable" ? 503 : 429;
    errors.push_back({"email", error.code, error.message});
    response.set_header("Retry-After",
                        std::to_string(app::AccountService::retry_after_seconds(error)));
  } else {
    return pages::server_error_page(ctx);
  }
  render_sign_in(response, request, ctx, status, email, errors, false);
  return response;
}

// Asynchronous: the password check (Argon2id) runs on the accounts' small hash pool, so this
// connection's thread goes back to serving other requests (the public pages among them) at once.
void sign_in(Request& request, AppContext& ctx, Reply reply) {
  const FormFields form = parse_form(request.body);
  if (!csrf_valid(request, form, std::nullopt, ctx)) {
    // An expired or missing form token: show the form again with a fresh one, not a dead end.
    Response response;
    render_sign_in(response, request, ctx, 400, {},
                   {{"email", "csrf", "Your sign-in form expired. Sign in again"}}, false);
    return reply(std::move(response));
  }
  std::string email = pages::form_value(form, "email");
  // Not shortened: the account service refuses a password longer than any that can be set.
  const std::string password = pages::form_value(form, "password");
  if (email.size() > kMaxFieldLength) email.resize(kMaxFieldLength);

  std::vector<FieldError> errors;
  if (email.empty()) errors.push_back({"email", "required", "Enter your email address"});
  if (password.empty()) errors.push_back({"password", "required", "Enter your password"});
  if (!errors.empty()) {
    Response response;
    render_sign_in(response, request, ctx, 400, email, errors, false);
    return reply(std::move(response));
  }

  ctx.accounts.log_in_async(
      email, password, request.remote_address,
      [&ctx, &request, reply, email](Result<app::LoginResult> login) {
        reply.later([&ctx, &request, email, signed_in = std::move(login)] {
          if (!signed_in) return sign_in_refused(request, ctx, email, signed_in.error());
          Response response = redirect(home_for(signed_in->current));
          set_session_cookie(response, signed_in->session_id, ctx.settings);
          response.set_header("Cache-Control", "no-store");
          return response;
        });
      });
}

Response sign_out(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in?signed-out=1");  // already signed out: nothing to protect
  if (!csrf_valid(request, form, user, ctx)) return pages::forbidden_page(ctx, user);
  if (auto cookie = request.cookie(kSessionCookie)) {
    // Even if the store fails, the cookie is cleared below; the session then idles out.
    (void)ctx.accounts.log_out(*cookie);
  }
  Response response = redirect("/sign-in?signed-out=1");
  clear_session_cookie(response, ctx.settings);
  return response;
}

Response staff_home(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  auto page = pages::staff_page("Home", {}, *user);
  page.set("display_name", user->user.display_name);
  page.set("role_label", std::string(accounts::to_label(user->user.role)));
  page.set("email", user->user.email);
  const std::string& organisation = user->organisation.name;
  page.set("has_organisation", !organisation.empty());
  page.set("organisation", organisation);
  page.set("can_edit_directory", access::role_may(user->user.role, access::Action::kEditDirectory));
  page.set("can_enter_referrals", access::role_may(user->user.role, access::Action::kEnterReferral));
  page.set("can_read_cases", access::role_may(user->user.role, access::Action::kReadReferral));
  return pages::page_response(ctx, 200, "staff_home", std::move(page));
}

}  // namespace

void add_account_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  router.add("GET", "/sign-in", Guard::everyone(), bind(sign_in_form));
  router.add_async("POST", "/sign-in", Guard::everyone(),
                   [&ctx](Request& request, Reply reply) { sign_in(request, ctx, reply); });
  router.add("POST", "/sign-out", Guard::signed_in(), bind(sign_out));
  router.add("GET", "/staff", Guard::signed_in(), bind(staff_home));
}

}  // namespace vg::http
