// Sign in (password, then the second factor for roles that see victims' details: set up an
// authenticator app, enter its code, or a recovery code), sign out and the staff landing page.
// The same message for a wrong email and a wrong password, so the form never tells anyone which
// accounts exist; no page here shows or logs a code once it has been typed.
#include <optional>
#include <string>
#include <utility>

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

// Where a half-way sign-in goes next; nullopt once signed in.
std::optional<std::string> second_factor_page(accounts::SessionStage stage) {
  switch (stage) {
    case accounts::SessionStage::kSignedIn:
      return std::nullopt;
    case accounts::SessionStage::kAwaitingCode:
      return "/sign-in/code";
    case accounts::SessionStage::kAwaitingEnrolment:
      return "/sign-in/set-up-authenticator";
  }
  return std::nullopt;
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
          // Half-way: the cookie holds a session that reaches only the second-factor pages.
          Response response =
              redirect(second_factor_page(signed_in->stage).value_or(home_for(signed_in->current)));
          set_session_cookie(response, signed_in->session_id, ctx.settings);
          response.set_header("Cache-Control", "no-store");
          return response;
        });
      });
}

// ---- The second factor ----

// The three pages a half-way sign-in may use, with what each shows and accepts.
enum class FactorPage { kCode, kRecoveryCode, kSetUp };

accounts::SessionStage stage_of(FactorPage page) {
  return page == FactorPage::kSetUp ? accounts::SessionStage::kAwaitingEnrolment
                                    : accounts::SessionStage::kAwaitingCode;
}

void render_factor_page(Response& response, AppContext& ctx, FactorPage which,
                        const app::PendingSignIn& pending, int status,
                        const std::vector<FieldError>& errors) {
  const char* title = which == FactorPage::kCode ? "Enter the code from your authenticator app"
                      : which == FactorPage::kRecoveryCode ? "Enter a recovery code"
                                                           : "Set up an authenticator app";
  auto page = pages::public_page(title, "Staff");
  page.set("csrf_token", pending.csrf_token);
  if (which == FactorPage::kSetUp) {
    const auto enrolment = ctx.accounts.enrolment(pending);
    page.set("secret_groups", enrolment.secret_groups);
    page.set("otpauth_uri", enrolment.otpauth_uri);
  }
  if (!errors.empty()) pages::add_field_errors(page, errors);
  const char* template_name = which == FactorPage::kCode           ? "sign_in_code"
                              : which == FactorPage::kRecoveryCode ? "sign_in_recovery_code"
                                                                   : "sign_in_set_up";
  pages::render_into(response, ctx, status, template_name, std::move(page));
}

// Who may see a second-factor page: the half-way sign-in it is for. Anyone else is sent on: a
// signed-in person home, a half-way sign-in of the other kind to its own page, others to sign in.
std::optional<Response> not_for_this_page(const Request& request, AppContext& ctx, FactorPage which,
                                          const std::optional<app::PendingSignIn>& pending) {
  if (pending && pending->stage == stage_of(which)) return std::nullopt;
  if (pending) return redirect(*second_factor_page(pending->stage));
  if (auto user = current_user(request, ctx)) return redirect(home_for(*user));
  return redirect("/sign-in");
}

Response factor_form(Request& request, AppContext& ctx, FactorPage which) {
  auto pending = pending_sign_in(request, ctx);
  if (auto elsewhere = not_for_this_page(request, ctx, which, pending)) return *elsewhere;
  Response response;
  render_factor_page(response, ctx, which, *pending, 200, {});
  return response;
}

// A refused code: the page again with the GOV.UK error summary (and a wait for "too many").
Response factor_refused(AppContext& ctx, FactorPage which, const app::PendingSignIn& pending,
                        const Error& error) {
  Response response;
  if (error.code == "expired") return redirect("/sign-in");
  int status = 400;
  std::vector<FieldError> errors;
  if (error.code == "validation_failed") {
    errors = error.fields;
  } else if (error.code == "unauthorized") {
    errors.push_back({"code", "unauthorized", error.message});
  } else if (error.code == "too_many_requests") {
    status = 429;
    errors.push_back({"code", error.code, error.message});
    response.set_header("Retry-After",
                        std::to_string(app::AccountService::retry_after_seconds(error)));
  } else {
    return pages::server_error_page(ctx);
  }
  render_factor_page(response, ctx, which, pending, status, errors);
  return response;
}

// Signed in at last: the new session's cookie replaces the half-way one (a new id).
void set_signed_in(Response& response, const app::LoginResult& login, AppContext& ctx) {
  set_session_cookie(response, login.session_id, ctx.settings);
  response.set_header("Cache-Control", "no-store");
}

