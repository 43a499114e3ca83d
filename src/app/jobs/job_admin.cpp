#include "app/jobs/job_admin.h"

#include <algorithm>

#include "app/audit/audit_entry.h"

namespace vg::app {
namespace {

Result<void> may_run_jobs(const access::Actor& actor) {
  const bool allowed = std::any_of(actor.areas.begin(), actor.areas.end(), [&](const auto& area) {
    access::Subject subject;
    subject.area = area;
    return access::decide(actor, access::Action::kRunJobs, subject).allowed;
  });
  if (!allowed) return fail("forbidden", "You may not see or retry background jobs");
  return {};
}

}  // namespace

JobAdmin::JobAdmin(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<store::PageOf<store::JobRecord>> JobAdmin::dead_letters(const access::Actor& actor,
                                                               int page) {
  VG_CHECK(may_run_jobs(actor));
  return store_.jobs().list_dead({std::max(page, 1), kPerPage});
}

Result<void> JobAdmin::retry(const access::Actor& actor, const std::string& job_id) {
  VG_CHECK(may_run_jobs(actor));
  return store_.jobs().retry_dead(job_id, clock_.now(),
                                  audit_entry(clock_, actor.user_id, "job.retried", "job", job_id));
}

}  // namespace vg::app
