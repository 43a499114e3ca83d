// Directory administration: lists, and forms to add and edit organisations and services. Only
// for people whose role may edit the directory; every POST checks the CSRF token first.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/actor.h"
#include "domain/access/access_table.h"
#include "domain/accounts/role.h"
#include "http/pages/form_components.h"
#include "http/pages/page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

using pages::FormFields;
using pages::form_value;
using pages::form_values;

constexpr int kAdminPerPage = 20;
constexpr std::string_view kSection = "Directory admin";
constexpr size_t kMaxFieldLength = 5000;

const std::vector<std::pair<std::string, std::string>> kAdminNavigation = {
    {"Directory", "/admin"},
    {"Routing rules", "/admin/routing"},
    {"Add an organisation", "/admin/organisations/new"},
    {"Add a service", "/admin/services/new"},
    {"Failed jobs", "/admin/jobs"},
    {"Your account", "/staff"},
};

const std::vector<std::pair<std::string, std::string>> kStatuses = {
    {"active", "Active"},
    {"temporarily closed", "Temporarily closed"},
    {"inactive", "Inactive"},
    {"defunct", "Closed for good"},
};

// The signed-in editor, or the response to send instead: sign in (anonymous) or 403.
std::expected<app::CurrentUser, Response> require_editor(const Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return std::unexpected(redirect("/sign-in"));
  if (!access::role_may(user->user.role, access::Action::kEditDirectory)) {
    return std::unexpected(pages::forbidden_page(ctx, user));
  }
  return std::move(*user);
}

// The page for a record that could not be read: there is none, or the store failed.
Response unreadable_record_page(AppContext& ctx, const app::CurrentUser& user, const Error& error) {
  return error.code == "not_found" ? pages::not_found_page(ctx, user)
                                   : pages::server_error_page(ctx);
}

// A form post from a signed-in editor, with a valid CSRF token: who, and what they sent; or the
// response to send instead.
struct EditorPost {
  app::CurrentUser user;
  FormFields fields;
};

// `id` names the record an edit saves (empty for a new one), read with `find`: an edit of one
// that is not there is "not found", never a new record under the id in the address.
template <typename Find>
std::expected<EditorPost, Response> editor_post(const Request& request, AppContext& ctx,
                                                const std::string& id, Find&& find) {
  auto user = require_editor(request, ctx);
  if (!user) return std::unexpected(std::move(user.error()));
  FormFields fields = parse_form(request.body);
  if (!csrf_valid(request, fields, *user, ctx)) {
    return std::unexpected(pages::forbidden_page(ctx, *user));
  }
  if (!id.empty()) {
    auto existing = find(id);
    if (!existing) return std::unexpected(unreadable_record_page(ctx, *user, existing.error()));
  }
  return EditorPost{std::move(*user), std::move(fields)};
}

// What a refused save shows on its form; nothing when it failed for another reason (the store).
std::optional<std::vector<FieldError>> form_errors(const Error& error) {
  // A refusal that names its field (a service in another area) is said on the form, too.
  const bool said_on_the_form = error.code == "validation_failed" ||
                                (error.code == "forbidden" && !error.fields.empty());
  if (!said_on_the_form) return std::nullopt;
  auto errors = error.fields;
  if (errors.empty()) errors.push_back({"name", "invalid", error.message});
  return errors;
}

mustache::data admin_page(std::string title, const app::CurrentUser& user,
                          std::string_view current_nav) {
  auto page = pages::staff_page(std::move(title), std::string(kSection), user);
  pages::set_sub_navigation(page, kAdminNavigation, current_nav);
  page.set("csrf_token", user.csrf_token);
  return page;
}