Response factor_submit(Request& request, AppContext& ctx, FactorPage which) {
  auto pending = pending_sign_in(request, ctx);
  if (auto elsewhere = not_for_this_page(request, ctx, which, pending)) return *elsewhere;
  const FormFields form = parse_form(request.body);
  if (!app::AccountService::csrf_matches(*pending, pages::form_value(form, kCsrfField))) {
    Response response;
    render_factor_page(response, ctx, which, *pending, 400,
                       {{"code", "csrf", "This page expired. Enter the code again"}});
    return response;
  }
  std::string code = pages::form_value(form, "code");
  if (code.size() > kMaxFieldLength) code.resize(kMaxFieldLength);
  const auto session_id = *read_cookie(request, kSessionCookie, ctx.settings);
  if (which == FactorPage::kSetUp) {
    auto enrolled = ctx.accounts.confirm_enrolment(session_id, code, request.remote_address);
    if (!enrolled) return factor_refused(ctx, which, *pending, enrolled.error());
    // Shown in this answer and never again: only their hashes were stored.
    Response response;
    auto page = pages::public_page("Save your recovery codes", "Staff");
    page.set("csrf_token", enrolled->login.current.csrf_token);
    mustache::data codes{mustache::data::type::list};
    for (const auto& c : enrolled->recovery_codes) codes.push_back(mustache::data(c));
    page.set("recovery_codes", codes);
    pages::render_into(response, ctx, 200, "sign_in_recovery_codes", std::move(page));
    set_signed_in(response, enrolled->login, ctx);
    return response;
  }
  auto login = which == FactorPage::kCode
                   ? ctx.accounts.verify_code(session_id, code, request.remote_address)
                   : ctx.accounts.use_recovery_code(session_id, code, request.remote_address);
  if (!login) return factor_refused(ctx, which, *pending, login.error());
  Response response = redirect(home_for(login->current));
  set_signed_in(response, *login, ctx);
  return response;
}

// "I have saved these codes": on to the home page.
Response recovery_codes_saved(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  if (!csrf_valid(request, form, user, ctx)) return pages::forbidden_page(ctx, user);
  return redirect(home_for(*user));
}

Response sign_out(Request& request, AppContext& ctx) {
  const FormFields form = parse_form(request.body);
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in?signed-out=1");  // already signed out: nothing to protect
  if (!csrf_valid(request, form, user, ctx)) return pages::forbidden_page(ctx, user);
  if (auto cookie = read_cookie(request, kSessionCookie, ctx.settings)) {
    // Even if the store fails, the cookie is cleared below; the session then idles out.
    (void)ctx.accounts.log_out(*cookie);
  }
  // A reason recorded to read another team's case lasts until sign-out at the latest. Should the
  // store fail, the grants still run out after their few hours.
  (void)ctx.casework.break_glass.end_all(user->user.id);
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
  page.set("has_inbox", access::role_may(user->user.role, access::Action::kAnswerOnwardReferral));
  page.set("can_work_cases", access::role_may(user->user.role, access::Action::kWorkCase));
  page.set("can_read_insight", access::role_may(user->user.role, access::Action::kReadInsight));
  page.set("can_answer_chats", access::role_may(user->user.role, access::Action::kTakeChat));
  page.set("can_export_subject_access", access::role_may(user->user.role, access::Action::kExportSubjectAccess));
  return pages::page_response(ctx, 200, "staff_home", std::move(page));
}

}  // namespace

void add_account_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  router.add("GET", "/sign-in", Guard::everyone(), bind(sign_in_form));
  router.add_async("POST", "/sign-in", Guard::everyone(),
                   [&ctx](Request& request, Reply reply) { sign_in(request, ctx, reply); });
  // Guard "everyone" for the door: each of these pages checks the half-way sign-in itself,
  // since current_user (which every other guard stands on) sees it as nobody.
  for (const auto& [path, page] :
       {std::pair{"/sign-in/code", FactorPage::kCode},
        std::pair{"/sign-in/recovery-code", FactorPage::kRecoveryCode},
        std::pair{"/sign-in/set-up-authenticator", FactorPage::kSetUp}}) {
    const FactorPage which = page;
    router.add("GET", path, Guard::everyone(),
               [&ctx, which](Request& request) { return factor_form(request, ctx, which); });
    router.add("POST", path, Guard::everyone(),
               [&ctx, which](Request& request) { return factor_submit(request, ctx, which); });
  }
  router.add("POST", "/sign-in/recovery-codes-saved", Guard::signed_in(),
             bind(recovery_codes_saved));
  router.add("POST", "/sign-out", Guard::signed_in(), bind(sign_out));
  router.add("GET", "/staff", Guard::signed_in(), bind(staff_home));
}

}  // namespace vg::http
