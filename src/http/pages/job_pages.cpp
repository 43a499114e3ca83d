// Failed background jobs, for administrators: the dead-letter list and "Try again". Shows kinds,
// attempts, error codes and times, never a payload; every POST checks the CSRF token first.
#include <charconv>
#include <string>

#include "app/accounts/actor.h"
#include "domain/access/access_table.h"
#include "http/pages/page_data.h"
#include "http/routes.h"
#include "http/session_cookie.h"

namespace vg::http {
namespace {

constexpr std::string_view kSection = "Directory admin";

const std::vector<std::pair<std::string, std::string>> kNavigation = {
    {"Directory", "/admin"},
    {"Routing rules", "/admin/routing"},
    {"Failed jobs", "/admin/jobs"},
    {"Your account", "/staff"},
};

int page_number(const Request& request) {
  int page = 1;
  auto text = request.query_param("page").value_or("1");
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (ec != std::errc() || ptr != text.data() + text.size()) return 1;
  return std::clamp(page, 1, 100000);
}

// "23 Nov 2026 10:05 UTC": when a job died, to the minute.
std::string when(std::chrono::system_clock::time_point at) {
  const std::string text = to_rfc3339(at);  // 2026-11-23T10:05:00Z
  return pages::long_date(text.substr(0, 10)) + " at " + text.substr(11, 5) + " UTC";
}

Response jobs_page(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  const int page_no = page_number(request);
  auto dead = ctx.job_admin.dead_letters(app::actor_of(*user), page_no);
  if (!dead) {
    return dead.error().code == "forbidden" ? pages::forbidden_page(ctx, *user)
                                            : pages::server_error_page(ctx);
  }
  auto page = pages::staff_page("Failed jobs", std::string(kSection), *user);
  pages::set_sub_navigation(page, kNavigation, "/admin/jobs");
  page.set("csrf_token", user->csrf_token);
  page.set("retried", request.query_param("retried").value_or("") == "1");
  page.set("gone", request.query_param("gone").value_or("") == "1");
  mustache::data list{mustache::data::type::list};
  for (const auto& job : dead->items) {
    mustache::data item;
    item.set("kind", job.kind);
    item.set("attempts", std::to_string(job.attempts));
    item.set("last_error", job.last_error.empty() ? std::string("none recorded") : job.last_error);
    item.set("when", when(job.updated_at));
    item.set("retry_action", "/admin/jobs/" + pages::url_encode(job.id) + "/retry");
    list.push_back(item);
  }
  page.set("jobs", list);
  page.set("has_jobs", !dead->items.empty());
  page.set("job_count", std::to_string(dead->total_items));
  const auto pages_total = static_cast<int>(
      std::max<std::int64_t>(1, (dead->total_items + app::JobAdmin::kPerPage - 1) /
                                    app::JobAdmin::kPerPage));
  mustache::data pager;
  pager.set("show", pages_total > 1);
  pager.set("has_previous", page_no > 1);
  pager.set("has_next", page_no < pages_total);
  pager.set("previous_href", "/admin/jobs?page=" + std::to_string(page_no - 1));
  pager.set("next_href", "/admin/jobs?page=" + std::to_string(page_no + 1));
  pager.set("label", "Page " + std::to_string(page_no) + " of " + std::to_string(pages_total));
  page.set("pager", pager);
  return pages::page_response(ctx, 200, "admin_jobs", std::move(page));
}

Response retry_job(Request& request, AppContext& ctx) {
  auto user = current_user(request, ctx);
  if (!user) return redirect("/sign-in");
  const auto fields = parse_form(request.body);
  if (!csrf_valid(request, fields, *user, ctx)) return pages::forbidden_page(ctx, *user);
  auto retried = ctx.job_admin.retry(app::actor_of(*user), request.path_param("id"));
  if (!retried) {
    if (retried.error().code == "forbidden") return pages::forbidden_page(ctx, *user);
    // Retried already (by someone else, a moment ago) or never there: say so on the list.
    if (retried.error().code == "not_found") return redirect("/admin/jobs?gone=1");
    return pages::server_error_page(ctx);
  }
  return redirect("/admin/jobs?retried=1");
}

}  // namespace

void add_job_pages(Router& router, AppContext& ctx) {
  const Guard runners = Guard::may(access::Action::kRunJobs);
  router.add("GET", "/admin/jobs", runners, with_context(ctx, jobs_page));
  router.add("POST", "/admin/jobs/{id}/retry", runners, with_context(ctx, retry_job));
}

}  // namespace vg::http