// The page of a form that adds a record under /admin/`kind` (`id` empty) or edits the one `id`
// names: its title, where it posts, and which navigation item it sits under.
mustache::data add_or_edit_page(const app::CurrentUser& user, std::string_view kind,
                                const std::string& id, std::string add_title,
                                std::string edit_title) {
  const bool editing = !id.empty();
  std::string base = "/admin/";
  base.append(kind);
  const std::string add_href = base + "/new";
  auto page = admin_page(editing ? std::move(edit_title) : std::move(add_title), user,
                         editing ? std::string("/admin") : add_href);
  page.set("editing", editing);
  page.set("action", editing ? base + "/" + pages::url_encode(id) + "/edit" : add_href);
  return page;
}

std::string bounded(std::string value) {
  if (value.size() > kMaxFieldLength) value.resize(kMaxFieldLength);
  return value;
}

int page_number(const Request& request, std::string_view name) {
  int page = 1;
  auto text = request.query_param(name).value_or("1");
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (ec != std::errc() || ptr != text.data() + text.size()) return 1;
  return std::clamp(page, 1, 100000);
}

int total_pages(std::int64_t total) {
  return static_cast<int>(std::max<std::int64_t>(1, (total + kAdminPerPage - 1) / kAdminPerPage));
}

// Previous / next links for an admin list; other query parameters are kept.
mustache::data pager(const std::string& base, const std::string& param, int current, int pages) {
  mustache::data p;
  p.set("show", pages > 1);
  p.set("has_previous", current > 1);
  p.set("has_next", current < pages);
  const char sep = base.find('?') == std::string::npos ? '?' : '&';
  p.set("previous_href", base + sep + param + "=" + std::to_string(current - 1));
  p.set("next_href", base + sep + param + "=" + std::to_string(current + 1));
  p.set("label", "Page " + std::to_string(current) + " of " + std::to_string(pages));
  return p;
}

Response admin_home(Request& request, AppContext& ctx) {
  auto user = require_editor(request, ctx);
  if (!user) return std::move(user.error());
  auto page = admin_page("Directory", *user, "/admin");
  const auto saved = request.query_param("saved").value_or("");
  page.set("saved_organisation", saved == "organisation");
  page.set("saved_service", saved == "service");

  std::string query = request.query_param("q").value_or("");
  if (query.size() > 200) query.resize(200);
  page.set("q", query);

  const int org_page = page_number(request, "organisations_page");
  auto orgs = ctx.directory.list_organizations({org_page, kAdminPerPage});
  if (!orgs) return pages::server_error_page(ctx);
  mustache::data org_list{mustache::data::type::list};
  for (const auto& org : orgs->items) {
    mustache::data item;
    item.set("name", org.name);
    item.set("edit_href", "/admin/organisations/" + pages::url_encode(org.id) + "/edit");
    org_list.push_back(item);
  }
  page.set("organisations", org_list);
  page.set("organisation_count", std::to_string(orgs->total_items));
  page.set("organisation_pager",
           pager("/admin", "organisations_page", org_page, total_pages(orgs->total_items)));

  app::ServiceSearch search;
  search.text = query;
  search.include_inactive = true;
  search.page = page_number(request, "services_page");
  search.per_page = kAdminPerPage;
  auto services = ctx.directory.search_services(search);
  if (!services) {
    if (services.error().code != "validation_failed") return pages::server_error_page(ctx);
    pages::add_field_errors(page, {{"q", "invalid", "Enter different words to search for"}});
  }
  mustache::data service_list{mustache::data::type::list};
  std::int64_t service_total = 0;
  if (services) {
    service_total = services->page.total_items;
    for (const auto& record : services->page.items) {
      const auto view = ctx.directory.view_of(record);
      mustache::data item;
      item.set("name", view.name);
      item.set("organization_name", view.organization_name);
      item.set("status", view.status);
      item.set("edit_href", "/admin/services/" + pages::url_encode(view.id) + "/edit");
      item.set("public_href", "/find-support/services/" + pages::url_encode(view.id));
      service_list.push_back(item);
    }
  }
  page.set("services", service_list);
  page.set("service_count", std::to_string(service_total));
  const std::string base = query.empty() ? "/admin" : "/admin?q=" + pages::url_encode(query);
  page.set("service_pager",
           pager(base, "services_page", search.page, total_pages(service_total)));
  return pages::page_response(ctx, 200, "admin_home", std::move(page));
}

