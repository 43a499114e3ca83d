#include "http/pages/page_data.h"

#include <chrono>
#include <cstdio>

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/access/access_table.h"
#include "domain/text/web_address.h"
#include "domain/accounts/role.h"

namespace vg::http::pages {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool has_control_or_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

}  // namespace

void append(mustache::data& list, mustache::data&& item) {
  // The library gives no mutable access to a list but this; the list is ours and not shared.
  const_cast<mustache::list&>(list.list_value()).push_back(std::move(item));
}

mustache::data list_with_room(std::size_t count) {
  mustache::data list{mustache::data::type::list};
  const_cast<mustache::list&>(list.list_value()).reserve(count);
  return list;
}

mustache::data public_page(std::string page_title, std::string section) {
  mustache::data page;
  page.set("page_title", std::move(page_title));
  page.set("section", std::move(section));
  page.set("staff", false);
  page.set("has_errors", false);
  return page;
}

mustache::data staff_page(std::string page_title, std::string section,
                          const app::CurrentUser& user) {
  mustache::data page;
  page.set("page_title", std::move(page_title));
  page.set("section", std::move(section));
  page.set("staff", true);
  page.set("has_errors", false);
  page.set("home_href", access::role_may(user.user.role, access::Action::kEditDirectory) ? "/admin" : "/staff");
  mustache::data who;
  who.set("display_name", user.user.display_name);
  who.set("role_label", std::string(accounts::to_label(user.user.role)));
  who.set("csrf_token", user.csrf_token);
  page.set("user", who);
  return page;
}

void set_sub_navigation(mustache::data& page,
                        const std::vector<std::pair<std::string, std::string>>& items,
                        std::string_view current) {
  mustache::data list{mustache::data::type::list};
  for (const auto& [text, href] : items) {
    mustache::data item;
    item.set("text", text);
    item.set("href", href);
    item.set("current", href == current);
    list.push_back(item);
  }
  page.set("sub_navigation", list);
  page.set("has_sub_navigation", !items.empty());
}

void add_field_errors(mustache::data& page, const std::vector<FieldError>& errors,
                      const std::map<std::string, std::string>& anchors) {
  mustache::data summary{mustache::data::type::list};
  mustache::data by_field;
  std::set<std::string> seen;
  mustache::data changed{mustache::data::type::list};
  for (const auto& error : errors) {
    if (error.field == kChangedSinceField) {
      mustache::data item;
      item.set("text", error.message);
      changed.push_back(item);
      continue;
    }
    // One message per field, as GOV.UK asks: the first is the one to fix first.
    if (!seen.insert(error.field).second) continue;
    auto anchor = anchors.find(error.field);
    mustache::data item;
    item.set("anchor", anchor == anchors.end() ? error.field : anchor->second);
    item.set("message", error.message);
    summary.push_back(item);
    by_field.set(error.field, error.message);
  }
  page.set("has_errors", !errors.empty());
  page.set("error_summary", summary);
  page.set("errors", by_field);
  page.set("has_changed_since", !changed.is_empty_list());
  page.set("changed_since", changed);
}

std::string url_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0F]);
    }
  }
  return out;
}

std::string safe_web_url(std::string_view url) {
  url = trim(url);
  return is_web_address(url) ? std::string(url) : std::string();
}

std::string tel_href(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
    else if (c == '+' && digits.empty()) digits.push_back(c);
  }
  if (digits.size() < 3) return {};
  return "tel:" + digits;
}

std::string long_date(std::string_view iso) {
  static const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  static const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::string(iso);
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(std::string(iso).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::string(iso);
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::string(iso);
  const std::chrono::weekday wd{std::chrono::sys_days{ymd}};
  return std::string(kDays[wd.c_encoding()]) + " " + std::to_string(d) + " " + kMonths[m - 1] + " " +
         std::to_string(y);
}

std::string mailto_href(std::string_view email) {
  email = trim(email);
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return {};
  if (has_control_or_space(email)) return {};
  // A plain address only: nothing that could add headers or a body to the message.
  if (email.find_first_of("?&%<>\"'") != std::string_view::npos) return {};
  return "mailto:" + std::string(email);
}

void render_into(Response& response, AppContext& ctx, int status, std::string_view template_name,
                 mustache::data data) {
  const auto* staff = data.get("staff");
  const bool personal = staff != nullptr && staff->is_true();
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = ctx.pages.render(template_name, std::move(data));
  if (personal || template_name.starts_with("sign_in") || template_name.starts_with("refer_")) response.set_header("Cache-Control", "no-store");
}

Response page_response(AppContext& ctx, int status, std::string_view template_name,
                       mustache::data data) {
  Response response;
  render_into(response, ctx, status, template_name, std::move(data));
  return response;
}

Response page_response_around(AppContext& ctx, int status, std::string content,
                              mustache::data data) {
  const auto* staff = data.get("staff");
  const bool personal = staff != nullptr && staff->is_true();
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = ctx.pages.render_around(std::move(content), std::move(data));
  if (personal) response.set_header("Cache-Control", "no-store");
  return response;
}

namespace {

Response message_page(AppContext& ctx, int status, std::string title, std::string message,
                      const std::optional<app::CurrentUser>& user) {
  auto page = user ? staff_page(title, {}, *user) : public_page(title);
  page.set("heading", title);
  page.set("message", std::move(message));
  return page_response(ctx, status, "message", std::move(page));
}

}  // namespace

Response not_found_page(AppContext& ctx, const std::optional<app::CurrentUser>& user) {
  return message_page(ctx, 404, "Page not found",
                      "If you typed the web address, check it is correct. If you pasted the web "
                      "address, check you copied the entire address.",
                      user);
}

Response forbidden_page(AppContext& ctx, const std::optional<app::CurrentUser>& user) {
  return message_page(ctx, 403, "You cannot view this page",
                      "Your account does not allow this, or the form was out of date. Go back, "
                      "reload the page and try again.",
                      user);
}

Response cross_site_page(AppContext& ctx) {
  return message_page(ctx, 403, "Your form could not be sent",
                      "It came from another website, so we did not accept it: this stops other "
                      "sites sending forms in your name. Go to this service's own page, reload "
                      "it and try again.",
                      std::nullopt);
}

Response server_error_page(AppContext& ctx) {
  return message_page(ctx, 500, "Sorry, there is a problem with the service",
                      "Try again later.", std::nullopt);
}

}  // namespace vg::http::pages