// --- organisations --------------------------------------------------------------------------

Response render_organisation_form(AppContext& ctx, const app::CurrentUser& user,
                                  const app::OrganizationForm& form,
                                  const std::vector<FieldError>& errors, int status) {
  auto page = add_or_edit_page(user, "organisations", form.id, "Add an organisation",
                               "Edit organisation");
  mustache::data values;
  values.set("name", form.name);
  values.set("description", form.description);
  values.set("website", form.website);
  values.set("email", form.email);
  page.set("form", values);
  if (!errors.empty()) pages::add_field_errors(page, errors);
  page.set("back_href", "/admin");
  return pages::page_response(ctx, status, "admin_organisation_form", std::move(page));
}

Response new_organisation_form(Request& request, AppContext& ctx) {
  auto user = require_editor(request, ctx);
  if (!user) return std::move(user.error());
  return render_organisation_form(ctx, *user, {}, {}, 200);
}

Response edit_organisation_form(Request& request, AppContext& ctx) {
  auto user = require_editor(request, ctx);
  if (!user) return std::move(user.error());
  auto form = ctx.directory_admin.organization_form(request.path_param("id"));
  if (!form) return unreadable_record_page(ctx, *user, form.error());
  return render_organisation_form(ctx, *user, *form, {}, 200);
}

Response save_organisation(Request& request, AppContext& ctx, std::string id) {
  auto post = editor_post(request, ctx, id, [&ctx](const std::string& existing) {
    return ctx.directory.get_organization(existing);
  });
  if (!post) return std::move(post.error());
  const auto& [user, fields] = *post;
  app::OrganizationForm form;
  form.id = std::move(id);
  form.name = bounded(form_value(fields, "name"));
  form.description = bounded(form_value(fields, "description"));
  form.website = bounded(form_value(fields, "website"));
  form.email = bounded(form_value(fields, "email"));
  auto saved = ctx.directory_admin.save_organization(form, user.user.id);
  if (!saved) {
    auto errors = form_errors(saved.error());
    if (!errors) return pages::server_error_page(ctx);
    return render_organisation_form(ctx, user, form, *errors, 400);
  }
  return redirect("/admin?saved=organisation");
}

Response create_organisation(Request& request, AppContext& ctx) {
  return save_organisation(request, ctx, {});
}

Response update_organisation(Request& request, AppContext& ctx) {
  return save_organisation(request, ctx, request.path_param("id"));
}

// --- services -------------------------------------------------------------------------------

// Checkbox options for one taxonomy group, ticked where the form has the code: {options: [...]}.
mustache::data term_options(AppContext& ctx, std::string_view group, const std::string& field,
                            const std::vector<std::string>& chosen) {
  mustache::data list{mustache::data::type::list};
  mustache::data wrapper;
  auto terms = ctx.directory.terms_in_group(group);
  if (!terms) {
    wrapper.set("options", list);
    return wrapper;
  }
  int index = 0;
  for (const auto& term : *terms) {
    mustache::data item;
    item.set("id", index == 0 ? field : field + "-" + std::to_string(index));
    item.set("name", field);
    item.set("value", term.code);
    item.set("label", term.name);
    item.set("checked", std::find(chosen.begin(), chosen.end(), term.code) != chosen.end());
    list.push_back(item);
    ++index;
  }
  wrapper.set("options", list);
  return wrapper;
}

// Local authority checkboxes, one fieldset per police force area.
mustache::data area_fieldsets(const std::vector<std::string>& chosen) {
  mustache::data list{mustache::data::type::list};
  int index = 0;
  for (const auto& area : pages::local_authority_groups()) {
    mustache::data options{mustache::data::type::list};
    for (const auto& [code, name] : area.options) {
      mustache::data item;
      item.set("id", index == 0 ? std::string("local_authorities")
                                : "local_authorities-" + std::to_string(index));
      item.set("name", "local_authorities");
      item.set("value", code);
      item.set("label", name);
      item.set("checked", std::find(chosen.begin(), chosen.end(), code) != chosen.end());
      options.push_back(item);
      ++index;
    }
    mustache::data fieldset;
    fieldset.set("legend", area.label);
    fieldset.set("options", options);
    list.push_back(fieldset);
  }
  return list;
}

// What the person typed into the age boxes, kept as typed so a mistake is shown back to them.
struct AgeInput {
  std::string minimum;
  std::string maximum;
};

Response render_service_form(AppContext& ctx, const app::CurrentUser& user,
                             const app::ServiceForm& form, const AgeInput& ages,
                             const std::vector<FieldError>& errors, int status) {
  auto page = add_or_edit_page(user, "services", form.id, "Add a service", "Edit service");
  mustache::data values;
  values.set("name", form.name);
  values.set("description", form.description);
  values.set("url", form.url);
  values.set("email", form.email);
  values.set("phone", form.phone);
  values.set("opening_hours", form.opening_hours);
  values.set("minimum_age", ages.minimum);
  values.set("maximum_age", ages.maximum);
  values.set("self_referral_yes", form.self_referral);
  values.set("self_referral_no", !form.self_referral);
  values.set("confidential_location", form.confidential_location);
  page.set("form", values);

  mustache::data statuses{mustache::data::type::list};
  for (const auto& [code, label] : kStatuses) {
    mustache::data item;
    item.set("value", code);
    item.set("label", label);
    item.set("selected", code == form.status);
    statuses.push_back(item);
  }
  page.set("statuses", statuses);

  mustache::data organisations{mustache::data::type::list};
  // Directories are edited by few people with few organisations; 1,000 is far beyond real use.
  if (auto orgs = ctx.directory.list_organizations({1, 1000})) {
    std::vector<app::OrganizationRecord> sorted = orgs->items;
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const auto& org : sorted) {
      mustache::data item;
      item.set("value", org.id);
      item.set("label", org.name);
      item.set("selected", org.id == form.organization_id);
      organisations.push_back(item);
    }
  }
  page.set("organisations", organisations);
  page.set("crime_type_group", term_options(ctx, "crime_type", "crime_types", form.crime_types));
  page.set("audience_group", term_options(ctx, "audience", "audiences", form.audiences));
  page.set("kind_of_help_group",
           term_options(ctx, "kind_of_help", "kinds_of_help", form.kinds_of_help));
  page.set("area_fieldsets", area_fieldsets(form.local_authorities));
  if (!errors.empty()) {
    pages::add_field_errors(page, errors, {{"self_referral", "self_referral"}});
  }
  page.set("back_href", "/admin");
  return pages::page_response(ctx, status, "admin_service_form", std::move(page));
}

std::string age_text(const std::optional<int>& age) {
  return age ? std::to_string(*age) : std::string();
}

Response new_service_form(Request& request, AppContext& ctx) {
  auto user = require_editor(request, ctx);
  if (!user) return std::move(user.error());
  return render_service_form(ctx, *user, {}, {}, {}, 200);
}

Response edit_service_form(Request& request, AppContext& ctx) {
  auto user = require_editor(request, ctx);
  if (!user) return std::move(user.error());
  auto form = ctx.directory_admin.service_form(request.path_param("id"));
  if (!form) return unreadable_record_page(ctx, *user, form.error());
  return render_service_form(ctx, *user, *form,
                             {age_text(form->minimum_age), age_text(form->maximum_age)}, {}, 200);
}

// Parses an age box: empty → no limit; otherwise a whole number from 0 to 120.
std::optional<int> parse_age(const std::string& text, const std::string& field,
                             const std::string& label, std::vector<FieldError>& errors) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0 || value > 120) {
    errors.push_back({field, "invalid", label + " must be a whole number between 0 and 120"});
    return std::nullopt;
  }
  return value;
}

Response save_service(Request& request, AppContext& ctx, std::string id) {
  auto post = editor_post(request, ctx, id, [&ctx](const std::string& existing) {
    return ctx.directory.get_service(existing);
  });
  if (!post) return std::move(post.error());
  const auto& [user, fields] = *post;
  app::ServiceForm form;
  form.id = std::move(id);
  form.organization_id = bounded(form_value(fields, "organization_id"));
  form.name = bounded(form_value(fields, "name"));
  form.description = bounded(form_value(fields, "description"));
  form.status = bounded(form_value(fields, "status"));
  form.url = bounded(form_value(fields, "url"));
  form.email = bounded(form_value(fields, "email"));
  form.phone = bounded(form_value(fields, "phone"));
  form.opening_hours = bounded(form_value(fields, "opening_hours"));
  form.crime_types = form_values(fields, "crime_types");
  form.audiences = form_values(fields, "audiences");
  form.kinds_of_help = form_values(fields, "kinds_of_help");
  form.local_authorities = form_values(fields, "local_authorities");
  form.self_referral = form_value(fields, "self_referral") == "yes";
  form.confidential_location = form_value(fields, "confidential_location") == "yes";
  const AgeInput ages{bounded(form_value(fields, "minimum_age")),
                      bounded(form_value(fields, "maximum_age"))};

  // Our own checks first (the age boxes are text until parsed); then the directory's rules.
  std::vector<FieldError> errors;
  form.minimum_age = parse_age(ages.minimum, "minimum_age", "Youngest age", errors);
  form.maximum_age = parse_age(ages.maximum, "maximum_age", "Oldest age", errors);
  if (form_value(fields, "self_referral").empty()) {
    errors.push_back({"self_referral", "required",
                      "Select yes if people can refer themselves to this service"});
  }
  if (!errors.empty()) return render_service_form(ctx, user, form, ages, errors, 400);

  auto saved = ctx.directory_admin.save_service(form, app::actor_of(user));
  if (!saved) {
    auto service_errors = form_errors(saved.error());
    if (!service_errors) return pages::server_error_page(ctx);
    const int status = saved.error().code == "forbidden" ? 403 : 400;
    return render_service_form(ctx, user, form, ages, *service_errors, status);
  }
  return redirect("/admin?saved=service");
}

Response create_service(Request& request, AppContext& ctx) { return save_service(request, ctx, {}); }

Response update_service(Request& request, AppContext& ctx) {
  return save_service(request, ctx, request.path_param("id"));
}

}  // namespace

void add_admin_pages(Router& router, AppContext& ctx) {
  auto bind = [&ctx](Response (*page)(Request&, AppContext&)) { return with_context(ctx, page); };
  const Guard editors = Guard::may(access::Action::kEditDirectory);
  router.add("GET", "/admin", editors, bind(admin_home));
  router.add("GET", "/admin/organisations/new", editors, bind(new_organisation_form));
  router.add("POST", "/admin/organisations/new", editors, bind(create_organisation));
  router.add("GET", "/admin/organisations/{id}/edit", editors, bind(edit_organisation_form));
  router.add("POST", "/admin/organisations/{id}/edit", editors, bind(update_organisation));
  router.add("GET", "/admin/services/new", editors, bind(new_service_form));
  router.add("POST", "/admin/services/new", editors, bind(create_service));
  router.add("GET", "/admin/services/{id}/edit", editors, bind(edit_service_form));
  router.add("POST", "/admin/services/{id}/edit", editors, bind(update_service));
}

}  // namespace vg::http
